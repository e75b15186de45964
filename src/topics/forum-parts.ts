import type { Region } from '../regions/regions.js';
import type { ForumPlan } from './topic-store.js';

/** One topic's share of a forum's digest. */
export interface ForumPart {
  /** The message_thread_id it goes to; 0 for General. */
  topicId: number;
  /** The regions whose sections it carries, in the chat's order. */
  regions: Region[];
  /** The part that also carries followed stories and the chat's own feeds (the digest topic's). */
  main: boolean;
}

/**
 * How a forum's digest splits over its topics: each region routed to a topic goes there, the rest
 * to the digest topic (where the settings were last changed; General if none). Topics that would
 * get the same regions are one part: a region routed to the digest topic joins the main part.
 */
export function forumParts(regions: readonly Region[], plan: ForumPlan): ForumPart[] {
  const mainTopic = plan.digestTopicId ?? 0;
  const routed = new Map(plan.routes.map((r) => [r.region, r.topicId]));
  const parts = new Map<number, ForumPart>([[mainTopic, { topicId: mainTopic, regions: [], main: true }]]);
  for (const region of regions) {
    const topicId = routed.get(region) ?? mainTopic;
    let part = parts.get(topicId);
    if (!part) {
      part = { topicId, regions: [], main: false };
      parts.set(topicId, part);
    }
    part.regions.push(region);
  }
  return [...parts.values()];
}
