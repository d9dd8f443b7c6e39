import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { precompressDir } from './precompress.ts';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface StaticOptions {
  log?: (line: string) => void;
}

const immutable = 'public, max-age=31536000, immutable';

/**
 * Serves the built SPA. Vite puts content-hashed files under /assets/, so those are cached
 * forever and never fall back to index.html (a missing chunk must be a 404, or the browser
 * would try to run HTML as JavaScript); every other path without a file extension is a
 * client-side route and gets index.html.
 */
export async function createStaticHandler(
  distDir: string,
  { log = () => {} }: StaticOptions = {},
): Promise<RequestHandler> {
  if (!fs.existsSync(path.join(distDir, 'index.html'))) {
    throw new Error(`No app build in ${distDir} (index.html is missing). Run npm run build first.`);
  }

  try {
    await precompressDir(distDir);
  } catch (error) {
    // A read-only dist still works, just uncompressed.
    log(`Could not precompress ${distDir}: ${(error as Error).message}; serving uncompressed.`);
  }

  // Both scan distDir once, now: files added later are not seen until a restart.
  const compression = { brotli: true, gzip: true };
  const assets = sirv(distDir, {
    ...compression,
    setHeaders: (res) => res.setHeader('Cache-Control', immutable),
  });
  const app = sirv(distDir, {
    ...compression,
    single: true,
    etag: true,
    setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
  });

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'Method not allowed');
    }
    const pathname = safePathname(req.url ?? '/');
    if (pathname === null) return sendText(res, 400, 'Bad request');

    res.setHeader('X-Content-Type-Options', 'nosniff');
    // sirv pipes a file it listed at startup without an error handler: a file gone since (a
    // rebuild while the server runs) would throw ENOENT and end the server — and the broker
    // in it. Catch the stream's error here and end only this response.
    res.once('pipe', (source) =>
      source.once('error', (error: Error) => {
        log(
          `Could not send ${pathname}: ${error.message} (was dist/ rebuilt? restart to serve it)`,
        );
        res.destroy();
      }),
    );
    const notFound = () => sendText(res, 404, 'Not found');
    if (pathname.startsWith('/assets/')) assets(req, res, notFound);
    else app(req, res, notFound);
  };
}

/**
 * sirv only serves files it listed at startup, so it cannot leave distDir; this refuses
 * traversal-looking paths anyway, so they get a plain 400 instead of the SPA fallback.
 */
export function safePathname(url: string): string | null {
  const raw = url.split(/[?#]/, 1)[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || /[\\\0]/.test(decoded)) return null;
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) return null;
  return decoded;
}

function sendText(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(text);
}
