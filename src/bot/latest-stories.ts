import type { Article } from '../store/articles.js';
import type { Language } from '../store/chats.js';
import { escapeHtml } from '../render/html.js';
import { MESSAGE_LIMITS, splitMessages } from '../render/split.js';
import { formatStoryWithin } from '../render/story.js';

/** Room left in a message for the heading above the first story (characters, and HTML source). */
const HEADING_ROOM = 300;
const STORY_LIMITS = { chars: MESSAGE_LIMITS.chars - HEADING_ROOM, html: MESSAGE_LIMITS.html - 2 * HEADING_ROOM };

/**
 * A /latest answer as messages: a bold heading (and an optional note), then one block per story
 * (bold linked headline, lead, "Source · 3 hours ago"), split between stories so that each message
 * keeps within Telegram's limits (4096 characters of text as Telegram counts it, link addresses
 * and formatting within bounds); a story too long for one message has its lead shortened.
 */
export function renderLatest(
  articles: readonly Article[],
  options: { language: Language; now: number; title: string; note?: string },
): string[] {
  const heading = `<b>${escapeHtml(options.title)}</b>${options.note ? `\n<i>${escapeHtml(options.note)}</i>` : ''}`;
  const stories = articles.map((a) => formatStoryWithin(a, { language: options.language, now: options.now }, STORY_LIMITS));
  return splitMessages([heading, ...stories]);
}
