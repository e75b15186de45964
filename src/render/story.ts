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
  let html = formatStory(article, options);
  let lead = article.lead;
  while (html.length > max && lead.length > MIN_LEAD) {
    lead = `${lead.slice(0, Math.max(MIN_LEAD, lead.length - (html.length - max) - 1)).trimEnd()}…`;
    html = formatStory({ ...article, lead }, options);
  }
  if (html.length > max) html = formatStory({ ...article, lead: '', headline: `${article.headline.slice(0, 500)}…` }, options);
  return html;
}
