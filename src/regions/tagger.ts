import { parseRegion, type Region } from './regions.js';

export interface TagInput {
  /** The region the source itself names (SOURCES_FILE `region`, `--region`). */
  sourceRegion?: string | null | undefined;
  /** The region the page's section or the item's category names ("Asia", "Middle East"). */
  sectionRegion?: string | null | undefined;
  /** Headline and lead, where places are looked for. */
  text: string;
}

/**
 * The regions of an article, primary first: the one the source or section names, then the regions
 * of places named in the text, else `world`.
 *
 * TODO(issue 2): places in the text (countries, capitals, major cities, demonyms).
 */
export function tagRegions(input: TagInput): Region[] {
  const out: Region[] = [];
  for (const name of [input.sourceRegion, input.sectionRegion]) {
    const region = name ? parseRegion(name) : undefined;
    if (region && !out.includes(region)) out.push(region);
  }
  return out.length > 0 ? out : ['world'];
}
