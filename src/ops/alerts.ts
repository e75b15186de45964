import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/db.js';

/** A cause alerts at most once in this long (ms). */
export const ALERT_EVERY_MS = 3_600_000;

export interface AlertDeps {
  db: Db;
  clock: Clock;
  /** ADMIN_IDS: who is told. */
  adminIds: readonly number[];
  /** Sends a plain-text message to a user's private chat with the bot. */
  send(userId: number, text: string): Promise<unknown>;
  log: Logger;
}

/**
 * Alerts to the admins, at most one per cause per hour (kept in the database, so a restart does
 * not repeat one). Every alert is also logged (warn), with or without admins.
 */
export function createAlerts(deps: AlertDeps) {
  const { db, clock, log } = deps;
  const last = db.prepare<[string], { lastSentAt: number }>('SELECT last_sent_at AS lastSentAt FROM alerts WHERE cause = ?');
  const record = db.prepare<[string, number, string]>(
    `INSERT INTO alerts (cause, last_sent_at, message) VALUES (?, ?, ?)
     ON CONFLICT(cause) DO UPDATE SET last_sent_at = excluded.last_sent_at, message = excluded.message`,
  );
  return {
    /**
     * Tells every admin `text` unless `cause` (e.g. 'feed-failing:BBC News Asia') alerted less than
     * {@link ALERT_EVERY_MS} ago. Recorded before sending: a crash mid-way never doubles it.
     * Resolves whether it went out; never rejects (a failed send is logged).
     */
    async raise(cause: string, text: string): Promise<boolean> {
      const now = clock.now();
      try {
        const previous = last.get(cause);
        if (previous && now - previous.lastSentAt < ALERT_EVERY_MS) return false;
        record.run(cause, now, text);
      } catch (error: unknown) {
        log.error('could not record an alert', { cause, error });
        return false;
      }
      log.warn('alert', { cause, message: text });
      for (const id of deps.adminIds) {
        try {
          await deps.send(id, `⚠️ ${text}`);
        } catch (error: unknown) {
          log.warn('could not send an alert to an admin (has this user started the bot?)', { adminId: id, cause, error });
        }
      }
      return true;
    },
  };
}

export type Alerts = ReturnType<typeof createAlerts>;
