/** What a secret is replaced with. */
export const REDACTED = '[redacted]';

/** Removes secrets from text and errors before they leave the process or reach the database. */
export interface Redactor {
  /** `text` with every secret replaced by {@link REDACTED}. */
  text(text: string): string;
  /**
   * Scrubs an error in place, and returns it: `message`, `stack`, a Telegram answer's
   * `description`, and the same in its `cause` chain (and an AggregateError's `errors`).
   */
  error<T>(error: T): T;
}

/**
 * The part of a bot token that is secret: after the colon of "123456:ABC..." (the bot id before
 * it is public), or the whole value when it has no such shape.
 */
function secretPart(secret: string): string {
  const colon = secret.indexOf(':');
  return colon > 0 && secret.length - colon - 1 >= 8 ? secret.slice(colon + 1) : secret;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const hexCaseless = (hex: string) => [...hex].map((d) => (/[a-f]/i.test(d) ? `[${d.toLowerCase()}${d.toUpperCase()}]` : d)).join('');

/**
 * One character of a secret as it may be written: as is, percent-encoded (a URL path or query,
 * each byte), or JSON-escaped (`\"`, `\\`, `\u00XX`), in any mix.
 */
function charPattern(ch: string): string {
  const forms = [escapeRegExp(ch)];
  const bytes = [...Buffer.from(ch, 'utf8')].map((b) => `%${hexCaseless(b.toString(16).padStart(2, '0'))}`).join('');
  forms.push(bytes);
  const code = ch.codePointAt(0) ?? 0;
  if (code <= 0xffff) forms.push(`\\\\u${hexCaseless(code.toString(16).padStart(4, '0'))}`);
  if (ch === '"' || ch === '\\' || ch === '/') forms.push(`\\\\${escapeRegExp(ch)}`);
  return `(?:${forms.join('|')})`;
}

/**
 * A redactor for `secrets` (the bot token; empty and missing ones are ignored). A server, a proxy
 * or a library may put the token into any string (an echoed URL in an error description, a stack
 * trace); whatever its characters and however it was encoded, it is replaced.
 */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const parts = secrets.filter((s): s is string => typeof s === 'string' && s.length > 0).map(secretPart);
  if (parts.length === 0) return { text: (t) => t, error: (e) => e };
  const pattern = new RegExp(parts.map((p) => [...p].map(charPattern).join('')).join('|'), 'g');
  // Every written form but the plain one holds a '%' or a backslash: a text with neither holds a
  // secret only as it is, which `includes` finds. Most texts (log lines, error stacks) are such and
  // skip the pattern, whose first uses cost milliseconds each (V8 compiles it, then compiles it
  // again to machine code) for every redactor made (each Telegram client has one).
  const mayHold = (t: string) => t.includes('%') || t.includes('\\') || parts.some((p) => t.includes(p));
  const text = (t: string) => (mayHold(t) ? t.replace(pattern, REDACTED) : t);

  function scrub(value: unknown, seen: WeakSet<object>): void {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    const record = value as Record<string, unknown>;
    for (const key of ['message', 'stack', 'description']) {
      // Only own fields: TelegramError's `description` is a getter over `response`, scrubbed below.
      if (!Object.hasOwn(value, key) || typeof record[key] !== 'string') continue;
      try {
        record[key] = text(record[key]);
      } catch {
        // a frozen object: nothing to do but leave it (every output is redacted again on the way out)
      }
    }
    for (const key of ['response', 'cause']) scrub(record[key], seen);
    if (Array.isArray(record.errors)) for (const e of record.errors) scrub(e, seen);
  }

  return {
    text,
    error<T>(error: T): T {
      scrub(error, new WeakSet());
      return error;
    },
  };
}
