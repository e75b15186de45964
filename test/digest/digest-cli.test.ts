import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { createArticleStore } from '../../src/store/articles.js';
import { createChatStore } from '../../src/store/chats.js';
import { openDatabase } from '../../src/store/db.js';
import { runNewsbot } from '../helpers/newsbot-in-process.js';
import { tempDir } from '../helpers/temp-db.js';

const AT = '2026-11-28T09:00:00Z';

let tmp: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  tmp = tempDir();
  file = path.join(tmp.dir, 'newsbot.sqlite');
  const db = openDatabase(file);
  const clock = fixedClock('2026-11-28T08:00:00Z');
  createArticleStore(db, clock).upsert({
    source: 'Wire',
    url: 'https://w.example/1',
    headline: 'Typhoon nears the Philippine coast',
    lead: 'Thousands were moved inland.',
    publishedAt: Date.parse('2026-11-28T06:00:00Z'),
    regions: ['asia'],
  });
  const chats = createChatStore(db, clock, { digestTime: '08:00', timezone: 'UTC' });
  chats.ensure({ id: -100500, type: 'supergroup', title: 'Newsroom' });
  chats.subscribe(-100500, ['asia']);
  chats.ensure({ id: 4242, type: 'private' });
  db.close();
});
afterEach(() => tmp.cleanup());

const newsbot = (...args: string[]) => runNewsbot(args, { env: { DATABASE_PATH: file, LOG_LEVEL: 'silent' } });

describe('newsbot digest --chat', () => {
  it('when the chat is a group with a negative id, then `--chat -100500` prints its digest', async () => {
    const result = await newsbot('digest', '--chat', '-100500', '--at', AT);
    expect(result.stderr).not.toContain('ambiguous');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Typhoon nears the Philippine coast');
    expect(result.stderr).toContain('chat -100500');
  });

  it('when the chat gets two digests a day, then the evening one is printed with its time and what it covers', async () => {
    const db = openDatabase(file);
    createChatStore(db, fixedClock(AT), { digestTime: '08:00', timezone: 'UTC' }).setCadence(-100500, { kind: 'twice', times: ['08:00', '18:00'] });
    db.close();
    const result = await newsbot('digest', '--chat', '-100500', '--at', '2026-11-28T18:05:00Z');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('chat -100500 · 2026-11-28 18:00 (UTC, digest twice 08:00 18:00)');
    expect(result.stdout).toContain('Saturday, November 28, 18:00');
    expect(result.stdout).toContain('Typhoon nears the Philippine coast');
  });

  it('when the chat has no regions, then it says so and how to add them, instead of "nothing new in  since"', async () => {
    const result = await newsbot('digest', '--chat', '4242', '--at', AT);
    expect(result.stdout + result.stderr).not.toMatch(/nothing new in\s+since/);
    expect(result.stderr).toContain('chat 4242 has no regions');
    expect(result.stderr).toMatch(/\/subscribe asia/);
    expect(result.code).toBe(1);
  });
});
