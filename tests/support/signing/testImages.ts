import { deflateSync } from 'node:zlib';

/**
 * Small RGBA pictures drawn pixel by pixel and written as real PNG files (zlib + CRC, no library),
 * for the signature image (blue strokes) and the seal (a red ring with a star) on transparent
 * backgrounds.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels (row-major, 4 bytes each) → PNG; `alpha: false` writes RGB (no transparency). */
export function encodePng(width: number, height: number, rgba: Uint8Array, alpha = true): Buffer {
  const channels = alpha ? 4 : 3;
  const raw = Buffer.alloc((width * channels + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * channels + 1)] = 0;
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        raw[y * (width * channels + 1) + 1 + x * channels + c] = rgba[(y * width + x) * 4 + c]!;
      }
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = alpha ? 6 : 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function canvas(width: number, height: number) {
  const px = new Uint8Array(width * height * 4);
  const dot = (x: number, y: number, r: number, [R, G, B]: [number, number, number]) => {
    for (let dy = -r; dy <= r; dy++)
      for (let dx = -r; dx <= r; dx++) {
        const X = Math.round(x + dx);
        const Y = Math.round(y + dy);
        if (X < 0 || Y < 0 || X >= width || Y >= height || dx * dx + dy * dy > r * r) continue;
        const i = (Y * width + X) * 4;
        px.set([R, G, B, 255], i);
      }
  };
  return { px, dot };
}

/** A blue handwritten-looking stroke on transparency, 600 × 240 px. */
export function signaturePng(color: [number, number, number] = [20, 40, 170], alpha = true): Buffer {
  const [w, h] = [600, 240];
  const { px, dot } = canvas(w, h);
  for (let t = 0; t <= 1; t += 0.0005) {
    const x = 40 + 520 * t;
    const y = 120 + 60 * Math.sin(t * 14) * (1 - t) + 30 * Math.cos(t * 5);
    dot(x, y, 4, color);
  }
  for (let t = 0; t <= 1; t += 0.001) dot(120 + 380 * t, 200 - 10 * t, 3, color);
  return encodePng(w, h, px, alpha);
}

/** A red seal: two rings and a five-pointed star on transparency, 500 × 500 px. */
export function sealPng(color: [number, number, number] = [210, 20, 30]): Buffer {
  const s = 500;
  const { px, dot } = canvas(s, s);
  const c = s / 2;
  for (let a = 0; a < Math.PI * 2; a += 0.002) {
    dot(c + 235 * Math.cos(a), c + 235 * Math.sin(a), 8, color);
    dot(c + 170 * Math.cos(a), c + 170 * Math.sin(a), 4, color);
  }
  const pts = Array.from({ length: 5 }, (_, i) => {
    const a = -Math.PI / 2 + (i * 4 * Math.PI) / 5;
    return [c + 120 * Math.cos(a), c + 120 * Math.sin(a)] as const;
  });
  for (let i = 0; i < 5; i++) {
    const [x1, y1] = pts[i]!;
    const [x2, y2] = pts[(i + 1) % 5]!;
    for (let t = 0; t <= 1; t += 0.002) dot(x1 + (x2 - x1) * t, y1 + (y2 - y1) * t, 6, color);
  }
  return encodePng(s, s, px);
}
