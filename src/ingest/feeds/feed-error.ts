/** Why a feed could not be read; `kind` groups the reasons, the message is what `newsbot sources` shows. */
export type FeedErrorKind =
  | 'http'
  | 'network'
  | 'timeout'
  | 'too-large'
  | 'redirects'
  | 'not-a-feed'
  | 'malformed'
  | 'entities';

/** A feed failed to fetch or parse. The message says what failed in words a person can act on. */
export class FeedError extends Error {
  override readonly name = 'FeedError';
  constructor(
    readonly kind: FeedErrorKind,
    message: string,
    options: { cause?: unknown; status?: number } = {},
  ) {
    super(message, options);
    this.status = options.status;
  }

  /** The HTTP status of an 'http' error. */
  readonly status: number | undefined;
}

export function isFeedError(error: unknown): error is FeedError {
  return error instanceof FeedError;
}

/** Longest reason recorded on a source, in characters. */
export const REASON_MAX_CHARS = 300;

/** Characters a person cannot read: controls, format characters, private use, unassigned, U+FFFD. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\uFFFD]+/gu;

/**
 * `text` as one line of printable text: whitespace collapsed, controls and other unreadable
 * characters (what a binary body decodes to) shown as one "?", cut to `max` characters with "…".
 */
export function printable(text: string, max = REASON_MAX_CHARS): string {
  const line = text.replace(/\s+/g, ' ').replace(UNPRINTABLE, '?').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** A one-line reason for any error, as recorded on the source: printable text, at most {@link REASON_MAX_CHARS}. */
export function reasonOf(error: unknown): string {
  return printable(error instanceof Error ? error.message : String(error));
}
