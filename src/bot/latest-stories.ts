import type { Article } from '../store/articles.js';
import type { Language } from '../store/chats.js';
import { escapeHtml } from '../render/html.js';
import { MESSAGE_MAX_CHARS, splitMessages } from '../render/split.js';
import { formatStoryWithin } from '../render/story.js';

/** Room left in a message for the heading above the first story. */
const HEADING_ROOM = 300;

/**
 * A /latest answer as messages: a bold heading (and an optional note), then one block per story
 * (bold linked headline, lead, "Source · 3 hours ago"), split between stories so that no message
 * is over 4096 characters; a story too long for one message has its lead shortened.
 */
export function renderLatest(
  articles: readonly Article[],
  options: { language: Language; now: number; title: string; note?: string },
): string[] {
  const heading = `<b>${escapeHtml(options.title)}</b>${options.note ? `\n<i>${escapeHtml(options.note)}</i>` : ''}`;
  const stories = articles.map((a) => formatStoryWithin(a, { language: options.language, now: options.now }, MESSAGE_MAX_CHARS - HEADING_ROOM));
  return splitMessages([heading, ...stories]);
}
