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
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

export function isFeedError(error: unknown): error is FeedError {
  return error instanceof FeedError;
}

/** A one-line reason for any error, as recorded on the source. */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message.replace(/\s+/g, ' ').trim().slice(0, 500);
  return String(error).slice(0, 500);
}
