import type { Clock } from '../clock.js';
import type { Db } from './db.js';

/** How long a handled update_id is remembered (ms): Telegram keeps an undelivered update 24 hours. */
export const REMEMBER_UPDATES_MS = 24 * 3_600_000;

/** An update accepted but not yet handled (the process stopped in between). */
export interface UnhandledUpdate {
  updateId: number;
  body: string;
}

/**
 * The webhook's memory of update ids: Telegram posts an update again when it got no 2xx (a timeout,
 * a proxy error), so each id is accepted once. The body is kept until the update is handled, so
 * one accepted right before a crash or a stop is handled at the next start.
 */
export function createWebhookUpdateStore(db: Db, clock: Clock) {
  const insert = db.prepare<[number, number, string]>(
    'INSERT INTO webhook_updates (update_id, received_at, body) VALUES (?, ?, ?) ON CONFLICT(update_id) DO NOTHING',
  );
  const handled = db.prepare<[number, number]>('UPDATE webhook_updates SET handled_at = ?, body = NULL WHERE update_id = ?');
  const unhandled = db.prepare<[], UnhandledUpdate>(
    'SELECT update_id AS updateId, body FROM webhook_updates WHERE handled_at IS NULL AND body IS NOT NULL ORDER BY update_id',
  );
  const forget = db.prepare<[number]>('DELETE FROM webhook_updates WHERE received_at < ? AND handled_at IS NOT NULL');
  return {
    /** Records an update; false when this update_id was already received (a redelivery). */
    accept(updateId: number, body: string): boolean {
      return insert.run(updateId, clock.now(), body).changes > 0;
    },
    /** Marks an update handled (its body is dropped; the id is remembered for a day). */
    markHandled(updateId: number): void {
      handled.run(clock.now(), updateId);
    },
    /** Updates accepted but never handled, oldest first. */
    unhandled(): UnhandledUpdate[] {
      return unhandled.all();
    },
    /** Forgets handled ids older than {@link REMEMBER_UPDATES_MS}; returns how many. */
    prune(): number {
      return forget.run(clock.now() - REMEMBER_UPDATES_MS).changes;
    },
  };
}

export type WebhookUpdateStore = ReturnType<typeof createWebhookUpdateStore>;
