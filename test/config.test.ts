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
