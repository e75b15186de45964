import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { createArticleStore } from '../../src/store/articles.js';
import { createChatStore } from '../../src/store/chats.js';
import { openDatabase } from '../../src/store/db.js';
import { runNewsbot } from '../helpers/newsbot-in-process.js';
import { tempDir } from '../helpers/temp-db.js';

const HOUR = 3_600_000;
let tmp: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  tmp = tempDir();
  file = path.join(tmp.dir, 'newsbot.sqlite');
  const db = openDatabase(file);
  // Stored "now": the CLI's clock is the real one, so ages are relative to it.
  const now = Date.now();
  const articles = createArticleStore(db, fixedClock(now));
  const add = (headline: string, hoursAgo: number, lead = '') =>
    articles.upsert({ source: 'Wire', url: `https://news.example/${headline.length}-${hoursAgo}`, headline, lead, publishedAt: now - hoursAgo * HOUR, regions: ['asia'] });
  add('Taiwan chip exports hit record', 1, 'Shipments rose in November.');
  add('Taiwan holds air drills', 2, 'Jets flew near the island.');
  add('Bank of Japan raises rates', 3, 'The first rise in months.');
  // A group that muted chips.
  const chats = createChatStore(db, fixedClock(now), { digestTime: '08:00', timezone: 'UTC' });
  chats.ensure({ id: -100500, type: 'supergroup', title: 'Desk' });
  chats.filters.add(-100500, 'mute', { key: 'chip', text: 'chips' });
  db.close();
});
afterEach(() => tmp.cleanup());

const newsbot = (...args: string[]) => runNewsbot(args, { env: { DATABASE_PATH: file, LOG_LEVEL: 'silent' } });

describe('newsbot search', () => {
  it('when words are given, then the matching stories are printed best first; -word leaves some out; --json and --limit work', async () => {
    const all = await newsbot('search', 'taiwan');
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^2 stories; the best 2:/);
    expect(all.stdout).toContain('Taiwan chip exports hit record');
    expect(all.stdout).not.toContain('Bank of Japan');
    const left = await newsbot('search', 'taiwan', '-chip', '--json');
    expect(JSON.parse(left.stdout).map((h: { headline: string }) => h.headline)).toEqual(['Taiwan holds air drills']);
    const one = await newsbot('search', '--limit', '1', '--json', 'Taiwan');
    expect(JSON.parse(one.stdout)).toHaveLength(1);
    const phrase = await newsbot('search', '"bank of japan"', '--json');
    expect(JSON.parse(phrase.stdout)[0]).toMatchObject({ headline: 'Bank of Japan raises rates', source: 'Wire', regions: ['asia'] });
  });

  it('when nothing matches or no words are given, then it says why and exits non-zero', async () => {
    const none = await newsbot('search', 'Zanzibar');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("Nothing found for 'Zanzibar'.");
    const empty = await newsbot('search');
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toContain('newsbot search <words>');
  });

  it('when --chat names a chat, then the stories it muted are left out, as its /search leaves them out', async () => {
    const desk = await newsbot('search', 'taiwan', '--chat', '-100500', '--json');
    expect(desk.code).toBe(0);
    expect(JSON.parse(desk.stdout).map((h: { headline: string }) => h.headline)).toEqual(['Taiwan holds air drills']);
    const all = await newsbot('search', 'chip', '--chat', '-100500');
    expect(all.code).toBe(1);
    expect(all.stderr).toContain("The one story found for 'chip' is muted in that chat.");
    const unknown = await newsbot('search', 'taiwan', '--chat', '42');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No chat 42 in the store');
  });
});
