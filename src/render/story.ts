import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import { dateLocales, t } from '../i18n/index.js';
import type { Article } from '../store/articles.js';
import type { Language } from '../store/chats.js';
import { escapeHtml } from './html.js';
import { type Block, block, type MessageLimits } from './split.js';

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
  return `${storyHead(article)}\n${storyMeta(article, options)}`;
}

/** The part of a story that no reader's language or clock changes: the linked headline, then the lead. */
export function storyHead(article: Pick<Article, 'headline' | 'lead' | 'url'>): string {
  const headline = escapeHtml(article.headline);
  const title = article.url ? `<b><a href="${escapeHtml(article.url)}">${headline}</a></b>` : `<b>${headline}</b>`;
  return article.lead ? `${title}\n${escapeHtml(article.lead)}` : title;
}

/** A story's age in whole minutes at `now` (rounded; never below 0, for a clock a little ahead): all its age text depends on. */
export function ageMinutes(publishedAt: number, now: number): number {
  return Math.max(0, Math.round((now - publishedAt) / 60_000));
}

/** "3 hours ago" for a story `minutes` old (see {@link ageMinutes}); "just now" under a minute. */
export function ageTextOf(language: Language, minutes: number): string {
  if (minutes < 1) return t(language).story.justNow;
  return formatDistanceStrict(0, minutes * 60_000, { addSuffix: true, locale: dateLocales[language] });
}

/** A story's last line: "Source · 3 hours ago" (and "also: …"), in italics. */
export function storyMeta(article: Pick<Article, 'source' | 'publishedAt'>, options: StoryOptions): string {
  const c = t(options.language);
  const age = options.age ?? ageTextOf(options.language, ageMinutes(article.publishedAt, options.now));
  let meta = c.story.meta(article.source, age);
  if (options.alsoIn && options.alsoIn.length > 0) meta += ` · ${c.story.alsoIn(options.alsoIn.join(', '))}`;
  return `<i>${escapeHtml(meta)}</i>`;
}

/**
 * `formatStoryWithin` for a story whose head (`storyHead`, measured) is already at hand: the head
 * and the meta line joined, measured by adding their sizes, when they fit `limits` (most stories);
 * else the story shortened as `formatStoryWithin` does.
 */
export function formatStoryFrom(
  head: Block,
  article: Pick<Article, 'headline' | 'lead' | 'url' | 'source' | 'publishedAt'>,
  options: StoryOptions,
  limits: Pick<MessageLimits, 'chars' | 'html'>,
): Block {
  const meta = block(storyMeta(article, options));
  // Tags and character references never straddle the line break, so the sizes add up.
  const size = { chars: head.size.chars + 1 + meta.size.chars, html: head.size.html + 1 + meta.size.html, entities: head.size.entities + meta.size.entities };
  if (size.chars <= limits.chars && size.html <= limits.html) return { html: `${head.html}\n${meta.html}`, size };
  return formatStoryWithin(article, options, limits);
}

/**
 * The same story as a measured block, cut to fit `limits` (characters Telegram counts, and HTML
 * source) by shortening its lead (never inside an entity or tag), then its headline and source
 * name, for the rare story too long for one message; an address longer than a message goes.
 */
export function formatStoryWithin(
  article: Pick<Article, 'headline' | 'lead' | 'url' | 'source' | 'publishedAt'>,
  options: StoryOptions,
  limits: Pick<MessageLimits, 'chars' | 'html'>,
): Block {
  const over = (b: Block) => Math.max(b.size.chars - limits.chars, b.size.html - limits.html);
  let story = { ...article };
  let out = block(formatStory(story, options));
  if (over(out) <= 0) return out;
  // First the lead gives way, down to MIN_LEAD characters: the longest cut that fits, found by
  // halving the range (about 15 steps for the longest lead).
  if (story.lead.length > MIN_LEAD) {
    const cut = (keep: number) => ({ ...story, lead: `${article.lead.slice(0, keep).trimEnd()}…` });
    let lo = MIN_LEAD;
    let hi = article.lead.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (over(block(formatStory(cut(mid), options))) <= 0) lo = mid;
      else hi = mid - 1;
    }
    story = cut(lo);
    out = block(formatStory(story, options));
  }
  // Then the headline, then the source name: halved until the story fits (a bounded number of steps).
  for (const field of ['headline', 'source'] as const) {
    let keep = story[field].length;
    while (over(out) > 0 && keep > 1) {
      keep = Math.floor(keep / 2);
      out = block(formatStory({ ...story, [field]: `${article[field].slice(0, keep).trimEnd()}…` }, options));
    }
    if (over(out) <= 0) return out;
    story = { ...story, [field]: `${article[field].slice(0, keep).trimEnd()}…` };
  }
  // An address longer than a message: the story goes without its link.
  out = block(formatStory({ ...story, url: null }, options));
  return over(out) <= 0 ? out : block(`<b>${escapeHtml(article.headline.slice(0, Math.floor(Math.min(limits.chars, limits.html) / 8)))}…</b>`);
}
