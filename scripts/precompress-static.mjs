// Next's build files (/_next/static/…) compressed ahead of time for compose's nginx, whose
// brotli_static and gzip_static (deploy/nginx.conf) send `<file>.br` or `<file>.gz` when the
// browser takes it. Brotli's best quality is far too slow to run per request, and a quality fast
// enough for that loses most of its gain over gzip; done once when the image is built (Dockerfile,
// stage web-static), it costs nothing per request. npm start's front server does the same at run time
// (front-brotli.mjs). The same files, which types compress, by front-routes.mjs's compressibleType.
//   node scripts/precompress-static.mjs <directory>
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { BEST_QUALITY, brotli } from './front-brotli.mjs';
import { compressibleType } from './front-routes.mjs';

const gzip = promisify(zlib.gzip);

/** The types Next's build files are sent with, by extension (nginx's mime.types says the same); unknown ones are left alone. */
const TYPE_OF_EXTENSION = {
  '.js': 'application/javascript',
  '.mjs': 'application/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain',
  '.html': 'text/html',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
};

const ENCODINGS = [
  { suffix: '.br', compress: (body) => brotli(body, BEST_QUALITY) },
  { suffix: '.gz', compress: (body) => gzip(body, { level: zlib.constants.Z_BEST_COMPRESSION }) },
];

async function filesUnder(dir) {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** Writes `file`'s compressed copies; a copy no smaller than the file is not written (nginx then sends the file). */
async function precompressFile(file, totals) {
  const [body, stat] = await Promise.all([fs.readFile(file), fs.stat(file)]);
  totals.files++;
  totals.bytes += body.length;
  for (const { suffix, compress } of ENCODINGS) {
    const compressed = await compress(body);
    const copy = `${file}${suffix}`;
    if (compressed.length >= body.length) {
      await fs.rm(copy, { force: true });
      totals[suffix] += body.length;
      continue;
    }
    await fs.writeFile(copy, compressed);
    // nginx's Last-Modified comes from the copy it sends: the same date whichever encoding the browser took.
    await fs.utimes(copy, stat.atime, stat.mtime);
    totals[suffix] += compressed.length;
  }
}

/**
 * Puts `<file>.br` (Brotli, best quality) and `<file>.gz` (gzip, best level) beside each file under
 * `dir` whose type compresses, in parallel on the machine's cores. Resolves to the number of such
 * files, their bytes, and the bytes a browser gets for them with each encoding.
 */
export async function precompressStatic(dir) {
  const files = (await filesUnder(dir)).filter((file) => compressibleType(TYPE_OF_EXTENSION[path.extname(file).toLowerCase()]));
  const totals = { files: 0, bytes: 0, '.br': 0, '.gz': 0 };
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) await precompressFile(file, totals);
  };
  await Promise.all(Array.from({ length: Math.max(1, os.availableParallelism()) }, worker));
  return totals;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/precompress-static.mjs <directory>');
    process.exit(2);
  }
  const totals = await precompressStatic(dir);
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(
    `precompressed ${totals.files} files in ${dir}: ${kb(totals.bytes)}, ${kb(totals['.br'])} with Brotli, ${kb(totals['.gz'])} with gzip`,
  );
}
