import dotenv from 'dotenv';
import cron from 'node-cron';
import { z } from 'zod';

/** The log levels, quietest last. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

/** Defaults of the page-source settings, for code given a partial config (tests, the ingest job). */
export const PAGE_DEFAULTS = { PAGE_FETCH_DELAY_MS: 1000, PAGE_MAX_ARTICLES: 30 } as const;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * A number written in plain decimal digits (a whole one, or with a fraction when `fraction`),
 * between `min` and `max`. `Number()` would also take "0x10", "1e3", " 5 " and "Infinity": an
 * operator who wrote those meant something else, so they are refused with the bounds.
 */
const numberFrom = (min: number, max: number, fallback: number, { fraction = false } = {}) =>
  z
    .string()
    .transform((text, ctx) => {
      const value = Number(text);
      if ((fraction ? /^\d+(\.\d+)?$/ : /^\d+$/).test(text) && value >= min && value <= max) return value;
      ctx.addIssue({
        code: 'custom',
        message: `must be ${fraction ? 'a number' : 'a whole number'} from ${min} to ${max}, written in digits (got ${JSON.stringify(text)})`,
      });
      return z.NEVER;
    })
    .default(fallback);
const intFrom = (min: number, max: number, fallback: number) => numberFrom(min, max, fallback);
const decimalFrom = (min: number, max: number, fallback: number) => numberFrom(min, max, fallback, { fraction: true });

/**
 * An http(s) address of a Bot API server. One with a path gets a trailing slash: Telegraf resolves
 * "./bot<token>/<method>" against it, which would drop a last path segment written without one.
 */
const apiRoot = z
  .string()
  .transform((text, ctx) => {
    const url = URL.canParse(text) ? new URL(text) : undefined;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || /[?#]/.test(text)) {
      ctx.addIssue({
        code: 'custom',
        message: `must be an http:// or https:// address such as https://api.telegram.org, without ?query or #fragment (got ${JSON.stringify(text)})`,
      });
      return z.NEVER;
    }
    if (url.pathname === '/') return url.href.slice(0, -1);
    return url.href.endsWith('/') ? url.href : `${url.href}/`;
  })
  .default('https://api.telegram.org');

/**
 * The public https address Telegram posts updates to (WEBHOOK_URL). Telegram only posts to https;
 * the address must not hold the token (it ends up in proxies' logs), nor a ?query or #fragment.
 */
const webhookUrl = z
  .string()
  .optional()
  .superRefine((text, ctx) => {
    if (text === undefined) return;
    const url = URL.canParse(text) ? new URL(text) : undefined;
    if (!url || url.protocol !== 'https:' || url.hostname === '' || /[?#]/.test(text)) {
      ctx.addIssue({ code: 'custom', message: `must be the https:// address Telegram posts updates to, such as https://bot.example.com/telegram, without ?query or #fragment (got ${JSON.stringify(text)})` });
    } else if (/\d+:[\w-]{20,}/.test(safeDecode(url.pathname))) {
      ctx.addIssue({ code: 'custom', message: 'must not contain the bot token: any path will do, e.g. /telegram' });
    } else if (url.pathname === '/healthz' || url.pathname === '/metrics') {
      ctx.addIssue({ code: 'custom', message: `must not use the path ${url.pathname}: the same server answers it (any other path will do, e.g. /telegram)` });
    }
  });

/** `text` with %XX sequences decoded, or as it is when they are malformed. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Telegram user ids, written "123, 456" (ADMIN_IDS). */
const userIds = z
  .string()
  .default('')
  .transform((text, ctx) => {
    const parts = text.split(/[\s,]+/).filter((p) => p !== '');
    const bad = parts.filter((p) => !/^\d{1,15}$/.test(p));
    if (bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `must be Telegram user ids (numbers) separated by commas, e.g. 123456789,987654321 (got ${bad.map((b) => JSON.stringify(b)).join(', ')})` });
      return z.NEVER;
    }
    return [...new Set(parts.map(Number))];
  });

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes' || v === 'on');

const schema = z.object({
  BOT_TOKEN: z.string().trim().min(1).optional(),
  TELEGRAM_API_ROOT: apiRoot,
  DATABASE_PATH: z.string().min(1).default('./data/newsbot.sqlite'),
  SOURCES_FILE: z.string().min(1).default('./sources.json'),
  INGEST_SCHEDULE: z
    .string()
    .default('*/15 * * * *')
    .refine((s) => cron.validate(s), { message: 'must be a cron expression such as "*/15 * * * *"' }),
  RETENTION_DAYS: intFrom(1, 3650, 30),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  FETCH_TIMEOUT_MS: intFrom(1000, 300_000, 20_000),
  FETCH_MAX_BYTES: intFrom(10_000, 200_000_000, 10_000_000),
  FETCH_MAX_REDIRECTS: intFrom(0, 20, 5),
  FETCH_CONCURRENCY: intFrom(1, 64, 4),
  PAGE_FETCH_DELAY_MS: intFrom(0, 60_000, PAGE_DEFAULTS.PAGE_FETCH_DELAY_MS),
  PAGE_MAX_ARTICLES: intFrom(1, 500, PAGE_DEFAULTS.PAGE_MAX_ARTICLES),
  DEFAULT_DIGEST_TIME: z.string().regex(HHMM, 'must be HH:MM, for example 08:00').default('08:00'),
  DEFAULT_TIMEZONE: z
    .string()
    .default('UTC')
    .refine(isValidTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin, or UTC' }),
  DEFAULT_LANGUAGE: z.enum(['en', 'ru']).default('en'),
  DIGEST_CATCHUP_HOURS: decimalFrom(0, 48, 6),
  DIGEST_ITEMS_PER_REGION: intFrom(1, 50, 5),
  // Telegram allows about 30 a second; more only makes sense for a self-hosted or test Bot API server.
  SEND_RATE_PER_SECOND: decimalFrom(1, 1000, 25),
  PAID_BROADCAST: bool(false),
  PAID_BROADCAST_RATE_PER_SECOND: decimalFrom(1, 1000, 900),
  LEASE_SECONDS: intFrom(1, 600, 30),
  LOG_FORMAT: z.enum(['text', 'json']).default('text'),
  WEBHOOK_URL: webhookUrl,
  // Telegram's rule for secret_token: 1-256 of A-Z a-z 0-9 _ -; fewer than 16 would be guessable.
  WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16 to 256 characters of A-Z, a-z, 0-9, _ and - (or leave it empty: one is generated and kept in the database)')
    .optional(),
  // No default here: unset, polling mode serves no HTTP at all (see webPort).
  PORT: z
    .string()
    .refine((t) => /^\d+$/.test(t) && Number(t) <= 65_535, { message: 'must be a port number from 0 to 65535, written in digits' })
    .transform(Number)
    .optional(),
  HOST: z.string().min(1).default('0.0.0.0'),
  HEALTH_MAX_DIGEST_LAG_SECONDS: intFrom(60, 86_400, 1800),
  ADMIN_IDS: userIds,
  // Chats' own feeds (/addfeed): on by default; an operator who wants only SOURCES_FILE turns it off.
  ALLOW_CHAT_FEEDS: bool(true),
  CHAT_FEEDS_PER_CHAT: intFrom(1, 100, 20),
  CHAT_FEEDS_MAX: intFrom(1, 1_000_000, 5_000),
});

export type Config = z.infer<typeof schema>;

/** Thrown when a setting is missing or invalid; the message names the key and how to fix it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    readonly keys: readonly string[],
  ) {
    super(message);
  }
}

/** Zone names found valid: asking ICU builds a date formatter each time (about 0.1 ms). */
const VALID_ZONES = new Set<string>();

/** True when `zone` is a time zone Intl knows (an IANA name, any case, or UTC). */
export function isValidTimeZone(zone: string): boolean {
  if (VALID_ZONES.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  // People's spellings reach here too (/time): kept within bounds, whatever they send.
  if (VALID_ZONES.size >= 2_000) VALID_ZONES.clear();
  VALID_ZONES.add(zone);
  return true;
}

/**
 * Reads settings from `env` (by default `process.env` after loading `.env`), validates them once and
 * returns a frozen object. Throws a {@link ConfigError} naming every bad key.
 */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined> = loadDotenv()): Config {
  // An empty value in .env means "use the default", as people expect from `KEY=`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(
      `Invalid settings (set them in .env or the environment, see .env.example):\n  ${lines.join('\n  ')}`,
      parsed.error.issues.map((i) => i.path.join('.')),
    );
  }
  return Object.freeze(parsed.data);
}

function loadDotenv(): NodeJS.ProcessEnv {
  dotenv.config({ quiet: true });
  return process.env;
}

/**
 * The port of the HTTP server (webhook, /healthz, /metrics): PORT, else 8080 in webhook mode;
 * undefined in polling mode without PORT (no server). 0 picks a free port (tests).
 */
export function webPort(config: Pick<Config, 'PORT' | 'WEBHOOK_URL'>): number | undefined {
  return config.PORT ?? (config.WEBHOOK_URL ? 8080 : undefined);
}

/** Throws a clear error when the bot token is missing; returns it otherwise. */
export function requireBotToken(config: Config): string {
  if (!config.BOT_TOKEN) {
    throw new ConfigError(
      'Missing BOT_TOKEN: get a token from @BotFather and set BOT_TOKEN=... in .env or the environment.',
      ['BOT_TOKEN'],
    );
  }
  return config.BOT_TOKEN;
}
