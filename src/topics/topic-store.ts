import type { Clock } from '../clock.js';
import { isRegion, type Region } from '../regions/regions.js';
import type { Db } from '../store/db.js';

/** A region whose section of a forum's digest goes to a topic of its own. */
export interface TopicRoute {
  region: Region;
  /** The topic's message_thread_id. */
  topicId: number;
  /** The topic's name when it was routed (null if Telegram did not say). */
  topicName: string | null;
}

/** Where a forum's digest goes: its main topic (null: General) and the regions routed elsewhere. */
export interface ForumPlan {
  digestTopicId: number | null;
  routes: TopicRoute[];
}

/**
 * Forum topics: the topic where a chat's settings were last changed (its digest goes there) and the
 * regions routed to topics of their own (/topic asia). Rows exist only for forums that use them.
 */
export function createTopicStore(db: Db, clock: Clock) {
  const setDigest = db.prepare<[number | null, number, number]>('UPDATE chats SET digest_topic_id = ?, updated_at = ? WHERE id = ?');
  const digestOf = db.prepare<[number], { topicId: number | null }>('SELECT digest_topic_id AS topicId FROM chats WHERE id = ?');
  const routesOf = db.prepare<[number], { region: string; topicId: number; topicName: string | null }>(
    'SELECT region, topic_id AS topicId, topic_name AS topicName FROM chat_topics WHERE chat_id = ? ORDER BY created_at, region',
  );
  const upsertRoute = db.prepare<[number, string, number, string | null, number]>(
    `INSERT INTO chat_topics (chat_id, region, topic_id, topic_name, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(chat_id, region) DO UPDATE SET topic_id = excluded.topic_id, created_at = excluded.created_at,
       topic_name = CASE WHEN topic_id = excluded.topic_id THEN COALESCE(excluded.topic_name, topic_name) ELSE excluded.topic_name END`,
  );
  // A gone topic's regions stay routed, to General (topic 0), where their news now goes.
  const dropRoutes = db.prepare<[number, number]>(
    'UPDATE chat_topics SET topic_id = 0, topic_name = NULL WHERE chat_id = ? AND topic_id = ? RETURNING region',
  );
  const dropRoute = db.prepare<[number, string, number]>('DELETE FROM chat_topics WHERE chat_id = ? AND region = ? AND topic_id = ?');
  const forgetDigest = db.prepare<[number, number, number]>('UPDATE chats SET digest_topic_id = NULL, updated_at = ? WHERE id = ? AND digest_topic_id = ?');
  // Forums with a main topic or routes: few, read once per scheduling pass.
  const plannedChats = db.prepare<[], { chatId: number }>(
    'SELECT id AS chatId FROM chats WHERE digest_topic_id IS NOT NULL UNION SELECT DISTINCT chat_id FROM chat_topics',
  );

  const toRoutes = (chatId: number): TopicRoute[] =>
    routesOf.all(chatId).flatMap((r) => (isRegion(r.region) ? [{ region: r.region, topicId: r.topicId, topicName: r.topicName }] : []));

  const dropTx = db.transaction((chatId: number, topicId: number): { regions: Region[]; wasDigestTopic: boolean } => {
    const regions = (dropRoutes.all(chatId, topicId) as unknown as { region: string }[]).map((r) => r.region).filter(isRegion);
    const wasDigestTopic = forgetDigest.run(clock.now(), chatId, topicId).changes > 0;
    return { regions, wasDigestTopic };
  });

  return {
    /** Where the chat's digest goes: `topicId` null for General (or a chat without topics). */
    setDigestTopic(chatId: number, topicId: number | null): void {
      if ((digestOf.get(chatId)?.topicId ?? null) !== topicId) setDigest.run(topicId, clock.now(), chatId);
    },
    plan(chatId: number): ForumPlan {
      return { digestTopicId: digestOf.get(chatId)?.topicId ?? null, routes: toRoutes(chatId) };
    },
    /** Routes the regions' sections to the topic (a region routed elsewhere moves here). */
    route(chatId: number, regions: readonly Region[], topicId: number, topicName: string | null): void {
      const now = clock.now();
      for (const region of regions) upsertRoute.run(chatId, region, topicId, topicName, now);
    },
    /** Undoes the routing of these regions to this topic; returns those that were routed there. */
    unroute(chatId: number, regions: readonly Region[], topicId: number): Region[] {
      return regions.filter((region) => dropRoute.run(chatId, region, topicId).changes > 0);
    },
    /**
     * The topic is gone (deleted or closed): what went there goes to General from now on. Returns
     * the regions that were routed there and whether it was the chat's digest topic, so the chat is
     * told once.
     */
    dropTopic(chatId: number, topicId: number): { regions: Region[]; wasDigestTopic: boolean } {
      return dropTx(chatId, topicId);
    },
    /** Ids of the chats whose digest is split or sent to a topic (for one scheduling pass). */
    chatsWithTopics(): Set<number> {
      return new Set(plannedChats.all().map((r) => r.chatId));
    },
  };
}

export type TopicStore = ReturnType<typeof createTopicStore>;
