import { execFileSync } from 'node:child_process';

/**
 * A PDF read back the way a reviewer looks at it: the pages, and on each the lines of words with
 * their boxes (poppler's pdftotext -bbox, one call per file), and pixel rows of an area
 * (pdftoppm), whoever drew the PDF — BaoCao or LibreOffice.
 */

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface Line extends Word {
  words: Word[];
}

export interface Page {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  words: Word[];
  lines: Line[];
}

const unescape = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');

/** Words on one baseline and closer than `gap` points make a line; columns stay apart. */
function linesOf(words: Word[], gap = 12): Line[] {
  const sorted = [...words].sort((a, b) => a.yMax - b.yMax || a.xMin - b.xMin);
  const lines: Line[] = [];
  for (const w of sorted) {
    const line = lines.find(
      (l) => Math.abs(l.yMax - w.yMax) < 2 && w.xMin - l.xMax < gap && w.xMin >= l.xMin - 1,
    );
    if (line) {
      line.words.push(w);
      line.text = `${line.text} ${w.text}`;
      line.xMax = Math.max(line.xMax, w.xMax);
      line.yMin = Math.min(line.yMin, w.yMin);
    } else lines.push({ ...w, words: [w] });
  }
  return lines.sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
}

export function readPages(pdf: string): Page[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return html
    .split('<page ')
    .slice(1)
    .map((chunk, i) => {
      const width = Number(/width="([\d.]+)"/.exec(chunk)![1]);
      const height = Number(/height="([\d.]+)"/.exec(chunk)![1]);
      const words = [
        ...chunk.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: unescape(m[5]!).normalize('NFC'),
      }));
      return { number: i + 1, width, height, words, lines: linesOf(words) };
    });
}

/**
 * For each pixel row of an area (points from the top-left; `dpi` per inch): how many pixels are
 * dark, and the longest unbroken run of them (a rule is one long run, text is many short ones).
 */
export function darkRows(
  pdf: string,
  page: number,
  area: { x: number; y: number; width: number; height: number },
  dpi = 288,
): { dark: number; run: number }[] {
  const k = dpi / 72;
  const pgm = execFileSync('pdftoppm', [
    '-gray',
    '-r',
    String(dpi),
    '-f',
    String(page),
    '-l',
    String(page),
    '-x',
    String(Math.round(area.x * k)),
    '-y',
    String(Math.round(area.y * k)),
    '-W',
    String(Math.round(area.width * k)),
    '-H',
    String(Math.round(area.height * k)),
    pdf,
  ]);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const [w, h] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  return Array.from({ length: h }, (_, y) => {
    let dark = 0;
    let run = 0;
    let longest = 0;
    for (let x = 0; x < w; x++) {
      if (pixels[y * w + x]! < 160) {
        dark++;
        longest = Math.max(longest, ++run);
      } else run = 0;
    }
    return { dark, run: longest };
  });
}
