import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { ROOT } from './support/stack';

const SCRIPT = path.join(ROOT, 'scripts/precompress-static.mjs');
const NEXT_STATIC = path.join(ROOT, 'apps/web/.next/static');

/** Next's biggest script of the build `npm test` made: where the encoding matters most to a phone. */
function biggestBuiltScript(): string {
  const scripts = fs
    .readdirSync(NEXT_STATIC, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => path.join(NEXT_STATIC, file));
  return scripts.reduce((biggest, file) => (fs.statSync(file).size > fs.statSync(biggest).size ? file : biggest));
}

describe('scripts/precompress-static.mjs (the Brotli and gzip copies compose’s nginx sends of Next’s build files)', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precompress-static-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('puts beside each script, stylesheet and SVG a Brotli and a gzip copy of the same bytes; Brotli beats what a per-request quality gives', async () => {
    const script = fs.readFileSync(biggestBuiltScript());
    const files: Record<string, Buffer> = {
      'chunks/app.js': script,
      'css/app.css': Buffer.from('.call-screen { display: grid; gap: 1rem; }\n'.repeat(40)),
      'media/icon.svg': Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${'<rect width="1" height="1"/>'.repeat(20)}</svg>`),
    };
    for (const [name, body] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), body);
    }

    await promisify(execFile)(process.execPath, [SCRIPT, dir]);

    for (const [name, body] of Object.entries(files)) {
      const brotli = fs.readFileSync(path.join(dir, `${name}.br`));
      const gzip = fs.readFileSync(path.join(dir, `${name}.gz`));
      expect({ name, brotli: zlib.brotliDecompressSync(brotli).equals(body), gzip: zlib.gunzipSync(gzip).equals(body) }).toEqual({
        name,
        brotli: true,
        gzip: true,
      });
      expect(brotli.length).toBeLessThan(gzip.length);
    }
    const quick = zlib.brotliCompressSync(script, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 } });
    expect(fs.statSync(path.join(dir, 'chunks/app.js.br')).size).toBeLessThan(quick.length);
  });

  it('leaves alone what compression cannot shrink: fonts, images, and a file too small to gain', async () => {
    const names = ['media/font.woff2', 'media/apple-icon.png', 'chunks/tiny.js'];
    fs.mkdirSync(path.join(dir, 'media'));
    fs.mkdirSync(path.join(dir, 'chunks'));
    fs.writeFileSync(path.join(dir, names[0]!), Buffer.from('wOF2'.repeat(200)));
    fs.writeFileSync(path.join(dir, names[1]!), Buffer.from('PNG.'.repeat(200)));
    fs.writeFileSync(path.join(dir, names[2]!), '1');

    await promisify(execFile)(process.execPath, [SCRIPT, dir]);

    expect(fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()).toEqual(['chunks', 'media', ...names].sort());
  });
});
