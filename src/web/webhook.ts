import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log.js';
import type { WebhookUpdateStore } from '../store/webhook-updates.js';
import { createKeyedSerialRunner, orderKeyOf } from './chat-order.js';

/** The largest update accepted (bytes). Telegram's biggest updates (long messages with entities) are tens of KB. */
export const WEBHOOK_MAX_BODY_BYTES = 1_000_000;

/** The header Telegram sends the webhook's secret_token in. */
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** What became of one request, for the metrics. */
export type WebhookOutcome = 'accepted' | 'duplicate' | 'unauthorized' | 'refused' | 'failed';

export type Update = { update_id: number } & Record<string, unknown>;

export interface WebhookOptions {
  /** The path Telegram posts to (WEBHOOK_URL's path). */
  path: string;
  /** secret_token given to setWebhook; requests without it in {@link SECRET_HEADER} get 401. */
  secret: string;
  updates: WebhookUpdateStore;
  /** Handles one update (the bot's `handleUpdate`). */
  handle(update: Update): Promise<void>;
  log: Logger;
  maxBodyBytes?: number;
  onOutcome?(outcome: WebhookOutcome): void;
}

/**
 * The webhook endpoint. A request is answered at once, before the update is handled: 401 without
 * the right secret header (logged, never read further), 405 for anything but POST, 415 for anything
 * but JSON, 413 past the size limit, 400 for a body that is not an update, 500 when the database
 * cannot record it (Telegram posts it again later); else 200. An update_id already received gets
 * 200 and is not handled again. Accepted updates are handled in order per chat, chats in parallel.
 */
export function createWebhook(options: WebhookOptions) {
  const { updates, log } = options;
  const maxBytes = options.maxBodyBytes ?? WEBHOOK_MAX_BODY_BYTES;
  const secret = Buffer.from(options.secret);
  const order = createKeyedSerialRunner();
  const outcome = (o: WebhookOutcome) => options.onOutcome?.(o);

  function dispatch(update: Update): void {
    void order.run(orderKeyOf(update), async () => {
      try {
        await options.handle(update);
      } catch (error: unknown) {
        log.error('webhook update failed', { updateId: update.update_id, error });
      }
      try {
        updates.markHandled(update.update_id);
      } catch (error: unknown) {
        log.error('could not record a webhook update as handled', { updateId: update.update_id, error });
      }
    });
  }

  function answer(res: ServerResponse, status: number, body = '', headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body || JSON.stringify({ ok: status === 200 }));
  }

  function rightSecret(req: IncomingMessage): boolean {
    const given = req.headers[SECRET_HEADER];
    if (typeof given !== 'string') return false;
    const bytes = Buffer.from(given);
    return bytes.length === secret.length && timingSafeEqual(bytes, secret);
  }

  return {
    path: options.path,
    /** Serves one request to {@link WebhookOptions.path}. */
    async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
      if (req.method !== 'POST') {
        outcome('refused');
        req.resume();
        return answer(res, 405, '', { allow: 'POST' });
      }
      if (!rightSecret(req)) {
        outcome('unauthorized');
        log.warn('webhook request refused: wrong or missing secret token', {
          from: req.socket.remoteAddress,
          forwardedFor: req.headers['x-forwarded-for'],
          hadHeader: req.headers[SECRET_HEADER] !== undefined,
        });
        req.resume();
        return answer(res, 401);
      }
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/json') {
        outcome('refused');
        req.resume();
        return answer(res, 415);
      }
      const body = await readBody(req, maxBytes);
      if (body === undefined) {
        outcome('refused');
        // The rest is not read: close the connection once the answer is out.
        return answer(res, 413, '', { connection: 'close' });
      }
      const update = parseUpdate(body);
      if (!update) {
        outcome('refused');
        return answer(res, 400);
      }
      let fresh: boolean;
      try {
        fresh = updates.accept(update.update_id, body);
      } catch (error: unknown) {
        outcome('failed');
        log.error('could not record a webhook update; Telegram will post it again', { updateId: update.update_id, error });
        return answer(res, 500);
      }
      answer(res, 200);
      if (!fresh) {
        outcome('duplicate');
        log.debug('webhook update received again: already handled', { updateId: update.update_id });
        return;
      }
      outcome('accepted');
      dispatch(update);
    },
    /** Handles the updates accepted before a stop or crash but never handled; returns how many. */
    replayUnhandled(): number {
      const left = updates.unhandled();
      for (const row of left) {
        const update = parseUpdate(row.body);
        if (update) dispatch(update);
        else updates.markHandled(row.updateId);
      }
      return left.length;
    },
    /** Resolves when every accepted update has been handled. */
    idle: () => order.idle(),
  };
}

export type Webhook = ReturnType<typeof createWebhook>;

/**
 * The body as text, or undefined past `maxBytes`. An oversized body is read to its end and thrown
 * away, so the client gets the 413 rather than a reset connection; past {@link DRAIN_LIMIT} times
 * the limit the connection is cut instead.
 */
function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else if (size > maxBytes * DRAIN_LIMIT) req.destroy();
    });
    req.on('end', () => resolve(size > maxBytes ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('close', () => resolve(undefined));
    req.on('error', reject);
  });
}

/** How many times the size limit an oversized body may be before its connection is cut. */
const DRAIN_LIMIT = 16;

function parseUpdate(body: string): Update | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const id = (value as { update_id?: unknown }).update_id;
  return Number.isSafeInteger(id) && (id as number) >= 0 ? (value as Update) : undefined;
}
