import type { Clock } from '../clock.js';
import type { Db } from '../store/db.js';

/** A channel the bot was added to, as the store holds it. */
export interface Channel {
  /** The channel's chat id (-100...). */
  chatId: number;
  title: string;
  /** Public @name without '@'; null for a private channel. */
  username: string | null;
  /** The bot is an administrator that may post there. */
  canPost: boolean;
  /** Who added the bot (my_chat_member.from); null when found by /channel @name. */
  addedBy: number | null;
  /** Who last changed its settings (else who added the bot): told when the bot loses the channel. */
  setUpBy: number | null;
  /** `addedBy` had not started the bot when it was added: told how to set it up when they do. */
  welcomePending: boolean;
}

interface Row extends Omit<Channel, 'canPost' | 'welcomePending'> {
  canPost: number;
  welcomePending: number;
}

const COLUMNS = `chat_id AS chatId, title, username, can_post AS canPost, added_by AS addedBy, set_up_by AS setUpBy,
  welcome_pending AS welcomePending`;

/** Channels checked for one person's /channels (each costs a getChatMember call). */
const MAX_CANDIDATES = 50;

const toChannel = (row: Row): Channel => ({ ...row, canPost: row.canPost === 1, welcomePending: row.welcomePending === 1 });

/** What the bot learnt about a channel from Telegram (my_chat_member, getChat). */
export interface ChannelSeen {
  chatId: number;
  title: string;
  username?: string | undefined;
  canPost: boolean;
  /** Who added the bot or changed its rights, when Telegram says (my_chat_member.from). */
  by?: number | undefined;
}

/**
 * Channels the bot is in, and which channel each private chat manages (its target). Channels are
 * kept apart from chats' settings: /stop forgets a channel's settings, not that the bot is there.
 */
export function createChannelStore(db: Db, clock: Clock) {
  const one = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM channels WHERE chat_id = ?`);
  const byName = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM channels WHERE username = ? COLLATE NOCASE ORDER BY updated_at DESC LIMIT 1`);
  const upsert = db.prepare<{ chatId: number; title: string; username: string | null; canPost: number; by: number | null; now: number }>(
    `INSERT INTO channels (chat_id, title, username, can_post, added_by, set_up_by, created_at, updated_at)
     VALUES (@chatId, @title, @username, @canPost, @by, @by, @now, @now)
     ON CONFLICT(chat_id) DO UPDATE SET title = excluded.title, username = excluded.username, can_post = excluded.can_post,
       added_by = COALESCE(excluded.added_by, added_by), set_up_by = COALESCE(set_up_by, excluded.added_by),
       updated_at = excluded.updated_at`,
  );
  const loseStmt = db.prepare<[number, number]>('UPDATE channels SET can_post = 0, updated_at = ? WHERE chat_id = ? AND can_post = 1');
  const setSetter = db.prepare<[number, number, number]>('UPDATE channels SET set_up_by = ?, updated_at = ? WHERE chat_id = ?');
  const setPending = db.prepare<[number, number, number]>('UPDATE channels SET welcome_pending = ?, updated_at = ? WHERE chat_id = ?');
  const pendingFor = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM channels WHERE added_by = ? AND welcome_pending = 1 ORDER BY created_at`);
  // The person's own channels first (they added the bot or set it up), then every other channel the
  // bot may post in: whether the person administers those only Telegram can say.
  const candidates = db.prepare<[number, number, number, number], Row>(
    `SELECT ${COLUMNS} FROM channels
     WHERE can_post = 1 OR added_by = ? OR set_up_by = ?
     ORDER BY (added_by = ? OR set_up_by = ?) DESC, title COLLATE NOCASE, chat_id LIMIT ${MAX_CANDIDATES}`,
  );
  const targetOf = db.prepare<[number], { chatId: number }>('SELECT chat_id AS chatId FROM chat_targets WHERE user_id = ?');
  const setTargetStmt = db.prepare<[number, number, number]>(
    `INSERT INTO chat_targets (user_id, chat_id, created_at) VALUES (?, ?, ?)
     ON CONFLICT(user_id) DO UPDATE SET chat_id = excluded.chat_id, created_at = excluded.created_at`,
  );
  const clearTargetStmt = db.prepare<[number]>('DELETE FROM chat_targets WHERE user_id = ?');

  const seenTx = db.transaction((seen: ChannelSeen): { before: Channel | undefined; after: Channel } => {
    const before = one.get(seen.chatId);
    upsert.run({ chatId: seen.chatId, title: seen.title, username: seen.username ?? null, canPost: seen.canPost ? 1 : 0, by: seen.by ?? null, now: clock.now() });
    return { before: before ? toChannel(before) : undefined, after: toChannel(one.get(seen.chatId) as Row) };
  });

  return {
    get(chatId: number): Channel | undefined {
      const row = one.get(chatId);
      return row ? toChannel(row) : undefined;
    },
    /** The channel with this public @name (case ignored), if the bot knows it. */
    byUsername(username: string): Channel | undefined {
      const row = byName.get(username.replace(/^@/, ''));
      return row ? toChannel(row) : undefined;
    },
    /**
     * Records what Telegram said about a channel (added, rights changed, removed); `by` becomes who
     * added the bot when given. Returns the record before and after, so callers act on a change
     * (e.g. the right to post lost) once.
     */
    seen(seen: ChannelSeen): { before: Channel | undefined; after: Channel } {
      return seenTx(seen);
    },
    /**
     * The bot may no longer post in the channel (a send was refused). True when this is news (it
     * could post until now), so whoever set it up is told once.
     */
    lose(chatId: number): boolean {
      return loseStmt.run(clock.now(), chatId).changes > 0;
    },
    /** The person who last changed the channel's settings: the one told if the bot loses it. */
    setSetUpBy(chatId: number, userId: number): void {
      setSetter.run(userId, clock.now(), chatId);
    },
    /** Marks the channel's "how to set it up" note as owed to (true) or given to (false) whoever added the bot. */
    setWelcomePending(chatId: number, pending: boolean): void {
      setPending.run(pending ? 1 : 0, clock.now(), chatId);
    },
    /** Channels whose setup note is owed to this person (they added the bot before starting it). */
    welcomesOwed(userId: number): Channel[] {
      return pendingFor.all(userId).map(toChannel);
    },
    /**
     * Channels this person may administer, their own first (added the bot, set it up), then the
     * others the bot may post in; at most {@link MAX_CANDIDATES}. Whether they do, getChatMember tells.
     */
    candidates(userId: number): Channel[] {
      return candidates.all(userId, userId, userId, userId).map(toChannel);
    },
    /** The channel a private chat's settings commands change, if one was chosen. */
    target(userId: number): number | undefined {
      return targetOf.get(userId)?.chatId;
    },
    setTarget(userId: number, chatId: number): void {
      setTargetStmt.run(userId, chatId, clock.now());
    },
    clearTarget(userId: number): void {
      clearTargetStmt.run(userId);
    },
  };
}

export type ChannelStore = ReturnType<typeof createChannelStore>;
