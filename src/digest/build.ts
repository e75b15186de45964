import { type ChatFeedItem, createChatFeedReader } from '../chatfeeds/store.js';
import { createDigestSelector } from '../follows/digest-selection.js';
import { mutedBy } from '../follows/mutes.js';
import { createRuleCache } from '../follows/rule-cache.js';
import { type Audience, audienceOf, chatLanguage, t } from '../i18n/index.js';
import type { Region } from '../regions/regions.js';
import { escapeHtml } from '../render/html.js';
import { block, createMessageParts } from '../render/split.js';
import { formatStoryWithin } from '../render/story.js';
import type { Chat, Language } from '../store/chats.js';
import type { Db } from '../store/db.js';
import { MAX_CODED_REGIONS, plainCode } from './codes.js';
import { digestSince } from './digest-window.js';
import { createSectionCache } from './sections.js';
import { createStoryRenderer, STORY_LIMITS } from './story-render.js';
import { createStoryWindows, REGION_BIT } from './story-window.js';

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

/** When and which part of a chat's digest is built (see `build`). */
type DigestSlot = { lookbackMs?: number; time?: string; part?: { regions: readonly Region[]; main: boolean } };

/** The whole digest, built when due (never written to). */
const NO_SLOT: DigestSlot = {};

/** What a chat with nothing of its own shares with chats of the same inputs. */
type PlainDigest = Pick<Digest, 'parts' | 'shown' | 'total'>;

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
  const renderer = createStoryRenderer(db);
  const { ageText, header, heading, moreLine, keysOf, renderStory, headerDate } = renderer;
  const { filteredSection, sectionStories, renderedSection } = createSectionCache(options, renderer);
  // One message builder for every digest: each build starts it empty.
  const message = createMessageParts();
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
      slot: DigestSlot = NO_SLOT,
    ): Digest {
      const main = slot.part?.main ?? true;
      const since = digestSince(chat.lastDigestUntil, until, slot.lookbackMs);
      const language = chatLanguage(chat, options.defaultLanguage);
      const audience: Audience = audienceOf(chat.type);
      withFeeds ??= options.chatFeeds === false ? new Set() : chatFeeds.chatsWithFeeds();
      const hasFeeds = main && withFeeds.has(chat.id);
      // A chat with nothing of its own gets what every chat with the same inputs gets.
      const shared = !hasFeeds && (chat.follows?.length ?? 0) === 0 && (chat.mutes?.length ?? 0) === 0 && chat.regions.length <= MAX_CODED_REGIONS;
      const digests = shared ? plainGroup(since, until, localDate, slot) : undefined;
      const code = shared ? plainCode(chat.regions, language, audience, chat.quietWhenEmpty) : 0;
      const known = digests?.get(code);
      if (known !== undefined) return { chatId: chat.id, localDate, since, until, parts: known.parts.slice(), shown: known.shown, total: known.total };
      const c = t(language, audience);
      const window = windows.get(since, until);
      message.clear();
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
          if (inPart(slot, region)) {
            const section = renderedSection(window, region, earlier, language);
            for (const unit of section.units) message.add(unit);
            shown += section.picked;
            total += section.free;
          }
          earlier |= REGION_BIT[region];
          continue;
        }
        // A section of another topic's part still counts as "earlier" for the sections after it.
        const free = inPart(slot, region) ? window.countFree(region, earlier) - cut : 0;
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
          : [...chat.regions.filter((r) => inPart(slot, r)).map((r) => c.regions[r]), ...(main ? (chat.follows ?? []) : []), ...(hasFeeds ? chatFeeds.titlesOfChat(chat.id) : [])];
        // Quiet days, or nothing left to name (a chat whose only feeds were turned off): no message.
        parts = scope.length === 0 ? [] : [escapeHtml(c.digest.nothingNew(headerDate(localDate, language, slot.time), scope.join(', ')))];
      }
      if (digests !== undefined) {
        digests.set(code, { parts: parts.slice(), shown, total });
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
      renderer.clear();
    },
  };
}

export type DigestBuilder = ReturnType<typeof createDigestBuilder>;

/** Whether a digest built for `slot` shows `region`'s section (a forum topic's part shows its own regions). */
function inPart(slot: DigestSlot, region: Region): boolean {
  return slot.part === undefined || slot.part.regions.includes(region);
}

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
