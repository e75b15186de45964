/**
 * How digests are retried across faults. Within a pass, a send that cannot reach Telegram is tried
 * {@link DIGEST_TRIES_PER_PASS} times; then the delivery waits for a later pass ({@link retryDelayMs})
 * until the catch-up limit after its due time, when it is recorded as missed ({@link lateReason}).
 */

/** Tries of one digest message within a pass when Telegram cannot be reached (1 s apart). */
export const DIGEST_TRIES_PER_PASS = 2;

/**
 * Sends of one part that may have reached Telegram (its answer was lost, or the process stopped
 * while it was on the wire). A part is sent again once after such a send, never a third time.
 */
export const MAX_PART_TRIES = 2;

const MINUTE = 60_000;

/**
 * How long a delivery waits before the next pass tries it, after `attempts` earlier passes could
 * not reach Telegram for it: 1, 2, 4 and 8 minutes, then every 10 minutes.
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(10 * MINUTE, MINUTE * 2 ** Math.max(0, attempts));
}

/** Why a delivery still pending at the catch-up limit is recorded as missed. */
export function lateReason(catchupMs: number, lastError: string | null): string {
  const limit = `not delivered within the catch-up limit of ${catchupMs / 3_600_000} h after its time`;
  return lastError ? `${limit}; last try: ${lastError}` : `${limit} (never tried: the bot was stopped, or sending stopped before its turn)`;
}
