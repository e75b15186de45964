import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';
import type { Webhook } from './webhook.js';

/** What /healthz answers: 200 or 503, with a JSON body. */
export interface HealthAnswer {
  healthy: boolean;
  body: Record<string, unknown>;
}

export interface WebServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  log: Logger;
  health(): HealthAnswer | Promise<HealthAnswer>;
  metrics(): Promise<{ contentType: string; body: string }>;
  /** The path of WEBHOOK_URL; until a webhook is mounted it answers 503 (Telegram posts again later). */
  webhookPath?: string;
}

export interface WebServer {
  readonly port: number;
  /** Serves the webhook from now on (the active copy), or stops serving it (undefined). */
  mountWebhook(webhook: Webhook | undefined): void;
  close(): Promise<void>;
}

/**
 * The one small HTTP server of the process: `GET /healthz`, `GET /metrics` and, in webhook mode,
 * the webhook path. Resolves once it listens. Everything else is 404; a failing route is 500 and
 * logged, never a crash.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { log } = options;
  let webhook: Webhook | undefined;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (options.webhookPath !== undefined && path === options.webhookPath) {
      if (webhook) return webhook.serve(req, res);
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '5' });
      res.end(JSON.stringify({ ok: false, error: 'standing by: another newsbot handles updates' }));
      return;
    }
    if (path === '/healthz' || path === '/metrics') {
      req.resume();
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' });
        res.end();
        return;
      }
      if (path === '/healthz') {
        const { healthy, body } = await options.health();
        res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : `${JSON.stringify(body)}\n`);
        return;
      }
      const metrics = await options.metrics();
      res.writeHead(200, { 'content-type': metrics.contentType });
      res.end(req.method === 'HEAD' ? undefined : metrics.body);
      return;
    }
    req.resume();
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      log.error('http request failed', { path: req.url?.split('?')[0], error });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  });
  // A client that trickles its request is cut off; Telegram's requests are small and quick.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log.info('http server listening', { host: options.host, port, webhook: options.webhookPath !== undefined });
  return {
    port,
    mountWebhook(next) {
      webhook = next;
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
