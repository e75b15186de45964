import { fixedClock } from '../../src/clock.js';
import { REGIONS } from '../../src/regions/regions.js';
import { createArticleStore } from '../../src/store/articles.js';
import { createChatStore } from '../../src/store/chats.js';
import { openDatabase } from '../../src/store/db.js';
import type { FakeBotApi } from './fake-bot-api.js';
import { newDatabaseFile } from './temp-db.js';

/** The digest time the seeded chats share: 08:00 UTC on this day. */
export const DUE_AT = '2026-11-28T08:00:00Z';

/**
 * A database at `file` with stories in every region published the morning of {@link DUE_AT}, and
 * `chats` private chats (ids 1..chats, created weeks before) subscribed to every region with an
 * 08:00 UTC digest. With `longDigest` the chats take every region and the leads are long: a digest of several messages.
 */
export function seedDigestWorld(file: string, options: { chats: number; longDigest?: boolean; firstId?: number }): void {
  newDatabaseFile(file);
  const db = openDatabase(file);
  const clock = fixedClock('2026-11-28T07:30:00Z');
  const articles = createArticleStore(db, clock);
  const perRegion = options.longDigest ? 5 : 1;
  articles.upsertMany(
    REGIONS.flatMap((region, r) =>
      Array.from({ length: perRegion }, (_, i) => ({
        source: 'Wire',
        url: `https://w.example/${region}/${i}`,
        headline: `${region} report x${r}y${i} z${r}${i}`,
        lead: options.longDigest ? 'A long lead sentence about what happened today. '.repeat(5) : 'Short lead.',
        publishedAt: Date.parse('2026-11-28T06:00:00Z') - i * 60_000,
        regions: [region],
      })),
    ),
  );
  clock.set('2026-11-01T00:00:00Z');
  const store = createChatStore(db, clock, { digestTime: '08:00', timezone: 'UTC' });
  const first = options.firstId ?? 1;
  for (let id = first; id < first + options.chats; id++) {
    store.ensure({ id, type: 'private' });
    store.subscribe(id, options.longDigest ? [...REGIONS] : ['asia']);
  }
  db.close();
}

/** The digest messages each chat received, in order (text as sent, HTML). */
export function receivedByChat(fake: FakeBotApi): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const c of fake.callsOf('sendMessage')) {
    const id = Number(c.params.chat_id);
    map.set(id, [...(map.get(id) ?? []), String(c.params.text)]);
  }
  return map;
}

/** One row per delivery: the status, parts and what the database says went out. */
export function deliveryRows(file: string): { chatId: number; status: string; parts: string[]; partsSent: number; error: string | null }[] {
  const db = openDatabase(file);
  try {
    return (
      db.prepare('SELECT chat_id AS chatId, status, parts, parts_sent AS partsSent, error FROM deliveries ORDER BY chat_id').all() as {
        chatId: number; status: string; parts: string; partsSent: number; error: string | null;
      }[]
    ).map((r) => ({ ...r, parts: JSON.parse(r.parts) as string[] }));
  } finally {
    db.close();
  }
}
