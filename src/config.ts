import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import cron from 'node-cron';
import { z } from 'zod';

/** The log levels, quietest last. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

const intFrom = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes' || v === 'on');

const schema = z.object({
  BOT_TOKEN: z.string().trim().min(1).optional(),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
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
  DEFAULT_DIGEST_TIME: z.string().regex(HHMM, 'must be HH:MM, for example 08:00').default('08:00'),
  DEFAULT_TIMEZONE: z
    .string()
    .default('UTC')
    .refine(isValidTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin, or UTC' }),
  DEFAULT_LANGUAGE: z.enum(['en', 'ru']).default('en'),
  DIGEST_CATCHUP_HOURS: z.coerce.number().min(0).max(48).default(6),
  DIGEST_ITEMS_PER_REGION: intFrom(1, 50, 5),
  SEND_RATE_PER_SECOND: z.coerce.number().positive().max(1000).default(25),
  PAID_BROADCAST: bool(false),
  PAID_BROADCAST_RATE_PER_SECOND: z.coerce.number().positive().max(1000).default(900),
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

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
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

/** Makes sure the database file's directory exists (not needed for ':memory:'). */
export function ensureDatabaseDir(databasePath: string): void {
  if (databasePath === ':memory:') return;
  const dir = path.dirname(path.resolve(databasePath));
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
}
