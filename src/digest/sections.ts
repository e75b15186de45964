/**
 * A digest's region sections as every chat with the same window, earlier regions (and language)
 * shows them: the stories a section picks, and the section rendered into the splitter's units,
 * each found once per story window (`version`) and kept across slides of the window that leave
 * them as they were. A chat whose follows or mutes take stories out of a section gets its own
 * picks (`filteredSection`).
 */
import { LANGUAGES } from '../i18n/index.js';
import type { Region } from '../regions/regions.js';
import { type Block, joinBlocks } from '../render/split.js';
import { nearDuplicates, type StoryKeys } from '../stories/near-duplicates.js';
import type { Language } from '../store/chats.js';
import { LANGUAGE_CODE } from './codes.js';
import type { StoryRenderer } from './story-render.js';
import { type RankKey, rankKeyOf, REGION_BIT, type StoryWindow, type WindowStory } from './story-window.js';

const NO_STORIES: readonly WindowStory[] = [];

function sameBlocks(a: readonly Block[], b: readonly Block[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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

/** A section's picks and the walk that found them: the window version and the last story it looked at. */
interface SectionPicks {
  stories: readonly WindowStory[];
  version: number;
  /** Undefined when the walk went through the whole list. */
  last: RankKey | undefined;
}

/** A rendered section with what it was rendered from: kept while the picks, their blocks and the count stay. */
interface RenderedEntry {
  section: RenderedSection;
  version: number;
  picks: readonly WindowStory[];
  blocks: Block[];
  /** The heading with the first story (without "and N more"). */
  opening: Block | undefined;
}

/** The sections of the current story window, picked and rendered with `renderer`'s blocks. */
export function createSectionCache(options: { itemsPerRegion: number }, renderer: StoryRenderer) {
  const { keysOf, renderStory, heading, moreLine } = renderer;
  // Each section's stories, by region and earlier regions; checked against the window's changes
  // when it slides (a minute's new stories mostly fall after the few a section shows).
  const sections = new Map<number, SectionPicks>();
  // Rendered sections by region, earlier regions and language, with the blocks they were made of.
  const renderedSections = new Map<number, RenderedEntry>();

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
   * per window, and walked again only when the window's slides changed the stories the last walk
   * saw or put one before the last it looked at (`walkUnchanged`).
   */
  function sectionStories(window: StoryWindow, region: Region, earlier: number): readonly WindowStory[] {
    const key = REGION_BIT[region] * 64 + earlier;
    let picks = sections.get(key);
    if (picks !== undefined && picks.version !== window.version) {
      if (window.walkUnchanged(picks.version, region, earlier, picks.last)) picks.version = window.version;
      else picks = undefined;
    }
    if (picks === undefined) {
      const kept: WindowStory[] = [];
      const keptKeys: StoryKeys[] = [];
      let last: RankKey | undefined;
      for (const story of window.ranked(region)) {
        if ((story.regionMask & earlier) !== 0) continue;
        const k = keysOf(story);
        if (k === undefined || keptKeys.some((other) => nearDuplicates(other, k))) continue;
        kept.push(story);
        keptKeys.push(k);
        if (kept.length >= options.itemsPerRegion) {
          last = rankKeyOf(story);
          break;
        }
      }
      picks = { stories: kept, version: window.version, last };
      sections.set(key, picks);
    }
    return picks.stories;
  }

  /**
   * The section of `region` after the regions in `earlier`, rendered once per window and language
   * for every chat that shows it whole (no follows or mutes taking stories out of it): a chat's
   * digest is then its header and these units, placed by the splitter. Kept while the window's
   * slides leave its stories, their blocks and its count as they were.
   */
  function renderedSection(window: StoryWindow, region: Region, earlier: number, language: Language): RenderedSection {
    const key = (REGION_BIT[region] * 64 + earlier) * LANGUAGES.length + LANGUAGE_CODE[language];
    const known = renderedSections.get(key);
    if (known !== undefined && known.version === window.version) return known.section;
    const free = window.countFree(region, earlier);
    const picks = free > 0 ? sectionStories(window, region, earlier) : NO_STORIES;
    const blocks: Block[] = [];
    for (const story of picks) {
      const b = renderStory(story, window, language);
      if (b) blocks.push(b);
    }
    // The same stories in the same blocks and the same count: the section as it was.
    if (known !== undefined && known.picks === picks && known.section.free === free && sameBlocks(known.blocks, blocks)) {
      known.version = window.version;
      return known.section;
    }
    // As `createMessageParts` glues them: the heading stays with the first story, "and N more" with
    // the last; the other stories' blocks are units as they are.
    const units: Block[] = [];
    let opening: Block | undefined;
    if (free > 0) {
      const b0 = blocks[0];
      if (b0 === undefined) opening = heading(language, region);
      else if (known?.opening !== undefined && known.blocks[0] === b0) opening = known.opening;
      else opening = joinBlocks(heading(language, region), '\n', b0);
      units.push(opening);
      for (let i = 1; i < blocks.length; i++) units.push(blocks[i] as Block);
      const more = free - blocks.length;
      if (more > 0) units[units.length - 1] = joinBlocks(units[units.length - 1] as Block, '\n\n', moreLine(language, region, more));
    }
    const section = { units, picked: blocks.length, free };
    renderedSections.set(key, { section, version: window.version, picks, blocks, opening });
    return section;
  }

  return { filteredSection, sectionStories, renderedSection };
}
