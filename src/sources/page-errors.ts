/** robots.txt does not let newsbot fetch the URL; the message says which rule file. */
export class RobotsDisallowedError extends Error {
  override readonly name = 'RobotsDisallowedError';
  constructor(
    readonly url: string,
    reason?: string,
  ) {
    super(reason ? `${reason}: not fetching ${url}` : `robots.txt of ${new URL(url).host} disallows ${new URL(url).pathname} for newsbot`);
  }
}

/** A page source's page is not what it should be (not HTML, a feed where a page was expected). */
export class PageSourceError extends Error {
  override readonly name = 'PageSourceError';
}

/** Whether newsbot stopped on purpose (shutting down) rather than failed. */
export function isStopped(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}
