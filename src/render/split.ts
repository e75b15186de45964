/** Telegram's limit on one message's text. */
export const MESSAGE_MAX_CHARS = 4096;

/**
 * Joins blocks (stories, headers) into as few messages as possible, each at most `max` characters
 * of HTML source (a safe bound: the visible text Telegram counts is never longer), splitting only
 * between blocks. A block that alone exceeds `max` is cut with `shorten`, which must return a
 * block of at most the given length.
 */
export function splitMessages(
  blocks: readonly string[],
  options: { max?: number; separator?: string; shorten?: (block: string, max: number) => string } = {},
): string[] {
  const max = options.max ?? MESSAGE_MAX_CHARS;
  const sep = options.separator ?? '\n\n';
  const shorten = options.shorten ?? ((block: string, limit: number) => block.slice(0, limit));
  const parts: string[] = [];
  let current = '';
  for (const raw of blocks) {
    const block = raw.length > max ? shorten(raw, max) : raw;
    if (current === '') current = block;
    else if (current.length + sep.length + block.length <= max) current += sep + block;
    else {
      parts.push(current);
      current = block;
    }
  }
  if (current !== '') parts.push(current);
  return parts;
}
