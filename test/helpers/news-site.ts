import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FeedRoute, type FeedServer, startFeedServer } from './feed-server.js';

/** test/fixtures/sites: one folder per site, each file served at its path. */
export const SITES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/sites');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/rss+xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.json': 'application/feed+json',
  '.txt': 'text/plain; charset=utf-8',
};

/** A news site served on its own 127.0.0.1 port (its own host, its own robots.txt). */
export interface NewsSite extends FeedServer {
  /** The site's origin, `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** A file of the site as served (`{{site}}` replaced by the origin). */
  file(urlPath: string): string;
}

/**
 * Serves test/fixtures/sites/<name> over real HTTP: `asia/index.html` at `/asia/` (and a feed
 * `feed/index.rss` at `/feed/`), other files at their own path (`robots.txt` at `/robots.txt`;
 * `read.php@id=1` at `/read.php?id=1`); `{{site}}` in a file becomes the site's origin.
 * Paths not in the folder answer 404 unless `routes` sets them; with no name, only `routes` are served.
 */
export async function startNewsSite(name: string | null, routes: Record<string, FeedRoute> = {}): Promise<NewsSite> {
  const server = await startFeedServer();
  const origin = server.url('');
  const dir = name === null ? undefined : path.join(SITES_DIR, name);
  const files = new Map<string, string>();
  for (const file of dir ? walk(dir) : []) {
    const rel = path.relative(dir as string, file).split(path.sep).join('/');
    const urlPath = `/${rel.replace(/(^|\/)index\.(html|rss)$/, '$1').replace('@', '?')}`;
    const body = readFileSync(file, 'utf8').replaceAll('{{site}}', origin);
    files.set(urlPath, body);
    server.route(urlPath, { body, contentType: TYPES[path.extname(file)] ?? 'text/html; charset=utf-8' });
  }
  for (const [urlPath, route] of Object.entries(routes)) server.route(urlPath, route);
  return Object.assign(server, {
    origin,
    file(urlPath: string): string {
      const body = files.get(urlPath);
      if (body === undefined) throw new Error(`no file for ${urlPath} in site ${name ?? '(routes only)'}`);
      return body;
    },
  });
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) yield* walk(full);
    else yield full;
  }
}
