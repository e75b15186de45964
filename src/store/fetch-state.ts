import type { Db } from './db.js';

/** The first retry after a failure waits this long (ms); each further failure doubles it. */
export const BACKOFF_BASE_MS = 5 * 60_000;
/** Back-off never waits longer than this (ms). */
export const BACKOFF_MAX_MS = 6 * 3_600_000;

/** How long to wait after the `failures`-th failure in a row: 5 min, 10, 20, ... at most 6 h. */
export function backoffMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 20));
}

/**
 * The fetch state that listed sources (`sources`) and chats' own feeds (`chat_feeds`) both keep in
 * the same columns: when a fetch last started and succeeded, the validators for a conditional GET,
 * and the failures in a row that set the back-off ({@link backoffMs}: the SQL computes the same).
 * One copy of those statements for both tables. `clearErrorOnSuccess`: a success also forgets the
 * last error (chats' feeds; `newsbot sources` keeps a source's last error to show).
 */
export function createFetchState(db: Db, table: 'sources' | 'chat_feeds', options: { clearErrorOnSuccess: boolean }) {
  const attempt = db.prepare<[number, number]>(`UPDATE ${table} SET last_attempt_at = ? WHERE id = ?`);
  const success = db.prepare<{ id: number; at: number; etag: string | null; lastModified: string | null; keep: number }>(
    `UPDATE ${table} SET last_success_at = @at, failures = 0, next_attempt_at = NULL${options.clearErrorOnSuccess ? ', last_error = NULL' : ''},
       etag = CASE WHEN @keep THEN COALESCE(@etag, etag) ELSE @etag END,
       last_modified = CASE WHEN @keep THEN COALESCE(@lastModified, last_modified) ELSE @lastModified END
     WHERE id = @id`,
  );
  const failure = db.prepare<{ id: number; at: number; error: string; base: number; max: number }, { failures: number; nextAttemptAt: number }>(
    `UPDATE ${table} SET last_error = @error, last_error_at = @at, failures = failures + 1,
       next_attempt_at = @at + MIN(@max, @base * (1 << MIN(failures, 20)))
     WHERE id = @id RETURNING failures, next_attempt_at AS nextAttemptAt`,
  );

  return {
    /** Notes that a fetch started at `at` (ms). */
    recordAttempt(id: number, at: number): void {
      attempt.run(at, id);
    },
    /**
     * Notes a successful fetch: clears the failure count and back-off. With `notModified` (a 304)
     * validators the server did not resend are kept; otherwise they are replaced, so a feed that
     * stops sending an ETag stops being asked with a stale one.
     */
    recordSuccess(id: number, input: { at: number; etag?: string | null; lastModified?: string | null; notModified?: boolean }): void {
      success.run({ id, at: input.at, etag: input.etag ?? null, lastModified: input.lastModified ?? null, keep: input.notModified ? 1 : 0 });
    },
    /**
     * Notes a failed fetch with its reason: one more failure in a row, and no attempt before
     * `at` + {@link backoffMs}(failures). Returns the new count and the next attempt time (ms);
     * undefined when there is no row with that id.
     */
    recordFailure(id: number, input: { at: number; error: string }): { failures: number; nextAttemptAt: number } | undefined {
      return failure.get({ id, at: input.at, error: input.error, base: BACKOFF_BASE_MS, max: BACKOFF_MAX_MS });
    },
  };
}
