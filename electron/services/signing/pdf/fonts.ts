import fs from 'node:fs';
import path from 'node:path';

export type SerifStyle = 'regular' | 'italic' | 'bold';

const FILES: Record<SerifStyle, string> = {
  regular: 'LiberationSerif-Regular.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  bold: 'LiberationSerif-Bold.ttf',
};

/**
 * Liberation Serif 2, metric-compatible with Times New Roman (what ND30 names), as the PDF builder
 * uses it: first the copy shipped under resources/fonts/, then the Debian package's
 * (fonts-liberation). A caller may name the folder.
 */
export function serifFontPath(style: SerifStyle, fontsDir?: string): string {
  const candidates = [
    ...(fontsDir ? [fontsDir] : []),
    path.resolve(import.meta.dirname, '../../../../resources/fonts'),
    '/usr/share/fonts/truetype/liberation2',
    '/usr/share/fonts/truetype/liberation',
  ];
  for (const dir of candidates) {
    const p = path.join(dir, FILES[style]);
    // A resources folder without fonts (tests' fixtures) falls through to the next place.
    if (fs.existsSync(p)) return p;
  }
  throw new Error(
    `Không tìm thấy phông chữ ${FILES[style]} (tìm trong ${candidates.join(', ')}); cài gói fonts-liberation`,
  );
}

const cache = new Map<string, Buffer>();
export function serifFont(style: SerifStyle, fontsDir?: string): Buffer {
  const p = serifFontPath(style, fontsDir);
  let bytes = cache.get(p);
  if (!bytes) {
    bytes = fs.readFileSync(p);
    cache.set(p, bytes);
  }
  return bytes;
}
