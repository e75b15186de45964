import { findPlaces } from './scan.js';
import { parseRegion, type Region, REGIONS } from './regions.js';

export { findPlaces, type PlaceMention } from './scan.js';

export interface TagInput {
  /** The region the source itself names (SOURCES_FILE `region`, `--region`): a prior. */
  sourceRegion?: string | null | undefined;
  /** The region the page's section or the item's category names ("Asia", "Middle East"): a prior. */
  sectionRegion?: string | null | undefined;
  /**
   * The lead (or any text) where places are looked for, lines apart by "\n". Pass the headline
   * apart in `headline`: its places weigh twice as much.
   */
  text: string;
  /** The headline; a trailing outlet name (" - Al Jazeera English") is not read as places. */
  headline?: string | null | undefined;
  /** The dateline ("MOSCOW", "WASHINGTON, Nov 27"). */
  dateline?: string | null | undefined;
}

/** A region's second place in a country's list (Egypt: Middle East, then Africa) counts this share. */
const SECONDARY_SHARE = 0.6;
/** What the source's and the section's regions add: less than one mention in the lead. */
const SOURCE_PRIOR = 0.5;
const SECTION_PRIOR = 0.75;
/** A region is kept when its score is at least this share of the first region's. */
const KEEP_SHARE = 0.4;
/** The first place named in the headline is usually the story's subject. */
const SUBJECT_BONUS = 1.25;

/**
 * The regions of an article, primary first, decided by what the story names:
 * - every place, institution, leader, club or demonym found in the dateline, headline and text
 *   (see scan.ts and gazetteer.ts) adds its weight to its regions: a mention in the headline counts
 *   twice one in the lead, the headline's first place a quarter more again, a place after "in"
 *   more, a place named only as a source ("US media") less, a hint (a currency) less than a name;
 * - the source's and the section's regions are priors: they add less than one mention in the
 *   lead, so they break ties and decide when the story names no place; a source or section that
 *   says only "world" adds nothing and keeps `world` last;
 * - a page section or item category is an editor's label for this very story, not a trait of the
 *   outlet: when the story itself names a place of the section's region, that region comes first
 *   (Sputnik's Asia page on a Moscow statement about Putin's visit to Japan stays Asia first); a
 *   section the story gives no ground for (an Asia page's story on Brazil) does not;
 * - regions scoring less than 40% of the first are dropped (a passing mention does not file a
 *   story under a region); with nothing at all, the article is `world`.
 *
 * The gazetteer is compiled on the first call and reused; a call costs a few microseconds.
 */
export function tagRegions(input: TagInput): Region[] {
  const score = new Float64Array(REGIONS.length);
  const order = new Float64Array(REGIONS.length).fill(Number.POSITIVE_INFINITY);
  const named = new Uint8Array(REGIONS.length);
  const mentions = findPlaces(input);
  let subject = true;
  for (const m of mentions) {
    let weight = m.weight;
    if (subject && m.part === 'headline') {
      weight *= SUBJECT_BONUS;
      subject = false;
    }
    for (let i = 0; i < m.regions.length; i++) {
      const r = REGION_INDEX[m.regions[i] as Region];
      score[r] = (score[r] as number) + (i === 0 ? weight : weight * SECONDARY_SHARE);
      if (m.order < (order[r] as number)) order[r] = m.order;
      named[r] = 1;
    }
  }
  const anyNamed = mentions.length > 0;

  let world = false;
  const source = regionOf(input.sourceRegion);
  const section = regionOf(input.sectionRegion);
  if (source === 'world' || section === 'world') world = true;
  // Priors rank after every mention, the source's before the section's, when scores tie.
  if (source && source !== 'world') addPrior(score, order, REGION_INDEX[source], section === source ? SECTION_PRIOR : SOURCE_PRIOR, mentions.length);
  if (section && section !== 'world' && section !== source) addPrior(score, order, REGION_INDEX[section], SECTION_PRIOR, mentions.length + 1);

  let top = 0;
  for (const v of score) if (v > top) top = v;
  const out: Region[] = [];
  for (let r = 0; r < REGIONS.length; r++) {
    // A prior alone does not add a region to a story that names places: only its own mentions do.
    if ((score[r] as number) > 0 && (score[r] as number) > top * KEEP_SHARE && (named[r] === 1 || !anyNamed)) out.push(REGIONS[r] as Region);
  }
  out.sort((a, b) => {
    const i = REGION_INDEX[a];
    const j = REGION_INDEX[b];
    return (score[j] as number) - (score[i] as number) || (order[i] as number) - (order[j] as number);
  });
  if (section && section !== 'world' && named[REGION_INDEX[section]] === 1) {
    const at = out.indexOf(section);
    if (at !== 0) {
      if (at > 0) out.splice(at, 1);
      out.unshift(section);
    }
  }
  if (world && !out.includes('world')) out.push('world');
  if (out.length === 0) out.push('world');
  return out;
}

const REGION_INDEX = Object.fromEntries(REGIONS.map((r, i) => [r, i])) as Record<Region, number>;

function addPrior(score: Float64Array, order: Float64Array, r: number, weight: number, at: number): void {
  score[r] = (score[r] as number) + weight;
  if (at < (order[r] as number)) order[r] = at;
}

const REGION_NAMES = new Map<string, Region | undefined>();

/** parseRegion, remembered: sources and sections are few and repeat on every item. */
function regionOf(name: string | null | undefined): Region | undefined {
  if (!name) return undefined;
  if (!REGION_NAMES.has(name)) {
    if (REGION_NAMES.size > 1000) REGION_NAMES.clear();
    REGION_NAMES.set(name, parseRegion(name));
  }
  return REGION_NAMES.get(name);
}
