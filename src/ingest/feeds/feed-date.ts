/** Dates before this are taken as a broken feed (epoch zero, year 0001), not as news. */
export const EARLIEST_DATE = Date.UTC(1990, 0, 1);

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** RFC 822 zone names, and a few common ones feeds use, in minutes east of UTC. */
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  bst: 60, ist: 330, cet: 60, cest: 120, eet: 120, eest: 180, wet: 0, west: 60,
  msk: 180, jst: 540, kst: 540, hkt: 480, sgt: 480, aest: 600, aedt: 660, awst: 480, nzst: 720, nzdt: 780,
};

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const RFC822 =
  /^(?:[A-Za-z]{2,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{2}|\d{4})(?:\s+|\s*,\s*)(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([A-Za-z]{1,5}|[+-]\d{4}|[+-]\d{2}:\d{2})?$/;

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMin: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || h > 24 || mi > 59 || s > 60) return undefined;
  if (h === 24 && (mi > 0 || s > 0)) return undefined;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms) - offsetMin * 60_000;
}

function offsetMinutes(zone: string | undefined): number | undefined {
  if (!zone) return 0;
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named;
  const m = zone.match(/^([+-])(\d{2}):?(\d{2})?$/);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * Milliseconds since the epoch for a feed date (RFC 822 as RSS uses, ISO 8601 / RFC 3339 as Atom
 * and JSON Feed use, and whatever else `Date.parse` reads), or `undefined` when it is missing,
 * unreadable or impossible (30 February, 25:00, before {@link EARLIEST_DATE}). A time without a
 * zone is read as UTC. Never NaN.
 */
export function parseFeedDate(raw: string | null | undefined): number | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  let t: number | undefined;
  const iso = text.match(ISO);
  const rfc = iso ? null : text.match(RFC822);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = iso;
    const offset = offsetMinutes(zone);
    t = offset === undefined ? undefined : utc(+y!, +mo!, +d!, +h, +mi, +s, Math.floor(Number(`0.${frac}`) * 1000), offset);
  } else if (rfc) {
    const [, d, mon, yy, h, mi, s = '0', zone] = rfc;
    const month = MONTHS[(mon as string).toLowerCase()];
    const offset = offsetMinutes(zone);
    let year = Number(yy);
    if ((yy as string).length === 2) year += year < 50 ? 2000 : 1900;
    t = month === undefined || offset === undefined ? undefined : utc(year, month, +d!, +h!, +mi!, +s, 0, offset);
  } else {
    // Other shapes ("November 2, 2026 10:00 GMT"): Date.parse, with UTC where no zone is written.
    const parsed = Date.parse(/[zZ]$|[+-]\d{2}:?\d{2}$|\b(GMT|UTC|UT)\b/.test(text) ? text : `${text} UTC`);
    if (Number.isFinite(parsed)) t = parsed;
  }
  if (t === undefined || !Number.isFinite(t) || t < EARLIEST_DATE) return undefined;
  return t;
}
