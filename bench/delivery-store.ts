import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { fixedClock } from '../src/clock.js';
import { createChatStore } from '../src/store/chats.js';
import { openDatabase } from '../src/store/db.js';
import type { BenchContext } from './context.js';
import { pickSubscription, rng } from './data.js';
import { fixtureStore, STORE_NOW } from './fixture-store.js';

/** Every generated delivery chat's digest is due at this instant (the store's "now"). */
export const DELIVERY_AT = new Date(STORE_NOW).toISOString();

/**
 * A scratch copy of a 20,000-article store holding `count` private chats (ids 1..count), each
 * subscribed to one region with its digest due at {@link DELIVERY_AT} (06:00 UTC): one digest of
 * one message per chat, so messages = digests. Returns the file.
 */
export function deliveryStore(ctx: BenchContext, count: number, name: string): string {
  const { file: base } = fixtureStore(ctx.cacheDir, { articles: 20_000, chats: 0 }, ctx.log);
  const file = path.join(ctx.workDir, `${name}.sqlite`);
  copyFileSync(base, file);
  const db = openDatabase(file);
  try {
    const chats = createChatStore(db, fixedClock(STORE_NOW - 86_400_000), { digestTime: '06:00', timezone: 'UTC' });
    const r = rng(5000);
    db.transaction(() => {
      for (let id = 1; id <= count; id++) {
        chats.ensure({ id, type: 'private' });
        chats.subscribe(id, [pickSubscription(r)[0] ?? 'world']);
      }
    })();
  } finally {
    db.close();
  }
  return file;
}
