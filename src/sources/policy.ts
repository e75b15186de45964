/** How long page sources remember things; kept apart from the modules that read pages so the ingest loop can load them lazily. */

/** A site read as a page looks for a feed again after this long (ms): sites add feeds. */
export const REDISCOVER_AFTER_MS = 7 * 24 * 3_600_000;

/** A link that failed for a passing reason (a 5xx, a timeout) is tried again in later passes, this many times in all. */
export const MAX_LINK_TRIES = 3;

/** A link not seen on its page for this long (ms) is forgotten. */
export const FORGET_LINK_AFTER_MS = 7 * 24 * 3_600_000;
