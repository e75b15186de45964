import { afterEach, describe, expect, it } from 'vitest';
import { createStoryWindows, REGION_BIT, type WindowStory } from '../../src/digest/story-window.js';
import { createDigestSelector } from '../../src/follows/digest-selection.js';
import { matchText, parseRule, ruleMatches } from '../../src/follows/rule.js';
import { REGIONS, type Region } from '../../src/regions/regions.js';
import { nearDuplicates, type StoryKeys, storyKeys } from '../../src/stories/near-duplicates.js';
import { tempStore } from '../helpers/temp-db.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const NOW = Date.parse('2026-11-28T08:00:00Z');
let store: ReturnType<typeof tempStore>;
afterEach(() => store?.close());

// "news" is in every headline (a rule matching everything); "zebra" in none.
const WORDS = ['Taiwan', 'Japan', 'sanctions', 'bank', 'rates', 'chips', 'Brazil', 'Kenya', 'Paris', 'election', 'storm', 'talks'];
const RULES = ['Taiwan', 'Japan', 'sanction*', 'rates', '"bank rates"', 'chips', 'Brazil', 'Kenya', 'Paris', 'election', 'storm', 'talks', 'news', 'zebra', 'Taiwan chips'];

interface Row {
  id: number;
  story: number;
  source: number;
  publishedAt: number;
  regions: string;
  headline: string;
  lead: string;
}

describe('a chat\'s follows and mutes in a digest window', () => {
  it('when windows slide through two days, jump back and rules change between chats of one window, then every selection is the one worked out article by article', () => {
    store = tempStore();
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const ids: { id: number; publishedAt: number }[] = [];
    for (let i = 0; i < 500; i++) {
      const headline = `news ${Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(WORDS)).join(' ')}`;
      const lead = Array.from({ length: 3 + Math.floor(random() * 4) }, () => pick(WORDS)).join(' ');
      const publishedAt = NOW - Math.floor(random() * 48 * HOUR);
      const regions = random() < 0.3 ? [pick(REGIONS), pick(REGIONS)] : [pick(REGIONS)];
      const outcome = store.articles.upsert({ source: `S${Math.floor(random() * 5)}`, url: `https://x.example/${i}`, headline, lead, publishedAt, regions: [...new Set(regions)] });
      ids.push({ id: outcome.id, publishedAt });
    }
    // One article in three joins an earlier one's story (another outlet's version, up to a day later).
    const join = store.db.prepare('UPDATE articles SET story_id = ? WHERE id = ?');
    for (const a of ids) {
      if (random() >= 0.33) continue;
      const other = pick(ids);
      if (other.publishedAt < a.publishedAt && a.publishedAt - other.publishedAt < 24 * HOUR) {
        const story = (store.db.prepare('SELECT COALESCE(story_id, id) AS s FROM articles WHERE id = ?').get(other.id) as { s: number }).s;
        join.run(story, a.id);
      }
    }
    const rows = store.db
      .prepare('SELECT id, COALESCE(story_id, id) AS story, source_id AS source, published_at AS publishedAt, regions, headline, lead FROM articles')
      .all() as Row[];
    const texts = new Map(rows.map((r) => [r.id, matchText(r.headline, r.lead)]));
    const rules = new Map(RULES.map((text) => [text, (parseRule(text) as { kind: 'ok'; rule: Parameters<typeof ruleMatches>[0] }).rule]));
    const keys = new Map<number, StoryKeys>();
    const keysOf = (story: WindowStory): StoryKeys | undefined => {
      let k = keys.get(story.storyId);
      if (k === undefined) {
        const first = rows.find((r) => r.id === story.articleIds[0]) as Row;
        k = storyKeys({ headline: first.headline, lead: first.lead, publishedAt: first.publishedAt });
        keys.set(story.storyId, k);
      }
      return k;
    };

    // Both ways of reading a rule: every rule from a bitset of its stories, and none.
    const selectors = [createDigestSelector(store.db, { itemsPerRegion: 3, denseFrom: 4 }), createDigestSelector(store.db, { itemsPerRegion: 3, denseFrom: 1e9 })];
    const windows = createStoryWindows(store.db);
    const spans: [number, number][] = [];
    for (let until = NOW - 30 * HOUR; until <= NOW; until += Math.floor(random() * 90) * MINUTE) spans.push([until - 24 * HOUR, until]);
    spans.push([NOW - 40 * HOUR, NOW - 20 * HOUR], [NOW - 39 * HOUR, NOW - 19 * HOUR], [NOW - 6 * HOUR, NOW]);
    let checked = 0;
    let withFollowing = 0;
    let withMutedOut = 0;
    for (const [since, until] of spans) {
      const window = windows.get(since, until);
      const inWindow = rows.filter((r) => r.publishedAt > since && r.publishedAt <= until);
      const chats: { regions: Region[]; follows: string[]; mutes: string[] }[] = [];
      for (let c = 0; c < 4; c++) {
        const follows = [...new Set(Array.from({ length: Math.floor(random() * 4) }, () => pick(RULES)))];
        const mutes = [...new Set(Array.from({ length: Math.floor(random() * 3) }, () => pick(RULES)))];
        chats.push({ regions: [...new Set([pick(REGIONS), pick(REGIONS), pick(REGIONS)])], follows, mutes });
      }
      // The same chat again with a follow added, then removed: nothing of the other digest stays.
      const first = chats[0] as (typeof chats)[number];
      chats.push({ ...first, follows: [...first.follows, 'storm'] }, first);
      // Chats of four and six regions (their muted stories counted under the first region carrying them).
      const second = chats[1] as (typeof chats)[number];
      chats.push({ ...second, regions: [...REGIONS].reverse() }, { ...first, regions: ['world', 'asia', 'africa', 'europe'] });
      // Seven follows and six mutes (more rules of each kind than one pass over the words reads at once).
      chats.push({ regions: first.regions, follows: [...RULES.slice(0, 6), 'Taiwan chips'], mutes: [...RULES.slice(7, 12), 'zebra'] });
      for (const chat of chats) {
        // Worked out article by article.
        const stories = new Map<number, { mask: number; sources: Set<number>; newest: number; followed: boolean; muted: boolean }>();
        for (const r of inWindow) {
          let s = stories.get(r.story);
          if (s === undefined) {
            s = { mask: 0, sources: new Set(), newest: 0, followed: false, muted: false };
            stories.set(r.story, s);
          }
          for (const region of r.regions.split(',')) s.mask |= REGION_BIT[region as Region] ?? 0;
          s.sources.add(r.source);
          s.newest = Math.max(s.newest, r.publishedAt);
          const text = texts.get(r.id)!;
          if (chat.follows.some((f) => ruleMatches(rules.get(f)!, text))) s.followed = true;
          if (chat.mutes.some((f) => ruleMatches(rules.get(f)!, text))) s.muted = true;
        }
        const sectionOf = (mask: number) => chat.regions.findIndex((r) => (mask & REGION_BIT[r]) !== 0);
        const order = [...stories].filter(([, s]) => s.followed && !s.muted).sort(([ia, a], [ib, b]) => b.sources.size - a.sources.size || b.newest - a.newest || ib - ia);
        const shown: number[] = [];
        const kept: StoryKeys[] = [];
        for (const [id] of order) {
          if (shown.length >= 3) break;
          const k = keysOf(window.story(id)!)!;
          if (kept.some((o) => nearDuplicates(o, k))) continue;
          shown.push(id);
          kept.push(k);
        }
        const leftOut = chat.regions.map(() => 0);
        for (const [id, s] of stories) {
          const at = sectionOf(s.mask);
          if (at >= 0 && (s.muted || shown.includes(id))) leftOut[at] = (leftOut[at] as number) + 1;
        }
        const expected = { following: shown, followingTotal: order.length, leftOut };
        for (const selector of selectors) {
          const got = selector.select(chat, window, keysOf);
          if (chat.follows.length === 0 && chat.mutes.length === 0) {
            expect(got).toBeUndefined();
            continue;
          }
          expect(got, `${chat.follows} / ${chat.mutes} in (${(NOW - since) / HOUR}, ${(NOW - until) / HOUR}] h ago`).toBeDefined();
          expect({ following: got!.following.map((s) => s.storyId), followingTotal: got!.followingTotal, leftOut: [...got!.leftOut] }, `${chat.follows} / ${chat.mutes}`).toEqual(expected);
          for (const [id, s] of stories) expect(got!.excluded(window.story(id)!), `story ${id}`).toBe(s.muted || shown.includes(id));
          checked++;
        }
        if (shown.length > 0) withFollowing++;
        if (leftOut.some((n, i) => n > 0 && !shown.some((id) => sectionOf(stories.get(id)!.mask) === i))) withMutedOut++;
      }
    }
    // The random chats reached every case: selections checked, followed stories shown, muted ones left out.
    expect(checked).toBeGreaterThan(100);
    expect(withFollowing).toBeGreaterThan(20);
    expect(withMutedOut).toBeGreaterThan(20);
  });

  it('when the first followed stories in digest order tell the same news, then Following reaches past all of them to the next different ones', () => {
    store = tempStore();
    // Six copies of one headline (six stories, each newer than the last), then two different followed stories, older.
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push(store.articles.upsert({ source: `S${i}`, url: `https://x.example/same${i}`, headline: 'Taiwan chips maker opens new plant in Kumamoto', lead: 'Lead.', publishedAt: NOW - (10 - i) * MINUTE, regions: ['asia'] }).id);
    }
    const older = [
      store.articles.upsert({ source: 'S7', url: 'https://x.example/a', headline: 'Taiwan election campaign enters final week', lead: 'Lead.', publishedAt: NOW - 2 * HOUR, regions: ['asia'] }).id,
      store.articles.upsert({ source: 'S8', url: 'https://x.example/b', headline: 'Taiwan storm closes schools and offices', lead: 'Lead.', publishedAt: NOW - 3 * HOUR, regions: ['asia'] }).id,
    ];
    // Separate stories (the store would have made the copies one).
    for (const id of [...ids, ...older]) store.db.prepare('UPDATE articles SET story_id = ? WHERE id = ?').run(id, id);
    const window = createStoryWindows(store.db).get(NOW - 24 * HOUR, NOW);
    const keysOf = (story: WindowStory) => storyKeys({ headline: story.storyId <= (ids.at(-1) as number) ? 'Taiwan chips maker opens new plant in Kumamoto' : `Taiwan story ${story.storyId} on another matter entirely`, lead: 'Lead.', publishedAt: story.newest });
    for (const denseFrom of [1, 1e9]) {
      const selection = createDigestSelector(store.db, { itemsPerRegion: 2, denseFrom }).select({ regions: ['europe'], follows: ['Taiwan'] }, window, keysOf);
      expect(selection?.following.map((s) => s.storyId)).toEqual([ids.at(-1), older[0]]);
      expect(selection?.followingTotal).toBe(8);
    }
  });
});
