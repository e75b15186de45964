import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How one path answers. */
export type FeedRoute =
  | {
      kind?: 'feed';
      body: string | Buffer;
      contentType?: string;
      status?: number;
      /** When set, sent as ETag, and a request with a matching If-None-Match gets 304. */
      etag?: string;
      /** When set, sent as Last-Modified, and a matching If-Modified-Since gets 304. */
      lastModified?: string;
      headers?: Record<string, string>;
    }
  /** Sends headers and `prefix`, then never finishes the body. */
  | { kind: 'hang-body'; prefix: string; contentType?: string }
  /** Never answers at all. */
  | { kind: 'hang-headers' }
  /** Streams `chunk` forever (until the client goes away), without a Content-Length. */
  | { kind: 'endless'; chunk: string; contentType?: string }
  | { kind: 'redirect'; to: string; status?: number }
  | { kind: 'status'; status: number; body?: string }
  /** Destroys the socket mid-body after sending `prefix`. */
  | { kind: 'reset'; prefix: string }
  /** Answers `body` as a feed (or as `contentType`) after `delayMs`; counted in `inFlight` / `mostInFlight` meanwhile. */
  | { kind: 'slow'; delayMs: number; body: string; contentType?: string }
  | { kind: 'handler'; handle: (req: IncomingMessage, res: ServerResponse) => void };

export interface SeenRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

export interface FeedServer {
  /** `http://127.0.0.1:<port><path>`. */
  url(path: string): string;
  /** Sets (or replaces) what `path` answers. Unknown paths get 404. */
  route(path: string, route: FeedRoute): void;
  /** Every request so far, oldest first. */
  readonly requests: SeenRequest[];
  requestsTo(path: string): SeenRequest[];
  /** Bytes written to clients so far, over every route. */
  bytesSent(): number;
  /** Requests to 'slow' routes being answered now, and the most there were at once. */
  inFlight(): number;
  mostInFlight(): number;
  /** The most requests of any route this server was answering at once (from arrival to the end of the answer). */
  mostConcurrent(): number;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 (port 0) serving feed fixtures, and misbehaving on request. */
export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, FeedRoute>();
  const requests: SeenRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let sent = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  let open = 0;
  let mostOpen = 0;

  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    open++;
    mostOpen = Math.max(mostOpen, open);
    res.once('close', () => open--);
    const route = routes.get(path);
    const write = (chunk: string | Buffer) => {
      sent += Buffer.byteLength(chunk);
      return res.write(chunk);
    };
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    switch (route.kind) {
      case undefined:
      case 'feed': {
        const etagHit = route.etag !== undefined && req.headers['if-none-match'] === route.etag;
        const dateHit = route.lastModified !== undefined && req.headers['if-modified-since'] === route.lastModified;
        const validators: Record<string, string> = {};
        if (route.etag) validators.etag = route.etag;
        if (route.lastModified) validators['last-modified'] = route.lastModified;
        if (etagHit || (dateHit && req.headers['if-none-match'] === undefined)) {
          res.writeHead(304, validators).end();
          return;
        }
        res.writeHead(route.status ?? 200, {
          'content-type': route.contentType ?? 'application/rss+xml; charset=utf-8',
          'content-length': String(Buffer.byteLength(route.body)),
          ...validators,
          ...route.headers,
        });
        write(route.body);
        res.end();
        return;
      }
      case 'hang-body':
        res.writeHead(200, { 'content-type': route.contentType ?? 'application/rss+xml' });
        write(route.prefix);
        return;
      case 'hang-headers':
        return;
      case 'endless': {
        res.writeHead(200, { 'content-type': route.contentType ?? 'application/rss+xml' });
        const pump = () => {
          while (!res.destroyed && write(route.chunk)) {
            if (sent > 2_000_000_000) return;
          }
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
        return;
      }
      case 'redirect':
        res.writeHead(route.status ?? 302, { location: route.to }).end();
        return;
      case 'status':
        res.writeHead(route.status, { 'content-type': 'text/plain' }).end(route.body ?? '');
        return;
      case 'reset': {
        res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': '5000' });
        write(route.prefix);
        const timer = setTimeout(() => res.socket?.destroy(), 20);
        timers.add(timer);
        return;
      }
      case 'slow': {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        const timer = setTimeout(() => {
          inFlight--;
          res.writeHead(200, { 'content-type': route.contentType ?? 'application/rss+xml' }).end(route.body);
        }, route.delayMs);
        timers.add(timer);
        return;
      }
      case 'handler':
        route.handle(req, res);
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    route: (path, route) => {
      routes.set(path, route);
    },
    requests,
    requestsTo: (path) => requests.filter((r) => r.path === path),
    bytesSent: () => sent,
    inFlight: () => inFlight,
    mostInFlight: () => mostInFlight,
    mostConcurrent: () => mostOpen,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
