// Renders resources/icons/icon.svg into the PNG and ICO files electron-builder takes
// (`node scripts/packaging/makeIcons.mjs`, needs Chromium; the results are committed).
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const dir = path.resolve('resources/icons');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const png = {};
for (const size of [16, 32, 48, 64, 128, 256, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  png[size] = await page.screenshot({
    omitBackground: true,
    clip: { x: 0, y: 0, width: size, height: size },
  });
  await page.close();
}
await browser.close();
fs.writeFileSync(path.join(dir, 'icon.png'), png[512]);
for (const size of [16, 32, 48, 64, 128, 256, 512])
  fs.writeFileSync(path.join(dir, `${size}x${size}.png`), png[size]);

// An .ico of PNG images (Windows Vista and later read PNG entries), 16 to 256 pixels.
const sizes = [16, 32, 48, 256];
const header = Buffer.alloc(6 + 16 * sizes.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(sizes.length, 4);
let offset = header.length;
sizes.forEach((size, i) => {
  const e = 6 + 16 * i;
  header.writeUInt8(size === 256 ? 0 : size, e);
  header.writeUInt8(size === 256 ? 0 : size, e + 1);
  header.writeUInt16LE(1, e + 4);
  header.writeUInt16LE(32, e + 6);
  header.writeUInt32LE(png[size].length, e + 8);
  header.writeUInt32LE(offset, e + 12);
  offset += png[size].length;
});
fs.writeFileSync(path.join(dir, 'icon.ico'), Buffer.concat([header, ...sizes.map((s) => png[s])]));
console.log('resources/icons: icon.png, icon.ico, NxN.png');
