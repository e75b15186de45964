import type { Clock } from '../clock.js';
import type { Db } from './db.js';

/** A follow brings matching stories first into the digest; a mute keeps them out everywhere. */
export type FilterKind = 'follow' | 'mute';

/** One follow or mute of a chat. */
export interface ChatFilter {
  id: number;
  kind: FilterKind;
  /** As the person wrote it. */
  text: string;
  /** Its normal form (see `Rule.key`). */
  key: string;
}

export type AddFilterOutcome = { kind: 'added'; id: number } | { kind: 'exists'; text: string } | { kind: 'limit'; max: number };

/**
 * The follows and mutes of chats (migration 0013). Each chat has at most `maxPerKind` of each; a
 * rule with the same normal form as one the chat has is not added twice.
 */
export function createChatFilterStore(db: Db, clock: Clock, options: { maxPerKind: number }) {
  const list = db.prepare<[number], ChatFilter>('SELECT id, kind, text, key FROM chat_filters WHERE chat_id = ? ORDER BY kind, id');
  const count = db.prepare<[number, string], { n: number }>('SELECT COUNT(*) AS n FROM chat_filters WHERE chat_id = ? AND kind = ?');
  const byKey = db.prepare<[number, string, string], { text: string }>('SELECT text FROM chat_filters WHERE chat_id = ? AND kind = ? AND key = ?');
  const insert = db.prepare<[number, string, string, string, number]>(
    'INSERT INTO chat_filters (chat_id, kind, key, text, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const removeKey = db.prepare<[number, string, string], { text: string }>('DELETE FROM chat_filters WHERE chat_id = ? AND kind = ? AND key = ? RETURNING text');
  const removeId = db.prepare<[number, number], ChatFilter>('DELETE FROM chat_filters WHERE chat_id = ? AND id = ? RETURNING id, kind, text, key');
  const removeAll = db.prepare<[number, string], { text: string }>('DELETE FROM chat_filters WHERE chat_id = ? AND kind = ? RETURNING text');

  return {
    /** The chat's follows, then its mutes, each in the order they were added. */
    list(chatId: number): ChatFilter[] {
      return list.all(chatId);
    },
    /** Adds one rule unless the chat has it already or is at its limit. */
    add: db.transaction((chatId: number, kind: FilterKind, rule: { key: string; text: string }): AddFilterOutcome => {
      const existing = byKey.get(chatId, kind, rule.key);
      if (existing) return { kind: 'exists', text: existing.text };
      if ((count.get(chatId, kind)?.n ?? 0) >= options.maxPerKind) return { kind: 'limit', max: options.maxPerKind };
      const id = Number(insert.run(chatId, kind, rule.key, rule.text, clock.now()).lastInsertRowid);
      return { kind: 'added', id };
    }),
    /** Removes the rule with this normal form; the text it was added as, or undefined if the chat had none. */
    removeByKey(chatId: number, kind: FilterKind, key: string): string | undefined {
      return removeKey.get(chatId, kind, key)?.text;
    },
    /** Removes a rule by id (a /follows button); undefined if it was already gone. */
    removeById(chatId: number, id: number): ChatFilter | undefined {
      return removeId.get(chatId, id);
    },
    /** Removes every follow (or mute) of the chat; their texts. */
    removeAll(chatId: number, kind: FilterKind): string[] {
      return removeAll.all(chatId, kind).map((r) => r.text);
    },
  };
}

export type ChatFilterStore = ReturnType<typeof createChatFilterStore>;
