import { isValidTimeZone } from '../config.js';

/**
 * A time zone as people write it: an IANA name in any case ("europe/moscow"), "UTC"/"GMT", or a
 * fixed offset ("UTC+3", "GMT-05", "+05:30", "-0800"). Returns the canonical form stored for the
 * chat (an IANA name, "UTC", or "+05:30"), or undefined if it is none of these.
 */
export function parseTimeZone(input: string): string | undefined {
  const text = input.trim();
  if (text === '') return undefined;
  if (/^(utc|gmt|z)$/i.test(text)) return 'UTC';
  const offset = text.match(/^(?:utc|gmt)?\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?$/i);
  if (offset) {
    const hours = Number(offset[2]);
    const minutes = Number(offset[3] ?? '0');
    if (hours > 14 || minutes > 59 || (hours === 14 && minutes > 0)) return undefined;
    if (hours === 0 && minutes === 0) return 'UTC';
    const sign = offset[1] === '+' ? '+' : '-';
    return `${sign}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  }
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(text) || !isValidTimeZone(text)) return undefined;
  // Intl knows the canonical spelling ("europe/moscow" → "Europe/Moscow").
  return new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
}

/** "7:30", "07:30", "0730", "7.30", "7" → "07:30" / "07:00"; undefined for anything else (25:99). */
export function parseDigestTime(input: string): string | undefined {
  const m = input.trim().match(/^(\d{1,2})(?:[:.h]?(\d{2}))?$/);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  if (h > 23 || min > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}
