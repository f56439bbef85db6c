// Draws the home-screen icons from the brand mark (app/icon.svg: a white cross on a rounded teal
// square), with no image library and nothing downloaded: each pixel's coverage is sampled 4×4 and
// the result written as a PNG with node's zlib. Run once after the mark changes; the PNGs are kept
// in the repository:  node apps/web/scripts/draw-app-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEAL = [0x0f, 0x6e, 0x74];
const WHITE = [0xff, 0xff, 0xff];

// The mark on a 32-unit grid, as in app/icon.svg: the square's corner radius, and the cross.
const RADIUS = 8;
const inCross = (x, y) => (x >= 13 && x <= 19 && y >= 7 && y <= 25) || (x >= 7 && x <= 25 && y >= 13 && y <= 19);
function inRoundedSquare(x, y) {
  const cx = Math.min(Math.max(x, RADIUS), 32 - RADIUS);
  const cy = Math.min(Math.max(y, RADIUS), 32 - RADIUS);
  return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2;
}

/**
 * RGBA pixels of the mark at `size`. `fullBleed`: the teal fills the whole square (a maskable icon,
 * whose platform cuts its own shape, and Apple's, which rounds the corners itself); the cross stays
 * well inside the maskable safe circle (its farthest corner is 30% of the size from the centre, the
 * circle's radius 40%).
 */
function draw(size, fullBleed) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let background = 0;
      let cross = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) / size) * 32;
          const y = ((py + (sy + 0.5) / samples) / size) * 32;
          if (fullBleed || inRoundedSquare(x, y)) background++;
          if (inCross(x, y)) cross++;
        }
      }
      const total = samples * samples;
      const alpha = background / total;
      const white = cross / Math.max(background, 1);
      const at = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) pixels[at + c] = Math.round(TEAL[c] * (1 - white) + WHITE[c] * white);
      pixels[at + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ICONS = [
  { file: 'public/icons/icon-192.png', size: 192, fullBleed: false },
  { file: 'public/icons/icon-512.png', size: 512, fullBleed: false },
  { file: 'public/icons/maskable-512.png', size: 512, fullBleed: true },
  { file: 'app/apple-icon.png', size: 180, fullBleed: true },
];
for (const { file, size, fullBleed } of ICONS) {
  const target = path.join(WEB, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, png(size, draw(size, fullBleed)));
  console.log(`${file} (${size}×${size})`);
}
