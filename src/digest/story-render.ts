/**
 * How a digest's pieces are rendered and remembered across chats: a story's block (its shown copy,
 * outlets and age text; reused while those stay the same), the header, region headings and "and N
 * more" lines, age and date texts, and the near-duplicate keys of shown articles. One renderer per
 * digest builder; `clear()` forgets what refers to articles (after an ingest).
 */
import { format } from 'date-fns/format';
import { tz } from '@date-fns/tz';
import { type Audience, dateLocales, LANGUAGES, t } from '../i18n/index.js';
import { REGION_COMMANDS, REGIONS, type Region } from '../regions/regions.js';
import { escapeHtml } from '../render/html.js';
import { type Block, block, MESSAGE_LIMITS } from '../render/split.js';
import { ageMinutes, ageTextOf, formatStoryFrom, storyHead } from '../render/story.js';
import { bestCopy } from '../stories/best-copy.js';
import { type StoryKeys, storyKeys } from '../stories/near-duplicates.js';
import type { Language } from '../store/chats.js';
import type { Db } from '../store/db.js';
import { AUDIENCE_CODE, LANGUAGE_CODE, REGION_INDEX } from './codes.js';
import type { StoryWindow, WindowStory } from './story-window.js';

/** Outlets named after "also:" at most; more are summarised as "+N". */
const MAX_ALSO = 3;
/** Room kept in a message for a region heading and an "and N more" line around a story. */
const FRAME_ROOM = 200;
/** How large one story may be (characters Telegram counts, HTML source). */
export const STORY_LIMITS = { chars: MESSAGE_LIMITS.chars - FRAME_ROOM, html: MESSAGE_LIMITS.html - 2 * FRAME_ROOM };

/** A story's block as last rendered, with what it shows. */
interface RenderedStory {
  article: ArticleText;
  sourceIds: readonly number[];
  age: string;
  html: Block;
}

interface ArticleText {
  id: number;
  source: string;
  headline: string;
  lead: string;
  url: string | null;
  publishedAt: number;
}

/** Renders stories and a digest's fixed lines, each once per what it shows (see the file's comment). */
export function createStoryRenderer(db: Db) {
  const articleById = db.prepare<[number], ArticleText>(
    `SELECT a.id, s.name AS source, a.headline, a.lead, a.url, a.published_at AS publishedAt
     FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.id = ?`,
  );
  const sourceName = db.prepare<[number], { name: string }>('SELECT name FROM sources WHERE id = ?');
  const sources = new Map<number, string>();
  // The block last rendered for each story, per language, with the copy, outlets and age text it
  // shows: reused while those stay the same, found without building a text key per chat. Articles
  // by id; age texts by language and minutes. Cleared by refresh() (the articles bounded).
  const rendered = new Map<Language, WeakMap<WindowStory, RenderedStory>>();
  // Headers (by date, time, then audience and language), region headings and "and N more" lines, measured once.
  let headers = new Map<string, Map<string, (Block | undefined)[]>>();
  const headings = new Map<Language, Block[]>();
  const moreLines = new Map<Language, Map<number, Block>[]>();
  const articles = new Map<number, ArticleText>();
  // Each shown article's headline and lead, escaped and measured once: a story is rendered again
  // whenever its age text or outlets change (a fresh one every minute), and only its meta line does.
  const heads = new Map<number, Block>();
  // The copy shown per story, keyed by the story's article list (a new list whenever it changes).
  let shownCopy = new WeakMap<readonly number[], ArticleText>();
  // Near-duplicate keys by article id.
  const keys = new Map<number, StoryKeys>();
  const ages = new Map<Language, Map<number, string>>();
  const dates = new Map<string, string>();

  function nameOf(sourceId: number): string {
    let name = sources.get(sourceId);
    if (name === undefined) {
      name = sourceName.get(sourceId)?.name ?? '?';
      sources.set(sourceId, name);
    }
    return name;
  }

  function articleText(id: number): ArticleText | undefined {
    let article = articles.get(id);
    if (article === undefined) {
      article = articleById.get(id);
      if (!article) return undefined;
      if (articles.size >= 20_000) articles.clear();
      articles.set(id, article);
    }
    return article;
  }

  /** "3 hours ago", computed once per language and whole minute of age. */
  function ageText(language: Language, publishedAt: number, now: number): string {
    const minutes = ageMinutes(publishedAt, now);
    let byMinutes = ages.get(language);
    if (byMinutes === undefined) {
      byMinutes = new Map();
      ages.set(language, byMinutes);
    }
    let text = byMinutes.get(minutes);
    if (text === undefined) {
      text = ageTextOf(language, minutes);
      byMinutes.set(minutes, text);
    }
    return text;
  }

  function header(audience: Audience, language: Language, localDate: string, time: string | undefined): Block {
    let byTime = headers.get(localDate);
    if (byTime === undefined) {
      if (headers.size >= 1_000) headers = new Map();
      byTime = new Map();
      headers.set(localDate, byTime);
    }
    let blocks = byTime.get(time ?? '');
    if (blocks === undefined) {
      blocks = [];
      byTime.set(time ?? '', blocks);
    }
    const code = AUDIENCE_CODE[audience] * LANGUAGES.length + LANGUAGE_CODE[language];
    let b = blocks[code];
    if (b === undefined) {
      b = block(`<b>${escapeHtml(t(language, audience).digest.header(headerDate(localDate, language, time)))}</b>`);
      blocks[code] = b;
    }
    return b;
  }

  function heading(language: Language, region: Region): Block {
    let list = headings.get(language);
    if (list === undefined) {
      list = REGIONS.map((r) => block(`<u><b>${escapeHtml(t(language).regions[r])}</b></u>`));
      headings.set(language, list);
    }
    return list[REGION_INDEX[region]] as Block;
  }

  function moreLine(language: Language, region: Region, count: number): Block {
    let perRegion = moreLines.get(language);
    if (perRegion === undefined) {
      perRegion = REGIONS.map(() => new Map<number, Block>());
      moreLines.set(language, perRegion);
    }
    const lines = perRegion[REGION_INDEX[region]] as Map<number, Block>;
    let b = lines.get(count);
    if (b === undefined) {
      b = block(`<i>${escapeHtml(t(language).digest.more(count, REGION_COMMANDS[region]))}</i>`);
      lines.set(count, b);
    }
    return b;
  }

  /** The copy of the story shown (see `bestCopy`), found once per set of articles in the window. */
  function shownArticle(story: WindowStory): ArticleText | undefined {
    const ids = story.articleIds;
    if (ids.length === 1) return articleText(ids[0] as number);
    let best = shownCopy.get(ids);
    if (best === undefined) {
      best = bestCopy(ids.map(articleText).filter((a): a is ArticleText => a !== undefined));
      if (best) shownCopy.set(ids, best);
    }
    return best;
  }

  /** What near-duplicate detection compares, per shown article. */
  function keysOf(story: WindowStory): StoryKeys | undefined {
    const article = shownArticle(story);
    if (!article) return undefined;
    let k = keys.get(article.id);
    if (k === undefined) {
      if (keys.size >= 20_000) keys.clear();
      k = storyKeys(article);
      keys.set(article.id, k);
    }
    return k;
  }

  function renderStory(story: WindowStory, window: StoryWindow, language: Language): Block | undefined {
    const article = shownArticle(story);
    if (!article) return undefined;
    const age = ageText(language, article.publishedAt, window.until);
    let byStory = rendered.get(language);
    if (byStory === undefined) {
      byStory = new WeakMap();
      rendered.set(language, byStory);
    }
    const last = byStory.get(story);
    // A story keeps its object while it stays in the window, and gets new outlet lists when it changes.
    if (last !== undefined && last.article === article && last.sourceIds === story.sourceIds && last.age === age) return last.html;
    const others = story.sourceIds.map(nameOf).filter((name) => name !== article.source);
    const alsoIn = others.length > MAX_ALSO ? [...others.slice(0, MAX_ALSO), `+${others.length - MAX_ALSO}`] : others;
    let head = heads.get(article.id);
    if (head === undefined) {
      if (heads.size >= 20_000) heads.clear();
      head = block(storyHead(article));
      heads.set(article.id, head);
    }
    const html = formatStoryFrom(head, article, { language, now: window.until, alsoIn, age }, STORY_LIMITS);
    byStory.set(story, { article, sourceIds: story.sourceIds, age, html });
    return html;
  }

  /** The header's date, with the digest's time of day when the chat gets several a day ("Saturday, November 28, 18:00"). */
  function headerDate(localDate: string, language: Language, time?: string): string {
    const key = `${language}:${localDate}:${time ?? ''}`;
    let text = dates.get(key);
    if (text === undefined) {
      const c = t(language);
      // As the language writes a date mid-line ("суббота, 28 ноября"); texts that start with it capitalise it.
      text = format(Date.parse(`${localDate}T12:00:00Z`), c.digest.dateFormat, { locale: dateLocales[language], in: tz('UTC') });
      if (time !== undefined) text = `${text}, ${time}`;
      // On-demand digests bring a time to the minute: bounded, as the other caches are.
      if (dates.size >= 1_000) dates.clear();
      dates.set(key, text);
    }
    return text;
  }

  return {
    ageText,
    header,
    heading,
    moreLine,
    keysOf,
    renderStory,
    headerDate,
    /** Forgets the articles, their blocks, copies and keys, headers and outlet names (after an ingest). */
    clear(): void {
      rendered.clear();
      headers = new Map();
      articles.clear();
      heads.clear();
      shownCopy = new WeakMap();
      keys.clear();
      sources.clear();
    },
  };
}

export type StoryRenderer = ReturnType<typeof createStoryRenderer>;
