import { isValidTimeZone } from '../config.js';
import { parseTimeZone } from '../store/chat-settings.js';
import { zonesForCyrillic } from './time-zone-cyrillic.js';

/** What a person's `/timezone` argument names. */
export type ZoneMatch =
  | { kind: 'zone'; zone: string }
  | { kind: 'ambiguous'; zones: string[] }
  | { kind: 'none' };

/** The runtime's IANA zones (canonical names, e.g. "Europe/Moscow"). */
const ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');
/** The areas IANA names start with, for cities the runtime knows only as aliases (Kyiv, Kolkata). */
const AREAS = ['Europe', 'Asia', 'America', 'Africa', 'Australia', 'Pacific', 'Atlantic', 'Indian', 'Antarctica', 'Arctic'];
/** A prefix shorter than this is not tried ("sa" would match half the world). */
const MIN_PREFIX = 3;

/** "São Paulo" / "sao-paulo" / "new york" → "sao_paulo" / "new_york": how IANA spells a city, folded. */
function cityKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s-]+/gu, '_');
}

/** "new_york" → "New_York", "europe/kyiv" → "Europe/Kyiv". */
function titleCase(text: string): string {
  return text.replace(/[\p{L}\d]+/gu, (w) => `${w.charAt(0).toUpperCase()}${w.slice(1).toLowerCase()}`);
}

const lastSegment = (zone: string): string => (zone.split('/').at(-1) ?? zone).toLowerCase();

/**
 * A time zone as people write it: everything `parseTimeZone` takes (IANA name in any case, UTC,
 * offsets such as "UTC+3" or "+05:30"), and a city alone ("moscow", "New York", "São Paulo"),
 * matched against the last part of the runtime's zone names, then against aliases such as Kyiv and
 * Kolkata; a city or country in Russian or Ukrainian ("Москва", "Нью-Йорк", "Київ", "Япония"), see
 * time-zone-cyrillic.ts. An IANA name is kept as the person spelled it when the runtime knows it (Europe/Kyiv
 * stays Europe/Kyiv). A city that is only the start of several names ("san") is ambiguous.
 */
export function findTimeZone(input: string): ZoneMatch {
  const text = input.trim();
  if (text === '' || text.length > 64) return { kind: 'none' };
  if (text.includes('/')) {
    const known = ZONES.find((z) => z.toLowerCase() === text.toLowerCase());
    if (known) return { kind: 'zone', zone: known };
    const spelled = titleCase(text.replace(/\s+/gu, '_'));
    if (/^[A-Za-z][A-Za-z0-9_+\-/]*$/u.test(spelled) && isValidTimeZone(spelled)) return { kind: 'zone', zone: spelled };
  }
  const parsed = parseTimeZone(text);
  if (parsed) return { kind: 'zone', zone: parsed };
  if (text.includes('/')) return { kind: 'none' };

  if (/\p{Script=Cyrillic}/u.test(text)) {
    const zones = zonesForCyrillic(text);
    if (zones.length === 1 && zones[0] !== undefined) return { kind: 'zone', zone: zones[0] };
    return zones.length > 1 ? { kind: 'ambiguous', zones: [...zones] } : { kind: 'none' };
  }
  const key = cityKey(text);
  if (!/^[a-z][a-z_'.]*$/u.test(key)) return { kind: 'none' };
  const exact = ZONES.filter((z) => lastSegment(z) === key);
  // An alias that is another spelling of a zone already found (America/Indianapolis) adds nothing.
  const canonical = new Map<string, string>();
  for (const area of AREAS) {
    const alias = `${area}/${titleCase(key)}`;
    if (!isValidTimeZone(alias)) continue;
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: alias }).resolvedOptions().timeZone;
    if (!exact.includes(resolved) && !canonical.has(resolved)) canonical.set(resolved, alias);
  }
  const named = [...exact, ...canonical.values()];
  if (named.length === 1 && named[0] !== undefined) return { kind: 'zone', zone: named[0] };
  if (named.length > 1) return { kind: 'ambiguous', zones: named };
  if (key.length < MIN_PREFIX) return { kind: 'none' };
  const started = ZONES.filter((z) => lastSegment(z).startsWith(key));
  if (started.length === 1 && started[0] !== undefined) return { kind: 'zone', zone: started[0] };
  if (started.length > 1) return { kind: 'ambiguous', zones: started };
  return { kind: 'none' };
}
