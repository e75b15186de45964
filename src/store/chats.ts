import { type Cadence, cadenceFromRow, cadenceToRow } from '../cadence/cadence.js';
import type { Clock } from '../clock.js';
import { isRegion, REGIONS, type Region } from '../regions/regions.js';
import { MAX_FILTERS_PER_KIND } from '../follows/limits.js';
import { createChatFilterStore } from './chat-filters.js';
import type { Db } from './db.js';

export type ChatType = 'private' | 'group' | 'supergroup' | 'channel';
export type Language = 'en' | 'ru';

/** A chat and its settings, as the store holds them. */
export interface Chat {
  id: number;
  type: ChatType;
  title: string | null;
  /** The chat's chosen language (/language); null follows the Telegram client's language. */
  language: Language | null;
  /** The language of the Telegram client last seen talking to the bot here; null before any did. */
  clientLanguage: Language | null;
  /** 'HH:MM', local to `timezone`: the digest time, the first of two for a twice-daily cadence. */
  digestTime: string;
  /** How often the digest comes (/frequency); its time (or first time) is `digestTime`. */
  cadence: Cadence;
  /** IANA name, 'UTC' or a fixed offset such as '+05:30'. */
  timezone: string;
  paused: boolean;
  active: boolean;
  inactiveReason: string | null;
  /** Send nothing (instead of a "nothing new" line) on a day without news. */
  quietWhenEmpty: boolean;
  /** Stories published up to this time (ms) have been in a digest; null before the first one. */
  lastDigestUntil: number | null;
  createdAt: number;
  updatedAt: number;
  /** Subscribed regions, in the order they were subscribed. */
  regions: Region[];
  /** Follows (/follow), as written, in the order they were added. */
  follows: string[];
  /** Mutes (/mute), as written, in the order they were added. */
  mutes: string[];
}

interface ChatRow extends Omit<Chat, 'paused' | 'active' | 'quietWhenEmpty' | 'regions' | 'cadence' | 'follows' | 'mutes'> {
  cadence: string;
  paused: number;
  active: number;
  quietWhenEmpty: number;
  regions: string | null;
  follows: string | null;
  mutes: string | null;
}

const SELECT = `SELECT c.id, c.type, c.title, c.language, c.client_language AS clientLanguage, c.digest_time AS digestTime, c.cadence, c.timezone, c.paused, c.active,
  c.inactive_reason AS inactiveReason, c.quiet_when_empty AS quietWhenEmpty, c.last_digest_until AS lastDigestUntil,
  c.created_at AS createdAt, c.updated_at AS updatedAt,
  (SELECT group_concat(s.region, ',' ORDER BY s.created_at, s.rowid_order) FROM subscriptions s
     WHERE s.chat_id = c.id) AS regions,
  (SELECT group_concat(f.text, char(10) ORDER BY f.id) FROM chat_filters f WHERE f.chat_id = c.id AND f.kind = 'follow') AS follows,
  (SELECT group_concat(f.text, char(10) ORDER BY f.id) FROM chat_filters f WHERE f.chat_id = c.id AND f.kind = 'mute') AS mutes
  FROM chats c`;

// Rule texts never hold a new line (see src/follows/rule.ts `tidy`), so it separates them.
const lines = (text: string | null): string[] => (text === null || text === '' ? [] : text.split('\n'));

function toChat(row: ChatRow): Chat {
  return {
    ...row,
    cadence: cadenceFromRow(row.digestTime, row.cadence),
    paused: row.paused === 1,
    active: row.active === 1,
    quietWhenEmpty: row.quietWhenEmpty === 1,
    regions: (row.regions ?? '').split(',').filter(isRegion),
    follows: lines(row.follows),
    mutes: lines(row.mutes),
  };
}

/** Chats that share a digest schedule: one zone, one digest time, one cadence (its row text, see `cadenceFromRow`). */
export interface ScheduleGroup {
  timezone: string;
  digestTime: string;
  cadence: string;
}

/** A chat owed a digest, as much of it as a skipped record needs. */
export interface OwedChat {
  id: number;
  lastDigestUntil: number | null;
}

/** Chats in a page of a group's owed chats unless asked otherwise: a shorter page is the group's last. */
export const OWED_PAGE = 500;

/** One page of a group's chats: after chat id `afterId`, at most `limit` ({@link OWED_PAGE}), without those recorded for slot `recorded`. */
interface OwedPage {
  afterId?: number;
  limit?: number;
  recorded?: string;
}

export interface ChatDefaults {
  digestTime: string;
  timezone: string;
}

/** Chats, their settings and subscriptions. Every write stamps `updated_at` from the clock. */
export function createChatStore(db: Db, clock: Clock, defaults: ChatDefaults) {
  // Subscriptions keep the order they were made in; REGIONS order breaks ties within one millisecond.
  const regionOrder = REGIONS.map((r, i) => `WHEN '${r}' THEN ${i}`).join(' ');
  const select = SELECT.replace('s.rowid_order', `CASE s.region ${regionOrder} END`);
  const byId = db.prepare<[number], ChatRow>(`${select} WHERE c.id = ?`);
  const insert = db.prepare<{ id: number; type: string; title: string | null; digestTime: string; timezone: string; now: number }>(
    `INSERT INTO chats (id, type, title, digest_time, timezone, created_at, updated_at)
     VALUES (@id, @type, @title, @digestTime, @timezone, @now, @now)
     ON CONFLICT(id) DO UPDATE SET type = excluded.type, title = COALESCE(excluded.title, title),
       active = 1, inactive_reason = NULL, updated_at = excluded.updated_at
     WHERE chats.type IS NOT excluded.type OR chats.title IS NOT COALESCE(excluded.title, chats.title) OR chats.active = 0`,
  );
  const addSub = db.prepare<[number, string, number]>(
    'INSERT OR IGNORE INTO subscriptions (chat_id, region, created_at) VALUES (?, ?, ?)',
  );
  const delSub = db.prepare<[number, string]>('DELETE FROM subscriptions WHERE chat_id = ? AND region = ?');
  const delAllSubs = db.prepare<[number]>('DELETE FROM subscriptions WHERE chat_id = ?');
  const touch = db.prepare<[number, number]>('UPDATE chats SET updated_at = ? WHERE id = ?');
  const setField = (column: string) =>
    db.prepare<[unknown, number, number]>(`UPDATE chats SET ${column} = ?, updated_at = ? WHERE id = ?`);
  const setCadence = db.prepare<[string, string, number, number]>('UPDATE chats SET digest_time = ?, cadence = ?, updated_at = ? WHERE id = ?');
  const setters = {
    digestTime: setField('digest_time'),
    timezone: setField('timezone'),
    language: setField('language'),
    clientLanguage: setField('client_language'),
    paused: setField('paused'),
    quietWhenEmpty: setField('quiet_when_empty'),
    lastDigestUntil: setField('last_digest_until'),
  };
  const deactivate = db.prepare<[string, number, number]>(
    'UPDATE chats SET active = 0, inactive_reason = ?, updated_at = ? WHERE id = ?',
  );
  const remove = db.prepare<[number]>('DELETE FROM chats WHERE id = ?');
  const move = db.prepare<[number, number, number]>('UPDATE chats SET id = ?, type = \'supergroup\', updated_at = ? WHERE id = ?');
  const subscribed = db.prepare<[], ChatRow>(
    `${select} WHERE c.active = 1 AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = c.id)`,
  );

  // Groups are kept in step with the chats by triggers (migrations/0020_schedule_groups.sql).
  const slots = db.prepare<[], ScheduleGroup>(
    'SELECT timezone, digest_time AS digestTime, cadence FROM schedule_groups WHERE chats > 0 ORDER BY timezone, digest_time, cadence',
  );
  const groupsDue = db.prepare<[number], ScheduleGroup & { version: number }>(
    `SELECT timezone, digest_time AS digestTime, cadence, version FROM schedule_groups
     WHERE next_look_at <= ? AND chats > 0 ORDER BY next_look_at, timezone, digest_time, cadence`,
  );
  const looked = db.prepare<{ timezone: string; digestTime: string; cadence: string; version: number; until: number }>(
    `UPDATE schedule_groups SET next_look_at = @until
     WHERE timezone = @timezone AND digest_time = @digestTime AND cadence = @cadence AND version = @version`,
  );
  // The chats of a group owed the digest due at a time: the full chat (for building it), or only
  // what a record skipped as too late needs.
  const owedWhere = `c.timezone = ? AND c.digest_time = ? AND c.cadence = ? AND c.active = 1 AND c.paused = 0 AND c.id > ?
       AND (c.last_digest_until IS NULL OR c.last_digest_until < ?) AND c.created_at <= ?
       AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.chat_id = c.id AND d.slot = ?)
       AND (EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = c.id) OR EXISTS (SELECT 1 FROM chat_feed_links f WHERE f.chat_id = c.id)
         OR EXISTS (SELECT 1 FROM chat_filters ff WHERE ff.chat_id = c.id AND ff.kind = 'follow'))
     ORDER BY c.id LIMIT ?`;
  type OwedParams = [string, string, string, number, number, number, string, number];
  const waitingInSlot = db.prepare<OwedParams, ChatRow>(`${select} WHERE ${owedWhere}`);
  const owedInSlot = db.prepare<OwedParams, OwedChat>(`SELECT c.id, c.last_digest_until AS lastDigestUntil FROM chats c WHERE ${owedWhere}`);
  const owedParams = (group: ScheduleGroup, dueAt: number, page: OwedPage): OwedParams => [
    group.timezone, group.digestTime, group.cadence, page.afterId ?? Number.MIN_SAFE_INTEGER, dueAt, dueAt, page.recorded ?? '', page.limit ?? OWED_PAGE,
  ];

  const ensureTx = db.transaction((chat: { id: number; type: ChatType; title?: string | null }) => {
    insert.run({ id: chat.id, type: chat.type, title: chat.title ?? null, ...defaults, now: clock.now() });
  });

  function must(id: number): Chat {
    const row = byId.get(id);
    if (!row) throw new Error(`chat ${id} is not in the store`);
    return toChat(row);
  }

  return {
    /** The chats' follows and mutes (a chat lists them as `follows` and `mutes`). */
    filters: createChatFilterStore(db, clock, { maxPerKind: MAX_FILTERS_PER_KIND }),
    get(id: number): Chat | undefined {
      const row = byId.get(id);
      return row ? toChat(row) : undefined;
    },
    /** The chat, created with the default digest time and zone if new; reactivated if it was inactive. */
    ensure(chat: { id: number; type: ChatType; title?: string | null }): Chat {
      ensureTx(chat);
      return must(chat.id);
    },
    /** Adds regions (keeping earlier ones first); returns those that were new. */
    subscribe: db.transaction((id: number, regions: readonly Region[]): Region[] => {
      const now = clock.now();
      const added = regions.filter((r) => addSub.run(id, r, now).changes > 0);
      touch.run(now, id);
      return added;
    }),
    /** Removes regions, or all of them; returns those that were removed. */
    unsubscribe: db.transaction((id: number, regions: readonly Region[] | 'all'): Region[] => {
      const before = must(id).regions;
      if (regions === 'all') delAllSubs.run(id);
      else for (const r of regions) delSub.run(id, r);
      touch.run(clock.now(), id);
      return regions === 'all' ? before : before.filter((r) => regions.includes(r));
    }),
    setDigestTime(id: number, hhmm: string): void {
      setters.digestTime.run(hhmm, clock.now(), id);
    },
    /** How often the digest comes, its time(s) included (`/frequency`). */
    setCadence(id: number, cadence: Cadence): void {
      const row = cadenceToRow(cadence);
      setCadence.run(row.digestTime, row.cadence, clock.now(), id);
    },
    setTimezone(id: number, zone: string): void {
      setters.timezone.run(zone, clock.now(), id);
    },
    setLanguage(id: number, language: Language | null): void {
      setters.language.run(language, clock.now(), id);
    },
    /** Records the language of the Telegram client talking to the bot in the chat (see `clientLanguage`). */
    setClientLanguage(id: number, language: Language): void {
      setters.clientLanguage.run(language, clock.now(), id);
    },
    setPaused(id: number, paused: boolean): void {
      setters.paused.run(paused ? 1 : 0, clock.now(), id);
    },
    setQuietWhenEmpty(id: number, quiet: boolean): void {
      setters.quietWhenEmpty.run(quiet ? 1 : 0, clock.now(), id);
    },
    setLastDigestUntil(id: number, until: number): void {
      setters.lastDigestUntil.run(until, clock.now(), id);
    },
    /** Blocked, kicked, deactivated or not found: no more digests until the chat talks to the bot again. */
    markInactive(id: number, reason: string): void {
      deactivate.run(reason, clock.now(), id);
    },
    /** Forgets the chat: settings, subscriptions and delivery records. */
    forget(id: number): void {
      remove.run(id);
    },
    /**
     * A group became a supergroup with a new id: its settings, subscriptions and deliveries move to
     * the new id. A row the new id already has (from a message in the new supergroup) gives way.
     */
    migrate: db.transaction((fromId: number, toId: number): void => {
      if (!byId.get(fromId)) return;
      remove.run(toId);
      move.run(toId, clock.now(), fromId);
    }),
    /**
     * The distinct (time zone, digest time, cadence) groups of active, unpaused chats: thousands at
     * most (a zone's minutes of the day), not one per chat. `cadence` is the row's text (see `cadenceFromRow`).
     */
    scheduleSlots(): ScheduleGroup[] {
      return slots.all();
    },
    /**
     * The groups the planner must read at `now` (ms): those whose next digest time has come since
     * they were last served, and those a chat joined or changed in since (see
     * migrations/0020_schedule_groups.sql). Most minutes none or a few, whatever the chat count.
     * `version` goes back to `groupsServed`.
     */
    groupsToRead(now: number): (ScheduleGroup & { version: number })[] {
      return groupsDue.all(now);
    },
    /**
     * Every chat of each `group` owed a digest has its record: the planner need not read the group
     * before `until` (ms, its next digest time). One transaction; a group a chat joined or changed
     * in after it was read with `version` is left to be read again at the next pass. Returns how
     * many groups were marked.
     */
    groupsServed: db.transaction((served: readonly { group: ScheduleGroup & { version: number }; until: number }[]): number => {
      let marked = 0;
      for (const { group, until } of served) {
        const { timezone, digestTime, cadence, version } = group;
        marked += looked.run({ timezone, digestTime, cadence, version, until }).changes;
      }
      return marked;
    }),
    /**
     * Active, unpaused chats with regions, feeds of their own or follows, of one (zone, time, cadence) group,
     * that existed at `dueAt` (ms) and whose last digest did not already cover it: the chats a digest
     * due at `dueAt` may be owed to. One page of at most `limit`, in id order, after chat id `afterId`.
     * With `recorded` (a delivery slot), chats that already have a record for it are left out in
     * SQL: a digest recorded but not sent (queued, skipped as too late) no longer makes every
     * minute's pass read that chat again until the day is over.
     */
    waitingInSlot(group: ScheduleGroup, dueAt: number, page: OwedPage = {}): Chat[] {
      return waitingInSlot.all(...owedParams(group, dueAt, page)).map(toChat);
    },
    /**
     * The chats {@link waitingInSlot} gives, only their id and last digest: what a record skipped
     * as too late needs. Reading regions, follows and mutes of chats that get no digest was most of
     * the catch-up pass after a long stop.
     */
    owedInSlot(group: ScheduleGroup, dueAt: number, page: OwedPage = {}): OwedChat[] {
      return owedInSlot.all(...owedParams(group, dueAt, page));
    },
    /** Active chats with at least one subscription. */
    listSubscribed(): Chat[] {
      return subscribed.all().map(toChat);
    },
  };
}

export type ChatStore = ReturnType<typeof createChatStore>;
