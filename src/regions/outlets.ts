import { OUTLET_NOUNS } from './places.js';

/**
 * Words that mark a headline's trailing segment as the outlet's name (" - Al Jazeera English",
 * " | Reuters", " — РИА Новости"): agencies, broadcasters and the nouns papers are named with.
 */
const OUTLET_WORDS: ReadonlySet<string> = new Set([
  ...[...OUTLET_NOUNS].map((w) => w.toLowerCase()),
  'reuters', 'ap', 'afp', 'bloomberg', 'upi', 'dpa', 'efe', 'ansa', 'cnn', 'bbc', 'npr', 'cbs', 'nbc', 'abc', 'fox', 'sky', 'dw', 'jazeera',
  'xinhua', 'tass', 'kyodo', 'yonhap', 'euronews', 'politico', 'axios', 'forbes', 'guardian', 'economist', 'nikkei', 'asahi',
  'mainichi', 'yomiuri', 'haaretz', 'ynet', 'anadolu', 'interfax', 'meduza', 'kommersant', 'vedomosti', 'rbc', 'izvestia', 'dawn',
  'hindu', 'mint', 'wire', 'vox', 'atlantic', 'ft', 'wsj', 'newsweek', 'time', '24', 'africanews', 'allafrica', 'mercopress', 'rappler',
  'nation', 'punch', 'vanguard', 'cna', 'scmp', 'msnbc', 'pbs', 'cbc', 'rnz', 'rte', 'france24', 'lemonde', 'spiegel', 'yahoo', 'msn',
  'риа', 'новости', 'тасс', 'интерфакс', 'коммерсантъ', 'коммерсант', 'ведомости', 'рбк', 'известия', 'лента', 'ру', 'газета', 'медуза',
  'фонтанка', 'тв', 'радио', 'эхо', 'би', 'си', 'голос', 'свобода', 'дождь', 'ньюс', 'спорт', 'экспресс', 'чемпионат', 'вести',
]);

/** Words that may stand in an outlet's name without being capitalised ("Times of India", "Mail & Guardian"). */
const NAME_CONNECTORS: ReadonlySet<string> = new Set(['of', 'the', 'and', 'de', 'la', 'le', 'el', 'al', 'in', 'on']);

const TRAILING_SEGMENT = /\s+[-–—|]\s+([^-–—|]{2,60})$/u;
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}.'’&-]*/gu;

/**
 * The headline without a trailing outlet name: " - Al Jazeera English", " | Reuters",
 * " - The Japan Times", " — РИА Новости". A segment counts as an outlet when it has at most six
 * words, each capitalised (or a connector such as "of"), one of them a word outlets are named with
 * (Times, News, Reuters, ТАСС ...), or it is a web address. Anything else is kept: " - live" and
 * "Gaza ceasefire - what we know" are part of the headline.
 */
export function withoutOutletName(headline: string): string {
  const m = TRAILING_SEGMENT.exec(headline);
  if (!m) return headline;
  const segment = (m[1] as string).trim();
  if (/^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|ru|co\.uk|co|uk|in|jp|au|ca|de|fr|info|news|io)$/i.test(segment)) return headline.slice(0, m.index);
  const words = segment.match(TOKEN) ?? [];
  if (words.length === 0 || words.length > 6) return headline;
  let outletWord = false;
  for (const w of words) {
    const lower = w.toLowerCase();
    if (NAME_CONNECTORS.has(lower)) continue;
    const first = w.charAt(0);
    if (first === first.toLowerCase() && !/^\d/.test(w)) return headline;
    if (OUTLET_WORDS.has(lower.replace(/[.’']s?$/, '')) || lower.split(/[-.]/).some((p) => OUTLET_WORDS.has(p))) outletWord = true;
  }
  return outletWord ? headline.slice(0, m.index) : headline;
}
