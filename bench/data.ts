import type { Region } from '../src/regions/regions.js';

/**
 * Bumped whenever the generated data changes shape, so cached databases built by an older
 * generator are not reused.
 */
export const GENERATOR_VERSION = 2;

/** A deterministic pseudo-random source (mulberry32): the same seed gives the same data every run. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [min, max]. */
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    /** An item chosen by weight. */
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return (items.at(-1) as readonly [T, number])[0];
    },
  };
}
export type Rng = ReturnType<typeof rng>;

/**
 * How often each region is an article's primary region, roughly as in a general news mix
 * (Europe and the Americas carry most of the English-language wire output; "world" is anything
 * that names no place).
 */
export const REGION_WEIGHTS: readonly (readonly [Region, number])[] = [
  ['europe', 24],
  ['americas', 22],
  ['world', 18],
  ['asia', 17],
  ['middle-east', 11],
  ['africa', 8],
];

/** Places named in headlines, by region: real names, so a region tagger finds them. */
const PLACES: Record<Exclude<Region, 'world'>, readonly string[]> = {
  asia: ['Japan', 'China', 'India', 'Tokyo', 'Beijing', 'Seoul', 'Jakarta', 'Manila', 'Sydney', 'Vietnam', 'Pakistan', 'Bangkok', 'New Zealand', 'Taiwan', 'Kazakhstan'],
  europe: ['Germany', 'France', 'Berlin', 'Paris', 'Moscow', 'Russia', 'Poland', 'Italy', 'Madrid', 'Brussels', 'Ukraine', 'Sweden', 'London', 'Vienna', 'Greece'],
  'middle-east': ['Iran', 'Israel', 'Saudi Arabia', 'Tehran', 'Dubai', 'Iraq', 'Jordan', 'Beirut', 'Qatar', 'Syria', 'Oman', 'Riyadh'],
  africa: ['Nigeria', 'Kenya', 'Lagos', 'Nairobi', 'Ethiopia', 'Ghana', 'South Africa', 'Senegal', 'Morocco', 'Uganda', 'Accra', 'Tanzania'],
  americas: ['Brazil', 'Mexico', 'Canada', 'Chile', 'Argentina', 'Ottawa', 'Sao Paulo', 'Colombia', 'Peru', 'Washington', 'Havana', 'Bogota'],
};

const ACTORS = ['Ministers', 'Lawmakers', 'Central bank', 'Officials', 'Regulators', 'Opposition leaders', 'Farmers', 'Investors', 'Doctors', 'Teachers', 'Rescuers', 'Prosecutors', 'Voters', 'Scientists', 'Unions'];
const VERBS = ['weigh', 'back', 'reject', 'announce', 'delay', 'approve', 'question', 'warn over', 'plan', 'debate', 'push for', 'criticise', 'welcome', 'probe', 'brace for'];
const THINGS = ['new budget rules', 'fuel price cap', 'trade deal', 'rail expansion', 'interest rate cut', 'election timetable', 'water rationing', 'border talks', 'digital tax', 'grain exports', 'heatwave measures', 'pension reform', 'port upgrade', 'vaccine rollout', 'mining licences', 'flood defences'];
const TAILS = ['after weeks of talks', 'amid protests', 'as deadline nears', 'despite objections', 'ahead of summit', 'in surprise move', 'following court ruling', 'as prices climb', 'after storm damage', 'under pressure from allies'];
const WORDS =
  'government said statement officials week plan economy report people city country minister public local national talks agreement market prices growth energy security policy support region council president parliament court water power health schools workers companies funding services project international meeting decision according data million percent year month previous earlier expected changes response measures investment community hospital rural urban coast border capital industry exports imports season weather rainfall drought harvest network transport airport highway bridge'.split(' ');
const GENERIC_PLACES = ['the region', 'the capital', 'several provinces', 'neighbouring states', 'the coast'];

const SYLLABLES = 'ka lo mi ra ven tor sa lin dru be cha no vik el mar tes un go ha pel zi ron das fe qui lu bor nat sen ya'.split(' ');

/**
 * Proper names (people, companies, parties, towns) as headlines carry them: a large vocabulary used
 * with a Zipf-like frequency, so a few names recur constantly and most are rare, as in real news.
 * Without them every headline word would be common, and full-text lookups would do far more work
 * than on real headlines.
 */
const NAMES: readonly string[] = (() => {
  const r = rng(7);
  const out = new Set<string>();
  while (out.size < 20_000) {
    let w = '';
    for (let i = r.int(2, 4); i > 0; i--) w += r.pick(SYLLABLES);
    out.add(`${w.charAt(0).toUpperCase()}${w.slice(1)}`);
  }
  return [...out];
})();
const NAME_CUMULATIVE: Float64Array = (() => {
  const c = new Float64Array(NAMES.length);
  let sum = 0;
  for (let k = 0; k < NAMES.length; k++) c[k] = sum += 1 / (k + 1) ** 1.05;
  return c;
})();

/** The `rank`-th most frequent name (0 the most frequent; the vocabulary has 20,000). */
export function nameOfRank(rank: number): string {
  return NAMES[Math.min(NAMES.length - 1, Math.max(0, rank))] as string;
}

/** Places and recurring topic phrases of the generated headlines, for follows and mutes that match them. */
export function followableWords(): { places: readonly string[]; topics: readonly string[] } {
  return { places: Object.values(PLACES).flat(), topics: THINGS };
}

/** A name, Zipf-distributed over {@link NAMES}. */
function pickName(r: Rng): string {
  const x = r.next() * (NAME_CUMULATIVE[NAME_CUMULATIVE.length - 1] as number);
  let lo = 0;
  let hi = NAME_CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((NAME_CUMULATIVE[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return NAMES[lo] as string;
}

/** The outlets of the generated store; some name a region, as in a real SOURCES_FILE. */
export const SOURCES: readonly { name: string; region?: Region }[] = [
  { name: 'Sputnik International' }, { name: 'Reuters World' }, { name: 'AP Top News' }, { name: 'BBC World' },
  { name: 'Al Jazeera' }, { name: 'Deutsche Welle' }, { name: 'France 24' }, { name: 'NHK World', region: 'asia' },
  { name: 'The Japan Times', region: 'asia' }, { name: 'South China Morning Post', region: 'asia' },
  { name: 'The Hindu', region: 'asia' }, { name: 'ABC Australia', region: 'asia' }, { name: 'Euronews', region: 'europe' },
  { name: 'The Moscow Times', region: 'europe' }, { name: 'Politico Europe', region: 'europe' },
  { name: 'Times of Israel', region: 'middle-east' }, { name: 'Arab News', region: 'middle-east' },
  { name: 'Tehran Times', region: 'middle-east' }, { name: 'AllAfrica', region: 'africa' },
  { name: 'Premium Times Nigeria', region: 'africa' }, { name: 'Daily Nation Kenya', region: 'africa' },
  { name: 'MercoPress', region: 'americas' }, { name: 'CBC News', region: 'americas' },
  { name: 'Buenos Aires Times', region: 'americas' }, { name: 'NPR News' }, { name: 'The Guardian World' },
  { name: 'CNA Asia', region: 'asia' }, { name: 'Kyiv Independent', region: 'europe' }, { name: 'Mail & Guardian', region: 'africa' },
  { name: 'El País English', region: 'americas' },
];

/** One generated article, in the fields the store and feeds carry. */
export interface GeneratedArticle {
  source: string;
  url: string;
  guid: string;
  headline: string;
  lead: string;
  body: string;
  publishedAt: number;
  /** Primary first. */
  regions: Region[];
}

function sentence(r: Rng, minWords: number, maxWords: number): string {
  const n = r.int(minWords, maxWords);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(r.pick(WORDS));
  const s = words.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

function textOfLength(r: Rng, min: number, max: number, first = ''): string {
  const target = r.int(min, max);
  let out = first;
  while (out.length < target) out += (out ? ' ' : '') + sentence(r, 6, 18);
  if (out.length > max) {
    const cut = out.lastIndexOf('. ', max - 1);
    out = cut > min ? out.slice(0, cut + 1) : `${out.slice(0, max - 1).trimEnd()}.`;
  }
  return out;
}

function placeOf(r: Rng, region: Region): string {
  return region === 'world' ? r.pick(GENERIC_PLACES) : r.pick(PLACES[region]);
}

/** The regions of an article: a weighted primary, and about a quarter of the time a second one. */
export function pickRegions(r: Rng): Region[] {
  const primary = r.weighted(REGION_WEIGHTS);
  if (primary === 'world' || r.next() >= 0.25) return [primary];
  const second = r.weighted(REGION_WEIGHTS);
  return second === primary || second === 'world' ? [primary] : [primary, second];
}

/**
 * The i-th article of a generated corpus: headline 40-120 characters naming its places, lead 150-300,
 * body 1-4 KB in paragraphs, published at `publishedAt`. Deterministic in (seed, i).
 */
export function generateArticle(r: Rng, i: number, publishedAt: number): GeneratedArticle {
  const source = r.pick(SOURCES);
  const regions = source.region && r.next() < 0.8 ? [source.region, ...pickRegions(r).filter((x) => x !== source.region && x !== 'world')].slice(0, 2) : pickRegions(r);
  const place = placeOf(r, regions[0] as Region);
  const name = pickName(r);
  let headline =
    r.next() < 0.5
      ? `${place}'s ${name} ${r.pick(VERBS)} ${r.pick(THINGS)}`
      : `${place} ${r.pick(ACTORS).toLowerCase()} ${r.pick(VERBS)} ${r.pick(THINGS)} of ${name}`;
  if (regions[1]) headline += ` with ${placeOf(r, regions[1])}`;
  while (headline.length < 40) headline += ` ${r.pick(TAILS)}`;
  if (headline.length < 90 && r.next() < 0.5) headline += ` ${r.pick(TAILS)}`;
  headline = `${headline.charAt(0).toUpperCase()}${headline.slice(1, 120)}`;
  const lead = textOfLength(r, 150, 300, `${place}: ${r.pick(ACTORS)} ${r.pick(VERBS)} ${r.pick(THINGS)}.`);
  const bodyTarget = r.int(1024, 4096);
  const paragraphs: string[] = [lead];
  let size = lead.length;
  while (size < bodyTarget) {
    const p = textOfLength(r, 200, 600);
    paragraphs.push(p);
    size += p.length + 2;
  }
  const body = paragraphs.join('\n\n').slice(0, 4096);
  const slug = headline.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60);
  const host = source.name.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return {
    source: source.name,
    url: `https://www.${host}.example/news/${i}-${slug}`,
    guid: `${host}-${i}`,
    headline,
    lead,
    body,
    publishedAt,
    regions,
  };
}

/** A random set of 1-3 regions for a subscriber; asia, europe and world are the most chosen. */
export function pickSubscription(r: Rng): Region[] {
  const n = r.weighted([[1, 50], [2, 35], [3, 15]] as const);
  const out: Region[] = [];
  while (out.length < n) {
    const region = r.weighted([['world', 22], ['europe', 20], ['asia', 20], ['americas', 18], ['middle-east', 11], ['africa', 9]] as const);
    if (!out.includes(region)) out.push(region);
  }
  return out;
}

/** Time zones of generated subscribers, weighted roughly by where Telegram users are. */
export const TIME_ZONES: readonly (readonly [string, number])[] = [
  ['Europe/Moscow', 18], ['UTC', 8], ['Europe/Berlin', 10], ['Europe/London', 6], ['Asia/Kolkata', 10],
  ['Asia/Tokyo', 4], ['Asia/Jakarta', 6], ['America/New_York', 8], ['America/Sao_Paulo', 6],
  ['America/Los_Angeles', 4], ['Africa/Lagos', 4], ['Asia/Tehran', 3], ['Australia/Sydney', 3],
  ['Pacific/Chatham', 1], ['Asia/Kathmandu', 1], ['+05:30', 1], ['Europe/Kyiv', 5], ['Asia/Dubai', 2],
];

/** A digest time: most people pick a round time in the morning; the rest anything. */
export function pickDigestTime(r: Rng): string {
  const h = r.next() < 0.7 ? r.int(6, 9) : r.int(0, 23);
  const m = r.next() < 0.6 ? r.pick([0, 30] as const) : r.int(0, 59);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** XML-escapes text for an RSS element. */
function xml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/**
 * An RSS 2.0 feed of `count` generated items as publishers write them: a description with the lead
 * as HTML (an image, a "Read more" link), the body in content:encoded, a category naming the
 * section's region for about half the items.
 */
export function generateRss(count: number, seed: number, newest: number): string {
  const r = rng(seed);
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n<title>Bench Wire</title>\n<link>https://bench.example/</link>\n<description>Generated news</description>\n',
  ];
  for (let i = 0; i < count; i++) {
    const a = generateArticle(r, i, newest - i * 60_000);
    const description = `<p><img src="https://bench.example/img/${i}.jpg" alt="photo"/></p><p>${xml(a.lead)}</p><p><a href="${a.url}">Read more</a></p>`;
    const content = a.body.split('\n\n').map((p) => `<p>${xml(p)}</p>`).join('');
    const category = r.next() < 0.5 ? `<category>${a.regions[0] === 'middle-east' ? 'Middle East' : a.regions[0]}</category>` : '';
    parts.push(
      `<item><title>${xml(a.headline)}</title><link>${a.url}?utm_source=rss&amp;utm_medium=feed</link><guid isPermaLink="false">${a.guid}</guid>` +
        `<pubDate>${new Date(a.publishedAt).toUTCString()}</pubDate><dc:creator>${xml(a.source)}</dc:creator>${category}` +
        `<description><![CDATA[${description}]]></description><content:encoded><![CDATA[${content}]]></content:encoded></item>\n`,
    );
  }
  parts.push('</channel>\n</rss>\n');
  return parts.join('');
}
