/** The news regions, in the order they are shown to people. */
export const REGIONS = ['asia', 'europe', 'middle-east', 'africa', 'americas', 'world'] as const;
export type Region = (typeof REGIONS)[number];

/**
 * The bot command that lists each region's latest stories. Telegram commands take no hyphen, so
 * the Middle East is /mideast (and /middleeast, an alias the bot also answers).
 */
export const REGION_COMMANDS = {
  asia: '/asia',
  europe: '/europe',
  'middle-east': '/mideast',
  africa: '/africa',
  americas: '/americas',
  world: '/world',
} as const satisfies Record<Region, string>;

/** Commands the bot answers for a region besides those in {@link REGION_COMMANDS}. */
export const REGION_COMMAND_ALIASES = { '/middleeast': 'middle-east' } as const satisfies Record<string, Region>;

/**
 * Names people and sources write for each region, already normalised by {@link normaliseName}
 * (lower case, "&" as "and", punctuation and extra spaces gone).
 */
const ALIASES = {
  asia: [
    'asia', 'asia pacific', 'asia and pacific', 'asia and the pacific', 'asiapacific', 'apac', 'pacific',
    'oceania', 'australasia', 'east asia', 'south asia', 'southeast asia', 'south east asia', 'central asia',
    'far east', 'asia and australia', 'australia and pacific', 'asia and oceania', 'азия',
    'азиатско тихоокеанский регион', 'атр',
  ],
  europe: [
    'europe', 'eu', 'european union', 'western europe', 'eastern europe', 'central europe', 'uk and europe',
    'europe and russia', 'russia', 'european', 'европа', 'россия',
  ],
  'middle-east': [
    'middle east', 'middleeast', 'mideast', 'mid east', 'middle east and north africa', 'mena', 'near east',
    'gulf', 'arab world', 'middle eastern', 'ближний восток',
  ],
  africa: ['africa', 'sub saharan africa', 'subsaharan africa', 'north africa', 'west africa', 'east africa', 'southern africa', 'african', 'африка'],
  americas: [
    'americas', 'america', 'the americas', 'north america', 'south america', 'latin america', 'central america',
    'latam', 'us and canada', 'usa and canada', 'caribbean', 'us', 'usa', 'united states', 'canada', 'америка',
    'северная америка', 'латинская америка', 'южная америка',
  ],
  world: ['world', 'international', 'global', 'world news', 'worldwide', 'all', 'мир', 'в мире'],
} as const satisfies Record<Region, readonly string[]>;

const BY_NAME: ReadonlyMap<string, Region> = new Map(
  REGIONS.flatMap((region) => [[region as string, region], ...ALIASES[region].map((a) => [a as string, region])] as [string, Region][]),
);

/** Lower case, "&" → "and", hyphens/underscores/punctuation → spaces, spaces collapsed. */
export function normaliseName(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

export function isRegion(value: unknown): value is Region {
  return typeof value === 'string' && (REGIONS as readonly string[]).includes(value);
}

/** The region a name stands for ("Asia & Pacific" → asia, "mideast" → middle-east), else undefined. */
export function parseRegion(text: string): Region | undefined {
  const key = normaliseName(text);
  if (key === '') return undefined;
  return BY_NAME.get(key) ?? BY_NAME.get(key.replace(/^the /, '')) ?? BY_NAME.get(key.replace(/ news$/, ''));
}

/** The closest region to a misspelt name ("asai" → asia), or undefined if nothing is close. */
export function suggestRegion(text: string): Region | undefined {
  const key = normaliseName(text);
  if (key.length === 0) return undefined;
  let best: { region: Region; distance: number } | undefined;
  for (const [name, region] of BY_NAME) {
    const d = levenshtein(key, name);
    if (!best || d < best.distance) best = { region, distance: d };
  }
  if (!best) return undefined;
  const allowed = key.length <= 4 ? 2 : Math.max(2, Math.floor(key.length / 3));
  return best.distance <= allowed ? best.region : undefined;
}

/** Parses a list of region names; "all" is not special here. Returns the regions and the names it did not know. */
export function parseRegionList(words: readonly string[]): { regions: Region[]; unknown: string[] } {
  const regions: Region[] = [];
  const unknown: string[] = [];
  // Try the longest run of words first so "middle east" and "latin america" stay one name.
  for (let i = 0; i < words.length; ) {
    let matched = false;
    for (let len = Math.min(4, words.length - i); len >= 1; len--) {
      const region = parseRegion(words.slice(i, i + len).join(' '));
      if (region) {
        if (!regions.includes(region)) regions.push(region);
        i += len;
        matched = true;
        break;
      }
    }
    if (!matched) {
      const word = words[i];
      if (word !== undefined && word.trim() !== '') unknown.push(word);
      i += 1;
    }
  }
  return { regions, unknown };
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}
