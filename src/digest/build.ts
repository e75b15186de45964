import { format } from 'date-fns/format';
import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import { type ChatFeedItem, createChatFeedReader } from '../chatfeeds/store.js';
import { mutedBy } from '../follows/mutes.js';
import { createRuleCache } from '../follows/rule-cache.js';
import { tz } from '@date-fns/tz';
import { type Audience, audienceOf, chatLanguage, dateLocales, LANGUAGES, t } from '../i18n/index.js';
import { REGION_COMMANDS, REGIONS, type Region } from '../regions/regions.js';
import { escapeHtml } from '../render/html.js';
import { type Block, block, createMessageParts, MESSAGE_LIMITS } from '../render/split.js';
import { formatStoryFrom, formatStoryWithin, storyHead } from '../render/story.js';
import { bestCopy } from '../stories/best-copy.js';
import { nearDuplicates, type StoryKeys, storyKeys } from '../stories/near-duplicates.js';
import type { Chat, Language } from '../store/chats.js';
import type { Db } from '../store/db.js';
import { createDigestSelector } from '../follows/digest-selection.js';
import { createStoryWindows, REGION_BIT, type StoryWindow, type WindowStory } from './story-window.js';

/** The first digest of a chat covers this much news (ms): the last 24 hours. */
export const FIRST_DIGEST_LOOKBACK_MS = 24 * 3_600_000;
/**
 * A digest never reaches further back than this (ms), however long the chat was paused: week-old
 * stories are not news, and the window stays cheap to load.
 */
export const MAX_DIGEST_LOOKBACK_MS = 7 * 24 * 3_600_000;
/** Outlets named after "also:" at most; more are summarised as "+N". */
const MAX_ALSO = 3;
/** Room kept in a message for a region heading and an "and N more" line around a story. */
const FRAME_ROOM = 200;
/** How large one story may be (characters Telegram counts, HTML source). */
const STORY_LIMITS = { chars: MESSAGE_LIMITS.chars - FRAME_ROOM, html: MESSAGE_LIMITS.html - 2 * FRAME_ROOM };


const REGION_INDEX = Object.fromEntries(REGIONS.map((r, i) => [r, i])) as Record<Region, number>;

/**
 * What a digest needs to know about a chat. Without a chosen `language` the digest is in the
 * language of the chat's Telegram client as last seen (`clientLanguage`), else DEFAULT_LANGUAGE;
 * a group (`type`) is addressed as a group.
 */
export type DigestChat = Pick<Chat, 'id' | 'regions' | 'language' | 'lastDigestUntil' | 'quietWhenEmpty'> &
  Partial<Pick<Chat, 'clientLanguage' | 'type' | 'follows' | 'mutes'>>;

/** A built digest: the window it covers and the messages to send, in order. */
export interface Digest {
  chatId: number;
  localDate: string;
  /** Stories published after this (ms) ... */
  since: number;
  /** ... and up to this (ms). */
  until: number;
  /** Rendered Telegram HTML messages, each within Telegram's limits (4096 characters of text); empty when there is nothing to send. */
  parts: string[];
  /** Stories shown (not counting the "and N more"). */
  shown: number;
  /** Stories in the window across the chat's regions, shown or not. */
  total: number;
}

export interface DigestBuilderOptions {
  /** Stories per region before "and N more" (DIGEST_ITEMS_PER_REGION). */
  itemsPerRegion: number;
  /** Language for chats that chose none (DEFAULT_LANGUAGE). */
  defaultLanguage: Language;
  /** Show chats' own feeds (ALLOW_CHAT_FEEDS); default true. */
  chatFeeds?: boolean;
}

/** The most a digest can be late (DIGEST_CATCHUP_HOURS' upper bound), so two digests a period apart may be further. */
const MAX_LATENESS_MS = 48 * 3_600_000;

/**
 * The window a chat's next digest covers when built at `until` (ms): the stories since its previous
 * digest; a first digest reaches `lookbackMs` back (default a day; the first of a weekly cadence, a
 * week). Never more than MAX_DIGEST_LOOKBACK_MS back, unless the cadence's own period (with the
 * lateness two digests may have) is longer: a weekly digest covers its whole week.
 */
export function digestWindow(lastDigestUntil: number | null, until: number, lookbackMs = FIRST_DIGEST_LOOKBACK_MS): { since: number; until: number } {
  const since = lastDigestUntil ?? until - lookbackMs;
  const limit = lookbackMs > FIRST_DIGEST_LOOKBACK_MS ? Math.max(MAX_DIGEST_LOOKBACK_MS, lookbackMs + MAX_LATENESS_MS) : MAX_DIGEST_LOOKBACK_MS;
  return { since: Math.min(until, Math.max(since, until - limit)), until };
}

/** When and which part of a chat's digest is built (see `build`). */
type DigestSlot = { lookbackMs?: number; time?: string; part?: { regions: readonly Region[]; main: boolean } };

/** What a chat with nothing of its own shares with chats of the same inputs. */
type PlainDigest = Pick<Digest, 'parts' | 'shown' | 'total'>;

/** Regions a chat may list for its digest to be shared by code (see `plainCode`): 8^12 stays an exact number. */
const MAX_CODED_REGIONS = 12;
const LANGUAGE_CODE = Object.fromEntries(LANGUAGES.map((l, i) => [l, i])) as Record<Language, number>;
const AUDIENCE_CODE: Record<Audience, number> = { private: 0, group: 1, channel: 2 };

/** One number for a chat's regions in order, language, audience and quiet days, within a group of shared digests. */
function plainCode(regions: readonly Region[], language: Language, audience: Audience, quiet: boolean): number {
  let code = 0;
  for (const region of regions) code = code * 8 + (REGION_INDEX[region] as number) + 1;
  return ((code * LANGUAGES.length + LANGUAGE_CODE[language]) * 3 + AUDIENCE_CODE[audience]) * 2 + (quiet ? 1 : 0);
}

/**
 * A region's section as every chat with the same window, language and earlier regions shows it: the
 * units the message splitter places (heading glued to the first story, each other story, the last
 * one glued to "and N more"), already joined and measured.
 */
interface RenderedSection {
  units: Block[];
  picked: number;
  free: number;
}

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

/**
 * Builds digests. One builder serves many chats: articles are read once per `refresh()`, the story
 * window slides from one due time to the next, and a story is rendered once per language, outlets
 * and age, so a day of digests for many chats costs little more than the stories in it.
 *
 * A digest holds the stories of the chat's regions published in its window, each story once, under
 * the chat's first region that carries it, shown by its best copy (one with an address, then the
 * longest lead), with "also: …" naming the other outlets that ran it.
 * Within a region: most widely carried first, then newest, a story that tells the same news as one
 * already shown (near-duplicates, see `nearDuplicates`) left out; `itemsPerRegion` of them, then
 * "and N more: /asia". A header line carries the local date in the chat's language. With nothing
 * new the digest is one short line, or no message at all if the chat chose quiet days.
 *
 * A chat's follows (`follows`) put the stories that match them, from any region, first under
 * "Following" (same order, near-duplicates and cap), and those shown there are not shown again
 * under a region; its mutes (`mutes`) keep matching stories out of every section. Rules are matched
 * once per window for all chats (see `createWindowMatcher`); a chat without any costs nothing more.
 */
export function createDigestBuilder(db: Db, options: DigestBuilderOptions) {
  const windows = createStoryWindows(db);
  const selector = createDigestSelector(db, options);
  const chatFeeds = createChatFeedReader(db);
  // Chats that added feeds of their own: few, so only those look for feed items. Reloaded by refresh().
  let withFeeds: Set<number> | undefined;
  const feedRules = createRuleCache();
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
  // Headers (by audience, language and date), region headings and "and N more" lines, measured once.
  let headers = new Map<string, Block>();
  const headings = new Map<Language, Block[]>();
  const moreLines = new Map<Language, Map<number, Block>[]>();
  const articles = new Map<number, ArticleText>();
  // Each shown article's headline and lead, escaped and measured once: a story is rendered again
  // whenever its age text or outlets change (a fresh one every minute), and only its meta line does.
  const heads = new Map<number, Block>();
  // The copy shown per story, keyed by the story's article list (a new list whenever it changes).
  let shownCopy = new WeakMap<readonly number[], ArticleText>();
  // Near-duplicate keys by article id; each section's stories for the current window.
  const keys = new Map<number, StoryKeys>();
  let sections = new Map<number, readonly WindowStory[]>();
  let sectionsVersion = -1;
  // Rendered sections for the current window, by region, earlier regions and language.
  let renderedSections = new Map<number, RenderedSection>();
  let renderedVersion = -1;
  const ages = new Map<Language, Map<number, string>>();
  const dates = new Map<string, string>();
  // Whole digests of chats without follows, mutes or feeds of their own, by everything their text
  // depends on: chats that share a time, zone, regions and language get the same messages, built
  // once. Grouped by window, date, time and part (consecutive chats mostly share the group, found
  // without a text key), then by `plainCode`. Only the groups of the latest `until` are kept: a
  // pass builds at one `until`, and a run of windows (a day's minutes) never comes back to an
  // earlier one, whose digests only made the collector copy them. Bounded and cleared by refresh().
  let plainGroups = new Map<string, Map<number, PlainDigest>>();
  let plainCount = 0;
  let plainUntil = Number.NaN;
  let lastGroup: { since: number; until: number; localDate: string; time: string | undefined; digests: Map<number, PlainDigest> } | undefined;

  function plainGroup(since: number, until: number, localDate: string, slot: DigestSlot): Map<number, PlainDigest> {
    const last = lastGroup;
    if (last !== undefined && slot.part === undefined && last.since === since && last.until === until && last.localDate === localDate && last.time === slot.time) {
      return last.digests;
    }
    if (plainCount >= 10_000 || until !== plainUntil) {
      plainGroups = new Map();
      plainCount = 0;
      plainUntil = until;
    }
    const part = slot.part ? `${slot.part.main ? 1 : 0}${slot.part.regions.join(',')}` : '-';
    const key = `${since}|${until}|${localDate}|${slot.time ?? ''}|${part}`;
    let digests = plainGroups.get(key);
    if (digests === undefined) {
      digests = new Map();
      plainGroups.set(key, digests);
    }
    lastGroup = slot.part === undefined ? { since, until, localDate, time: slot.time, digests } : undefined;
    return digests;
  }

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
    const minutes = Math.max(0, Math.round((now - publishedAt) / 60_000));
    let byMinutes = ages.get(language);
    if (byMinutes === undefined) {
      byMinutes = new Map();
      ages.set(language, byMinutes);
    }
    let text = byMinutes.get(minutes);
    if (text === undefined) {
      text =
        minutes < 1
          ? t(language).story.justNow
          : formatDistanceStrict(now - minutes * 60_000, now, { addSuffix: true, locale: dateLocales[language] });
      byMinutes.set(minutes, text);
    }
    return text;
  }

  function header(audience: Audience, language: Language, localDate: string, time: string | undefined): Block {
    const key = `${audience}:${language}:${localDate}:${time ?? ''}`;
    let b = headers.get(key);
    if (b === undefined) {
      if (headers.size >= 1_000) headers = new Map();
      b = block(`<b>${escapeHtml(t(language, audience).digest.header(headerDate(localDate, language, time)))}</b>`);
      headers.set(key, b);
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

  /** A region's section for a chat with mutes or shown follows: `sectionStories` without those. */
  function filteredSection(window: StoryWindow, region: Region, earlier: number, excluded: (story: WindowStory) => boolean): WindowStory[] {
    const shared = sectionStories(window, region, earlier);
    // Nothing the chat leaves out is among the shared picks: they are the chat's picks too.
    if (!shared.some(excluded)) return shared as WindowStory[];
    const kept: WindowStory[] = [];
    const keptKeys: StoryKeys[] = [];
    for (const story of window.ranked(region)) {
      if ((story.regionMask & earlier) !== 0 || excluded(story)) continue;
      const k = keysOf(story);
      if (k === undefined || keptKeys.some((other) => nearDuplicates(other, k))) continue;
      kept.push(story);
      keptKeys.push(k);
      if (kept.length >= options.itemsPerRegion) break;
    }
    return kept;
  }

  /**
   * The stories a section shows: the region's stories that no region listed before it in the chat
   * carries (`earlier`), in digest order, near-duplicates of one already shown left out, at most
   * `itemsPerRegion`. The same for every chat with that region after those regions, so found once
   * per window.
   */
  function sectionStories(window: StoryWindow, region: Region, earlier: number): readonly WindowStory[] {
    if (window.version !== sectionsVersion) {
      sections = new Map();
      sectionsVersion = window.version;
    }
    const key = REGION_BIT[region] * 64 + earlier;
    let picks = sections.get(key);
    if (picks === undefined) {
      const kept: WindowStory[] = [];
      const keptKeys: StoryKeys[] = [];
      for (const story of window.ranked(region)) {
        if ((story.regionMask & earlier) !== 0) continue;
        const k = keysOf(story);
        if (k === undefined || keptKeys.some((other) => nearDuplicates(other, k))) continue;
        kept.push(story);
        keptKeys.push(k);
        if (kept.length >= options.itemsPerRegion) break;
      }
      picks = kept;
      sections.set(key, picks);
    }
    return picks;
  }

  /**
   * The section of `region` after the regions in `earlier`, rendered once per window and language
   * for every chat that shows it whole (no follows or mutes taking stories out of it): a chat's
   * digest is then its header and these units, placed by the splitter.
   */
  function renderedSection(window: StoryWindow, region: Region, earlier: number, language: Language): RenderedSection {
    if (window.version !== renderedVersion) {
      renderedSections = new Map();
      renderedVersion = window.version;
    }
    const key = (REGION_BIT[region] * 64 + earlier) * LANGUAGES.length + LANGUAGE_CODE[language];
    let section = renderedSections.get(key);
    if (section !== undefined) return section;
    const free = window.countFree(region, earlier);
    const units: Block[] = [];
    let picked = 0;
    if (free > 0) {
      // As `createMessageParts` glues them: the heading stays with the first story, "and N more" with the last.
      const first = heading(language, region);
      let html = first.html;
      let chars = first.size.chars;
      let entities = first.size.entities;
      for (const story of sectionStories(window, region, earlier)) {
        const b = renderStory(story, window, language);
        if (!b) continue;
        if (picked === 0) {
          html += `\n${b.html}`;
          chars += 1 + b.size.chars;
          entities += b.size.entities;
        } else {
          units.push({ html, size: { chars, html: html.length, entities } });
          html = b.html;
          chars = b.size.chars;
          entities = b.size.entities;
        }
        picked++;
      }
      const more = free - picked;
      if (more > 0) {
        const b = moreLine(language, region, more);
        html += `\n\n${b.html}`;
        chars += 2 + b.size.chars;
        entities += b.size.entities;
      }
      units.push({ html, size: { chars, html: html.length, entities } });
    }
    section = { units, picked, free };
    renderedSections.set(key, section);
    return section;
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
    /**
     * The digest for `chat` on its `localDate`, covering stories published after its last digest
     * (for a first one, `lookbackMs` back: by default the last 24 h) and up to `until` (ms). `time`
     * ('HH:MM') goes beside the header's date for a chat that gets several digests a day.
     * `part`: one forum topic's share of the digest: only the sections of `part.regions` (each
     * story still under the chat's first region that carries it, so it is in one topic only), and
     * the followed stories and the chat's own feeds only in the `main` part.
     */
    build(
      chat: DigestChat,
      localDate: string,
      until: number,
      slot: DigestSlot = {},
    ): Digest {
      const main = slot.part?.main ?? true;
      const inPart = (region: Region) => slot.part === undefined || slot.part.regions.includes(region);
      const { since } = digestWindow(chat.lastDigestUntil, until, slot.lookbackMs);
      const language = chatLanguage(chat, options.defaultLanguage);
      const audience: Audience = audienceOf(chat.type);
      withFeeds ??= options.chatFeeds === false ? new Set() : chatFeeds.chatsWithFeeds();
      const hasFeeds = main && withFeeds.has(chat.id);
      // A chat with nothing of its own gets what every chat with the same inputs gets.
      const memo =
        hasFeeds || (chat.follows?.length ?? 0) > 0 || (chat.mutes?.length ?? 0) > 0 || chat.regions.length > MAX_CODED_REGIONS
          ? undefined
          : { digests: plainGroup(since, until, localDate, slot), code: plainCode(chat.regions, language, audience, chat.quietWhenEmpty) };
      const known = memo?.digests.get(memo.code);
      if (known !== undefined) return { chatId: chat.id, localDate, since, until, parts: known.parts.slice(), shown: known.shown, total: known.total };
      const c = t(language, audience);
      const window = windows.get(since, until);
      const message = createMessageParts();
      message.add(header(audience, language, localDate, slot.time));
      let shown = 0;
      let total = 0;
      const selection = selector.select(chat, window, keysOf);
      if (main && selection && selection.followingTotal > 0) {
        message.add(block(`<u><b>${escapeHtml(t(language).digest.following)}</b></u>`));
        let picked = 0;
        for (const story of selection.following) {
          const html = renderStory(story, window, language);
          if (!html) continue;
          message.add(html, picked === 0 ? '\n' : undefined);
          picked++;
        }
        const more = selection.followingTotal - picked;
        if (more > 0) message.add(block(`<i>${escapeHtml(t(language).digest.followingMore(more))}</i>`), '\n\n');
        shown += picked;
        total += selection.followingTotal;
      }
      let earlier = 0;
      for (let i = 0; i < chat.regions.length; i++) {
        const region = chat.regions[i] as Region;
        const cut = selection?.leftOut[i] ?? 0;
        if (cut === 0) {
          // The section as every chat with these earlier regions sees it, rendered once.
          if (inPart(region)) {
            const section = renderedSection(window, region, earlier, language);
            for (const unit of section.units) message.add(unit);
            shown += section.picked;
            total += section.free;
          }
          earlier |= REGION_BIT[region];
          continue;
        }
        // A section of another topic's part still counts as "earlier" for the sections after it.
        const free = inPart(region) ? window.countFree(region, earlier) - cut : 0;
        const stories = selection && cut > 0 && free > 0 ? filteredSection(window, region, earlier, selection.excluded) : undefined;
        if (free > 0) {
          // The heading and the "and N more" line stay with a story, so a message never ends on a bare heading.
          message.add(heading(language, region));
          let picked = 0;
          for (const story of stories ?? sectionStories(window, region, earlier)) {
            const html = renderStory(story, window, language);
            if (!html) continue;
            message.add(html, picked === 0 ? '\n' : undefined);
            picked++;
          }
          const more = free - picked;
          if (more > 0) message.add(moreLine(language, region, more), '\n\n');
          shown += picked;
          total += free;
        }
        earlier |= REGION_BIT[region];
      }
      if (hasFeeds) {
        // The chat's own feeds, each under its name, after the regions: items no other chat sees.
        // The chat's mutes hold here too: a muted word is left out wherever the chat would see it.
        const muted = mutedBy(feedRules.rules(chat.mutes));
        const items = chatFeeds.itemsOfChat(chat.id, since, until);
        for (const section of feedSections(muted ? items.filter((item) => !muted(item)) : items)) {
          message.add(block(`<u><b>${escapeHtml(section.title)}</b></u>`));
          const picked = section.items.slice(0, options.itemsPerRegion);
          picked.forEach((item, i) => {
            const age = ageText(language, item.publishedAt, until);
            message.add(formatStoryWithin(item, { language, now: until, age }, STORY_LIMITS), i === 0 ? '\n' : undefined);
          });
          const more = section.items.length - picked.length;
          if (more > 0) message.add(block(`<i>${escapeHtml(c.feeds.more(more))}</i>`), '\n\n');
          shown += picked.length;
          total += section.items.length;
        }
      }
      let parts: string[];
      if (total > 0) parts = message.finish();
      else {
        const scope = chat.quietWhenEmpty
          ? []
          : [...chat.regions.filter(inPart).map((r) => c.regions[r]), ...(main ? (chat.follows ?? []) : []), ...(hasFeeds ? chatFeeds.titlesOfChat(chat.id) : [])];
        // Quiet days, or nothing left to name (a chat whose only feeds were turned off): no message.
        parts = scope.length === 0 ? [] : [escapeHtml(c.digest.nothingNew(headerDate(localDate, language, slot.time), scope.join(', ')))];
      }
      if (memo !== undefined) {
        memo.digests.set(memo.code, { parts: parts.slice(), shown, total });
        plainCount++;
      }
      return { chatId: chat.id, localDate, since, until, parts, shown, total };
    },
    /** Forget loaded windows, e.g. after an ingest added articles. */
    refresh(): void {
      windows.clear();
      selector.clear();
      withFeeds = undefined;
      plainGroups = new Map();
      plainCount = 0;
      lastGroup = undefined;
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

export type DigestBuilder = ReturnType<typeof createDigestBuilder>;

/** A chat's feed items (as `itemsOfChat` lists them: feed by feed, newest first) grouped by feed. */
function feedSections(items: readonly ChatFeedItem[]): { title: string; items: ChatFeedItem[] }[] {
  const sections: { feedId: number; title: string; items: ChatFeedItem[] }[] = [];
  for (const item of items) {
    const last = sections.at(-1);
    if (last?.feedId === item.feedId) last.items.push(item);
    else sections.push({ feedId: item.feedId, title: item.source, items: [item] });
  }
  return sections;
}
