import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireBotToken } from '../src/config.js';

describe('settings', () => {
  it('when nothing is set, then every setting has its documented default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DATABASE_PATH: './data/newsbot.sqlite',
      SOURCES_FILE: './sources.json',
      INGEST_SCHEDULE: '*/15 * * * *',
      RETENTION_DAYS: 30,
      LOG_LEVEL: 'info',
      TELEGRAM_API_ROOT: 'https://api.telegram.org',
      DEFAULT_DIGEST_TIME: '08:00',
      DEFAULT_TIMEZONE: 'UTC',
      DIGEST_CATCHUP_HOURS: 6,
      DIGEST_ITEMS_PER_REGION: 5,
      SEND_RATE_PER_SECOND: 25,
      PAID_BROADCAST: false,
      LEASE_SECONDS: 30,
    });
    expect(config.BOT_TOKEN).toBeUndefined();
  });

  it('when a value is empty, then the default is used, as people expect from KEY= in .env', () => {
    expect(loadConfig({ RETENTION_DAYS: '', LOG_LEVEL: ' ' })).toMatchObject({ RETENTION_DAYS: 30, LOG_LEVEL: 'info' });
  });

  it('when values are wrong, then one error names every bad key and how to fix it', () => {
    let error: unknown;
    try {
      loadConfig({ RETENTION_DAYS: 'soon', INGEST_SCHEDULE: 'every hour', DEFAULT_TIMEZONE: 'Mars/Olympus', DEFAULT_DIGEST_TIME: '25:99' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect([...e.keys].sort()).toEqual(['DEFAULT_DIGEST_TIME', 'DEFAULT_TIMEZONE', 'INGEST_SCHEDULE', 'RETENTION_DAYS']);
    expect(e.message).toContain('.env.example');
    expect(e.message).toContain('INGEST_SCHEDULE: must be a cron expression');
  });

  it('when the bot token is missing, then the error says how to set it', () => {
    expect(() => requireBotToken(loadConfig({}))).toThrow(/Missing BOT_TOKEN: .*@BotFather.*BOT_TOKEN=/);
    expect(requireBotToken(loadConfig({ BOT_TOKEN: '123:abc' }))).toBe('123:abc');
  });

  it('when PAID_BROADCAST is written as yes or 1, then it is on', () => {
    expect(loadConfig({ PAID_BROADCAST: 'yes' }).PAID_BROADCAST).toBe(true);
    expect(loadConfig({ PAID_BROADCAST: '1' }).PAID_BROADCAST).toBe(true);
  });
});

/** The message loadConfig throws for `env`, or '' when it accepts it. */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
    return '';
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
}

describe('numbers in settings', () => {
  it.each(['0x10', '1e3', ' 5 ', '5.0', 'Infinity', '-4', '0b11', '0o7', '4_0', '1,000', '+5', '.5'])(
    'when FETCH_CONCURRENCY is %j, then it is refused with the bounds, not read as some other number',
    (value) => {
      expect(refusal({ FETCH_CONCURRENCY: value })).toContain(`FETCH_CONCURRENCY: must be a whole number from 1 to 64, written in digits (got ${JSON.stringify(value)})`);
    },
  );

  it('when a whole number is written plainly, even with leading zeros, then it is read in decimal', () => {
    expect(loadConfig({ FETCH_CONCURRENCY: '16', RETENTION_DAYS: '010', FETCH_MAX_REDIRECTS: '0' })).toMatchObject({
      FETCH_CONCURRENCY: 16,
      RETENTION_DAYS: 10,
      FETCH_MAX_REDIRECTS: 0,
    });
  });

  it.each([
    ['RETENTION_DAYS', '0', 'from 1 to 3650'],
    ['FETCH_TIMEOUT_MS', '999', 'from 1000 to 300000'],
    ['FETCH_MAX_BYTES', '300000000', 'from 10000 to 200000000'],
    ['FETCH_MAX_REDIRECTS', '21', 'from 0 to 20'],
    ['FETCH_CONCURRENCY', '65', 'from 1 to 64'],
    ['DIGEST_ITEMS_PER_REGION', '51', 'from 1 to 50'],
    ['LEASE_SECONDS', '0', 'from 1 to 600'],
  ])('when %s is %s, then the error states its bounds', (key, value, bounds) => {
    expect(refusal({ [key]: value })).toContain(`${key}: must be a whole number ${bounds}, written in digits (got "${value}")`);
  });

  it.each([
    ['SEND_RATE_PER_SECOND', ['0', '-1', '0.5', '1001', 'Infinity', 'NaN', '0x1f', '3e1', ' 25'], 'a number from 1 to 1000'],
    ['PAID_BROADCAST_RATE_PER_SECOND', ['0', '1000.5', '1e3', '-900'], 'a number from 1 to 1000'],
    ['DIGEST_CATCHUP_HOURS', ['-1', '49', 'Infinity', '6h', '0x6'], 'a number from 0 to 48'],
  ])('when %s is out of bounds or oddly written, then every such value is refused naming the bounds', (key, values, bounds) => {
    for (const value of values) {
      expect(refusal({ [key]: value }), value).toContain(`${key}: must be ${bounds}, written in digits (got ${JSON.stringify(value)})`);
    }
  });

  it('when a rate or the catch-up has a decimal fraction, then it is kept', () => {
    expect(loadConfig({ SEND_RATE_PER_SECOND: '12.5', PAID_BROADCAST_RATE_PER_SECOND: '1000', DIGEST_CATCHUP_HOURS: '0.5' })).toMatchObject({
      SEND_RATE_PER_SECOND: 12.5,
      PAID_BROADCAST_RATE_PER_SECOND: 1000,
      DIGEST_CATCHUP_HOURS: 0.5,
    });
    expect(loadConfig({ DIGEST_CATCHUP_HOURS: '0' }).DIGEST_CATCHUP_HOURS).toBe(0);
  });
});

describe('TELEGRAM_API_ROOT', () => {
  it.each(['ftp://api.example.org', 'file:///etc/passwd', 'javascript:alert(1)', 'api.telegram.org', 'http://', 'https://api.example.org/?x=1', 'https://api.example.org/#top'])(
    'when it is %j, then it is refused and the error names the setting',
    (value) => {
      expect(refusal({ TELEGRAM_API_ROOT: value })).toMatch(
        new RegExp(`TELEGRAM_API_ROOT: must be an http:// or https:// address such as https://api.telegram.org, without \\?query or #fragment \\(got ${JSON.stringify(value).replace(/[.?*+()[\]\\/]/g, '\\$&')}\\)`),
      );
    },
  );

  it('when it is a server with a path, then requests keep the path (a trailing slash is added)', () => {
    const root = loadConfig({ TELEGRAM_API_ROOT: 'https://proxy.example.org/telegram' }).TELEGRAM_API_ROOT;
    // Telegraf resolves './bot<token>/<method>' against the root, which drops a last segment without '/'.
    expect(new URL('./bot1:x/getMe', root).href).toBe('https://proxy.example.org/telegram/bot1:x/getMe');
    expect(loadConfig({ TELEGRAM_API_ROOT: 'HTTP://127.0.0.1:8081/' }).TELEGRAM_API_ROOT).toBe('http://127.0.0.1:8081');
    expect(loadConfig({ TELEGRAM_API_ROOT: 'https://api.telegram.org/' }).TELEGRAM_API_ROOT).toBe('https://api.telegram.org');
  });
});
