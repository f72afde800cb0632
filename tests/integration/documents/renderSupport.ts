import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { ROOT } from '../../unit/documents/docxXml.ts';

/** LibreOffice and poppler, for render tests: skipped where absent, CI installs both. */

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
export const canRender = has('soffice') && has('pdftotext') && has('pdftoppm');

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Converts .docx (or .xlsx) files to PDF in `outDir` with a fresh LibreOffice profile (no lock
 * clashes), all in one soffice run: starting LibreOffice costs more than converting a file.
 */
export function toPdf(files: string[], outDir: string): string[] {
  const profile = path.join(os.tmpdir(), `lo-${randomUUID()}`);
  try {
    const r = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        outDir,
        ...files,
      ],
      { timeout: 120_000, encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return files.map((f) => {
    const pdf = path.join(outDir, `${path.basename(f, path.extname(f))}.pdf`);
    expect(fs.existsSync(pdf), `${pdf} was not written`).toBe(true);
    return pdf;
  });
}

export function pdfText(pdf: string, first?: number, last?: number): string {
  const range = first ? ['-f', String(first), '-l', String(last ?? first)] : [];
  return execFileSync('pdftotext', [...range, pdf, '-'], { encoding: 'utf8' });
}

export function pageCount(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}

export const firstLine = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '') ?? '';

/** Lines of page `page` with their horizontal extent in points (pdftotext -bbox-layout). */
export function pdfLines(pdf: string, page: number): { text: string; xMin: number; xMax: number }[] {
  const html = execFileSync('pdftotext', ['-bbox-layout', '-f', String(page), '-l', String(page), pdf, '-'], {
    encoding: 'utf8',
  });
  return [
    ...html.matchAll(/<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g),
  ].map((m) => ({
    xMin: Number(m[1]),
    xMax: Number(m[2]),
    text: [...m[3]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]).join(' '),
  }));
}

/** Page 1 as a PNG in .tmp/screenshots/, for a person to look at. */
export function screenshot(pdf: string, name: string): string {
  const dir = path.join(ROOT, '.tmp', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const prefix = path.join(dir, name);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, prefix]);
  return `${prefix}.png`;
}

/** pdftotext sometimes splits a word around a diacritic ("c ủa"): compare without spaces. */
export const squash = (s: string) =>
  s
    .normalize('NFC')
    .replace(/\s+/g, '')
    .replace(/\u2011/g, '-');
