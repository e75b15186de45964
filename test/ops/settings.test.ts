import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, webPort } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { createRedactor } from '../../src/redact.js';

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('accepted');
}

describe('server settings', () => {
  it('when WEBHOOK_URL is set, then the HTTP server defaults to port 8080; without it and without PORT there is none', () => {
    expect(webPort(loadConfig({ WEBHOOK_URL: 'https://bot.example.com/telegram' }))).toBe(8080);
    expect(webPort(loadConfig({ WEBHOOK_URL: 'https://bot.example.com/telegram', PORT: '3000' }))).toBe(3000);
    expect(webPort(loadConfig({ PORT: '9100' }))).toBe(9100);
    expect(webPort(loadConfig({}))).toBeUndefined();
  });

  it('when WEBHOOK_URL is not https, holds the token, or a query, then the setting is refused with what to write', () => {
    expect(refusal({ WEBHOOK_URL: 'http://bot.example.com/telegram' })).toContain('WEBHOOK_URL: must be the https:// address');
    expect(refusal({ WEBHOOK_URL: 'https://bot.example.com/123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ012' })).toContain('must not contain the bot token');
    expect(refusal({ WEBHOOK_URL: 'https://bot.example.com/t?secret=1' })).toContain('WEBHOOK_URL');
    expect(refusal({ WEBHOOK_URL: 'https://bot.example.com/metrics' })).toContain('must not use the path /metrics');
    expect(loadConfig({ WEBHOOK_URL: 'https://bot.example.com/hook%E0%A4%A' }).WEBHOOK_URL).toBe('https://bot.example.com/hook%E0%A4%A');
  });

  it('when WEBHOOK_SECRET is short or has characters Telegram refuses, or PORT or ADMIN_IDS are not numbers, then each is named', () => {
    expect(refusal({ WEBHOOK_SECRET: 'short' })).toContain('WEBHOOK_SECRET: must be 16 to 256 characters');
    expect(refusal({ WEBHOOK_SECRET: 'has spaces in it, sixteen+' })).toContain('WEBHOOK_SECRET');
    expect(refusal({ PORT: '80a' })).toContain('PORT: must be a port number');
    expect(refusal({ PORT: '70000' })).toContain('PORT');
    expect(refusal({ ADMIN_IDS: '123, @dana' })).toContain('ADMIN_IDS: must be Telegram user ids');
    expect(loadConfig({ ADMIN_IDS: '123, 456 789,123' }).ADMIN_IDS).toEqual([123, 456, 789]);
    expect(loadConfig({}).ADMIN_IDS).toEqual([]);
  });
});

describe('LOG_FORMAT=json', () => {
  it('when json, then every line is one JSON object with time, level, msg and the fields; text stays as it was', () => {
    const lines: string[] = [];
    const log = createLogger('info', (l) => lines.push(l), 'json');
    log.info('digest pass', { due: 3, error: new Error('boom') });
    log.debug('not shown');
    log.warn('odd', { msg: 'a field named msg' });
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(first).toMatchObject({ level: 'info', msg: 'digest pass', due: 3, error: { name: 'Error', message: 'boom' } });
    expect(Number.isNaN(Date.parse(String(first.time)))).toBe(false);
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({ level: 'warn', msg: 'odd', fields: { msg: 'a field named msg' } });

    const text: string[] = [];
    createLogger('info', (l) => text.push(l)).info('digest pass', { due: 3 });
    expect(text[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z info digest pass \{"due":3\}$/);
  });

  it('when a JSON line carries the token or the webhook secret, then the redactor removes both', () => {
    const token = '123456:AAF-secret-token-part_xyz';
    const secret = 'webhook-secret_0123456789abcdef';
    const redactor = createRedactor([token, secret]);
    const lines: string[] = [];
    const log = createLogger('info', (l) => lines.push(redactor.text(l)), 'json');
    log.error('call failed', { url: `https://api.telegram.org/bot${token}/getMe`, header: secret, quoted: `"${secret}"` });
    expect(lines[0]).not.toContain('AAF-secret-token-part_xyz');
    expect(lines[0]).not.toContain(secret);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ msg: 'call failed', header: '[redacted]' });
  });
});
