import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { PdfBox } from '../../../shared/domain/documents/pdfFields.ts';

/** Reading a PDF back with poppler: page sizes, fonts, words with their boxes, pixels of an area. */

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
export const hasPoppler = has('pdftotext') && has('pdfinfo') && has('pdffonts') && has('pdftoppm');

export function writePdf(dir: string, name: string, bytes: Buffer): string {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Width and height in points of every page. */
export function pageSizes(pdf: string): { width: number; height: number }[] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

export function fontsOf(pdf: string): FontRow[] {
  const out = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2);
  return out
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name, type (may be two words), encoding, emb, sub, uni, object, ID
      const [emb, sub, uni] = cols.slice(-5, -2);
      return {
        name: cols[0]!,
        type: cols.slice(1, -6).join(' '),
        embedded: emb === 'yes',
        subset: sub === 'yes',
        unicode: uni === 'yes',
      };
    });
}

export interface Word {
  text: string;
  /** Poppler's coordinates: points from the top-left corner. */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Words of a page (1-based) with their boxes (pdftotext -bbox). */
export function words(pdf: string, page: number): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], {
    encoding: 'utf8',
  });
  return [
    ...html.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: m[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
  }));
}

/** A box reported in PDF coordinates (origin bottom-left) in poppler's (origin top-left). */
export function toTopLeft(box: PdfBox, pageHeight: number) {
  return {
    xMin: box.x,
    xMax: box.x + box.width,
    yMin: pageHeight - box.y - box.height,
    yMax: pageHeight - box.y,
  };
}

/** The words whose box lies inside `box` (within `slack` points). */
export function wordsInside(all: Word[], box: ReturnType<typeof toTopLeft>, slack = 1): string[] {
  return all
    .filter(
      (w) =>
        w.xMin >= box.xMin - slack &&
        w.xMax <= box.xMax + slack &&
        w.yMin >= box.yMin - slack &&
        w.yMax <= box.yMax + slack,
    )
    .map((w) => w.text);
}

/** How many of an area's pixels (72 dpi, grey) are darker than `threshold`. */
export function darkPixels(
  pdf: string,
  page: number,
  area: { x: number; y: number; width: number; height: number },
  threshold = 200,
): number {
  const pgm = execFileSync('pdftoppm', [
    '-gray',
    '-r',
    '72',
    '-f',
    String(page),
    '-l',
    String(page),
    '-x',
    String(Math.round(area.x)),
    '-y',
    String(Math.round(area.y)),
    '-W',
    String(Math.round(area.width)),
    '-H',
    String(Math.round(area.height)),
    pdf,
  ]);
  // P5 header: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a PGM');
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const p of pixels) if (p < threshold) dark++;
  return dark;
}
