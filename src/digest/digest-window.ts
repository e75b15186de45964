/** Which stretch of news a chat's digest covers (its window), from its previous digest and its cadence. */

/** The first digest of a chat covers this much news (ms): the last 24 hours. */
export const FIRST_DIGEST_LOOKBACK_MS = 24 * 3_600_000;
/**
 * A digest never reaches further back than this (ms), however long the chat was paused: week-old
 * stories are not news, and the window stays cheap to load.
 */
export const MAX_DIGEST_LOOKBACK_MS = 7 * 24 * 3_600_000;

/** The most a digest can be late (DIGEST_CATCHUP_HOURS' upper bound), so two digests a period apart may be further. */
const MAX_LATENESS_MS = 48 * 3_600_000;

/**
 * The window a chat's next digest covers when built at `until` (ms): the stories since its previous
 * digest; a first digest reaches `lookbackMs` back (default a day; the first of a weekly cadence, a
 * week). Never more than MAX_DIGEST_LOOKBACK_MS back, unless the cadence's own period (with the
 * lateness two digests may have) is longer: a weekly digest covers its whole week.
 */
export function digestWindow(lastDigestUntil: number | null, until: number, lookbackMs = FIRST_DIGEST_LOOKBACK_MS): { since: number; until: number } {
  return { since: digestSince(lastDigestUntil, until, lookbackMs), until };
}

/** The start of `digestWindow` alone (ms): what a digest pass asks per chat. */
export function digestSince(lastDigestUntil: number | null, until: number, lookbackMs = FIRST_DIGEST_LOOKBACK_MS): number {
  const since = lastDigestUntil ?? until - lookbackMs;
  const limit = lookbackMs > FIRST_DIGEST_LOOKBACK_MS ? Math.max(MAX_DIGEST_LOOKBACK_MS, lookbackMs + MAX_LATENESS_MS) : MAX_DIGEST_LOOKBACK_MS;
  return Math.min(until, Math.max(since, until - limit));
}
