import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { fixedClock } from '../../src/clock.js';
import { digestCommand } from '../../src/commands/digest.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { createChatStore } from '../../src/store/chats.js';
import { tempDir } from '../helpers/temp-db.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function app() {
  const dir = tempDir();
  const config = loadConfig({ DATABASE_PATH: path.join(dir.dir, 'db.sqlite') });
  const a = createApp(config, { clock: fixedClock('2026-11-28T09:00:00Z'), log: silentLogger });
  cleanup = () => {
    a.close();
    dir.cleanup();
  };
  a.articles.upsert({ source: 'Wire', url: 'https://w.example/1', headline: 'Markets <rally> in Tokyo', lead: 'Stocks rose.', publishedAt: Date.parse('2026-11-28T06:00:00Z'), regions: ['asia'] });
  const chats = createChatStore(a.db, a.clock, { digestTime: '08:00', timezone: 'UTC' });
  chats.ensure({ id: 77, type: 'private' });
  chats.subscribe(77, ['asia']);
  chats.setLanguage(77, 'ru');
  chats.setTimezone(77, 'Asia/Tokyo');
  return a;
}

describe('newsbot digest', () => {
  it('when asked for a chat, then it prints that chat\'s digest at the given time, in its language and zone, and sends nothing', async () => {
    const a = app();
    const out: string[] = [];
    const err: string[] = [];
    const code = await digestCommand.run(['--chat', '77', '--at', '2026-11-28T16:00:00Z'], a, { out: (t) => out.push(t), err: (t) => err.push(t) });
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('Ваша сводка новостей · воскресенье, 29 ноября'); // 01:00 on the 29th in Tokyo
    expect(out.join('\n')).toContain('Markets &lt;rally&gt; in Tokyo');
    expect(err.join('\n')).toContain('1 new, 1 shown, 1 message(s)');
    expect((a.db.prepare('SELECT COUNT(*) AS n FROM deliveries').get() as { n: number }).n).toBe(0);
  });

  it('when the chat is unknown or --at is not a time, then it says so', async () => {
    const a = app();
    const err: string[] = [];
    expect(await digestCommand.run(['--chat', '5'], a, { out: () => undefined, err: (t) => err.push(t) })).toBe(1);
    expect(err[0]).toContain('No chat 5');
    expect(() => digestCommand.run(['--chat', '77', '--at', 'tomorrow'], a, { out: () => undefined, err: () => undefined })).toThrow(/ISO 8601/);
  });
});
