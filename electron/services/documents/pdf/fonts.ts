import fs from 'node:fs';
import path from 'node:path';

/**
 * The typeface of the PDF: the system's Times New Roman where it is installed (Windows), otherwise
 * Liberation Serif 2 shipped in resources/fonts/ (SIL OFL; the same metrics as Times New Roman and
 * every precomposed Vietnamese letter — Liberation 1.07 lacks them). Each set is read once and
 * kept: rendering stays a pure function of its inputs.
 */

export interface PdfFonts {
  /** "Times New Roman" or "Liberation Serif": what pdffonts shows. */
  family: string;
  normal: Buffer;
  bold: Buffer;
  italics: Buffer;
  bolditalics: Buffer;
}

type Style = 'normal' | 'bold' | 'italics' | 'bolditalics';

interface Candidate {
  family: string;
  files: Record<Style, string>;
}

/** Where Times New Roman lives: %WINDIR%\Fonts on Windows. */
export function systemTimesCandidates(env: NodeJS.ProcessEnv = process.env): Candidate[] {
  const out: Candidate[] = [];
  const windir = env.WINDIR ?? env.windir ?? env.SystemRoot;
  if (windir) {
    const dir = path.win32.join(windir, 'Fonts');
    out.push({
      family: 'Times New Roman',
      files: {
        normal: path.win32.join(dir, 'times.ttf'),
        bold: path.win32.join(dir, 'timesbd.ttf'),
        italics: path.win32.join(dir, 'timesi.ttf'),
        bolditalics: path.win32.join(dir, 'timesbi.ttf'),
      },
    });
  }
  return out;
}

export function liberationCandidate(fontsDir: string): Candidate {
  return {
    family: 'Liberation Serif',
    files: {
      normal: path.join(fontsDir, 'LiberationSerif-Regular.ttf'),
      bold: path.join(fontsDir, 'LiberationSerif-Bold.ttf'),
      italics: path.join(fontsDir, 'LiberationSerif-Italic.ttf'),
      bolditalics: path.join(fontsDir, 'LiberationSerif-BoldItalic.ttf'),
    },
  };
}

/** resources/fonts of the checkout (the CLI, tests, web mode); the desktop app passes its own. */
export const DEFAULT_FONTS_DIR = path.resolve(import.meta.dirname, '../../../../resources/fonts');

const cache = new Map<string, PdfFonts>();

function load(c: Candidate): PdfFonts | null {
  const styles: Style[] = ['normal', 'bold', 'italics', 'bolditalics'];
  if (!styles.every((s) => fs.existsSync(c.files[s]))) return null;
  const [normal, bold, italics, bolditalics] = styles.map((s) => fs.readFileSync(c.files[s]));
  return { family: c.family, normal: normal!, bold: bold!, italics: italics!, bolditalics: bolditalics! };
}

/**
 * The first complete set of four: Times New Roman from the system, else Liberation Serif from
 * `fontsDir`. `candidates` is for tests; the app uses the system's.
 */
export function documentFonts(
  fontsDir: string = DEFAULT_FONTS_DIR,
  candidates: Candidate[] = systemTimesCandidates(),
): PdfFonts {
  // The checkout's own copy last: a resources folder without fonts (a test's) still renders.
  const dirs = [...new Set([fontsDir, DEFAULT_FONTS_DIR])];
  const all = [...candidates, ...dirs.map(liberationCandidate)];
  for (const c of all) {
    const cached = cache.get(c.files.normal);
    if (cached) return cached;
    const fonts = load(c);
    if (fonts) {
      cache.set(c.files.normal, fonts);
      return fonts;
    }
  }
  throw new Error(`Không tìm thấy phông chữ Times New Roman hay Liberation Serif trong ${fontsDir}`);
}
