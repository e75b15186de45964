/**
 * A digest's region sections as every chat with the same window, earlier regions (and language)
 * shows them: the stories a section picks, and the section rendered into the splitter's units,
 * each found once per story window (`version`). A chat whose follows or mutes take stories out of
 * a section gets its own picks (`filteredSection`).
 */
import { LANGUAGES } from '../i18n/index.js';
import type { Region } from '../regions/regions.js';
import type { Block } from '../render/split.js';
import { nearDuplicates, type StoryKeys } from '../stories/near-duplicates.js';
import type { Language } from '../store/chats.js';
import { LANGUAGE_CODE } from './codes.js';
import type { StoryRenderer } from './story-render.js';
import { REGION_BIT, type StoryWindow, type WindowStory } from './story-window.js';

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

/** The sections of the current story window, picked and rendered with `renderer`'s blocks. */
export function createSectionCache(options: { itemsPerRegion: number }, renderer: StoryRenderer) {
  const { keysOf, renderStory, heading, moreLine } = renderer;
  // Each section's stories for the current window.
  let sections = new Map<number, readonly WindowStory[]>();
  let sectionsVersion = -1;
  // Rendered sections for the current window, by region, earlier regions and language.
  let renderedSections = new Map<number, RenderedSection>();
  let renderedVersion = -1;

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

  return { filteredSection, sectionStories, renderedSection };
}
