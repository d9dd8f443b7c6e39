import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Text formats worth compressing; images and fonts are compressed already. Source maps are
 * left out: only devtools fetch them, and brotli at max quality on them tripled startup time.
 */
export const compressibleExtensions = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.svg',
  '.json',
  '.webmanifest',
  '.txt',
  '.xml',
]);

/** Below this the headers outweigh the savings. */
const minSize = 512;

const variants = [
  {
    suffix: '.br',
    compress: (data: Buffer) =>
      brotli(data, {
        params: {
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      }),
  },
  {
    suffix: '.gz',
    compress: (data: Buffer) => gzip(data, { level: zlib.constants.Z_BEST_COMPRESSION }),
  },
];

export interface PrecompressResult {
  written: number;
  upToDate: number;
  removed: number;
}

/**
 * Writes `.br` and `.gz` siblings for the text files in dir, which sirv then serves with
 * Content-Encoding. Only missing or stale ones are (re)written, so after the first start this
 * costs a directory walk; writes go through a rename so a concurrent reader never sees half a file.
 */
export async function precompressDir(dir: string): Promise<PrecompressResult> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Set(
    entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)),
  );
  const result: PrecompressResult = { written: 0, upToDate: 0, removed: 0 };

  const jobs: Promise<void>[] = [];
  for (const file of files) {
    const variant = variants.find((v) => file.endsWith(v.suffix));
    if (variant) {
      const source = file.slice(0, -variant.suffix.length);
      // A leftover from an older build would otherwise be served for a file that is gone.
      if (isCompressible(source) && !files.has(source)) {
        jobs.push(fs.rm(file, { force: true }).then(() => void result.removed++));
      }
      continue;
    }
    if (!isCompressible(file)) continue;
    jobs.push(compressFile(file, files, result));
  }
  await Promise.all(jobs);
  return result;
}

function isCompressible(file: string): boolean {
  return compressibleExtensions.has(path.extname(file).toLowerCase());
}

async function compressFile(file: string, files: Set<string>, result: PrecompressResult) {
  const stat = await fs.stat(file);
  let data: Buffer | undefined;
  for (const { suffix, compress } of variants) {
    const target = file + suffix;
    if (files.has(target) && (await fs.stat(target)).mtimeMs >= stat.mtimeMs) {
      result.upToDate++;
      continue;
    }
    data ??= await fs.readFile(file);
    const packed = data.length >= minSize ? await compress(data) : undefined;
    if (!packed || packed.length >= data.length) {
      // Not worth it: make sure no stale variant shadows the real file.
      await fs.rm(target, { force: true });
      continue;
    }
    const temp = `${target}.${process.pid}.tmp`;
    await fs.writeFile(temp, packed);
    await fs.rename(temp, target);
    result.written++;
  }
}
