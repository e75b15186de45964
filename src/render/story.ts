import { formatDistanceStrict } from 'date-fns';
import { dateLocales, t } from '../i18n/index.js';
import type { Article } from '../store/articles.js';
import type { Language } from '../store/chats.js';
import { escapeHtml } from './html.js';

export interface StoryOptions {
  language: Language;
  /** Now, in ms, for the age ("3 hours ago"). */
  now: number;
  /** Other outlets that carry the same story ("also: Outlet B"). */
  alsoIn?: readonly string[];
  /** The age text to show, when the caller already has it (digests cache it); default from `now`. */
  age?: string;
}

/** Lead characters kept when a single story must be shortened to fit one message. */
const MIN_LEAD = 40;

/**
 * One story in Telegram HTML: the headline in bold, linked to the article; the lead; then
 * "Source · 3 hours ago" (and "also: …"). Every field from the store is escaped.
 */
export function formatStory(article: Pick<Article, 'headline' | 'lead' | 'url' | 'source' | 'publishedAt'>, options: StoryOptions): string {
  const c = t(options.language);
  const headline = escapeHtml(article.headline);
  const title = article.url ? `<b><a href="${escapeHtml(article.url)}">${headline}</a></b>` : `<b>${headline}</b>`;
  const age =
    options.age ??
    (Math.abs(options.now - article.publishedAt) < 60_000
      ? c.story.justNow
      : formatDistanceStrict(article.publishedAt, options.now, { addSuffix: true, locale: dateLocales[options.language] }));
  let meta = c.story.meta(article.source, age);
  if (options.alsoIn && options.alsoIn.length > 0) meta += ` · ${c.story.alsoIn(options.alsoIn.join(', '))}`;
  const lines = [title];
  if (article.lead) lines.push(escapeHtml(article.lead));
  lines.push(`<i>${escapeHtml(meta)}</i>`);
  return lines.join('\n');
}

/**
 * The same story cut to at most `max` characters of HTML by shortening its lead (never inside an
 * entity or tag), for the rare story too long for one message.
 */
export function formatStoryWithin(
  article: Pick<Article, 'headline' | 'lead' | 'url' | 'source' | 'publishedAt'>,
  options: StoryOptions,
  max: number,
): string {
  let story = { ...article };
  let html = formatStory(story, options);
  if (html.length <= max) return html;
  // First the lead gives way, down to MIN_LEAD characters; each step cuts at least the overflow.
  if (story.lead.length > MIN_LEAD) {
    const keep = Math.max(MIN_LEAD, story.lead.length - (html.length - max) - 1);
    story = { ...story, lead: `${story.lead.slice(0, keep).trimEnd()}…` };
    html = formatStory(story, options);
    if (html.length > max) {
      story = { ...story, lead: `${story.lead.slice(0, MIN_LEAD).trimEnd()}…` };
      html = formatStory(story, options);
    }
  }
  // Then the headline, then the source name: halved until the story fits (a bounded number of steps).
  for (const field of ['headline', 'source'] as const) {
    let keep = story[field].length;
    while (html.length > max && keep > 1) {
      keep = Math.floor(keep / 2);
      html = formatStory({ ...story, [field]: `${article[field].slice(0, keep).trimEnd()}…` }, options);
    }
    if (html.length <= max) return html;
    story = { ...story, [field]: `${article[field].slice(0, keep).trimEnd()}…` };
  }
  // An address longer than a message: the story goes without its link.
  html = formatStory({ ...story, url: null }, options);
  return html.length <= max ? html : `<b>${escapeHtml(article.headline.slice(0, Math.floor(max / 8)))}…</b>`;
}
