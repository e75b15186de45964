import type { Article, ArticleStore, LatestQuery } from '../store/articles.js';
import { storyKeys, withoutNearDuplicates } from './near-duplicates.js';

/**
 * The newest stories as people are shown them (/latest, the region commands, `newsbot latest`):
 * newest first, each story once by its best copy, and a story that tells the same news as a newer
 * one in the list (a near-duplicate) left out; at most `query.limit`.
 */
export function newestStories(articles: Pick<ArticleStore, 'latest'>, query: Omit<LatestQuery, 'distinctStories'>): Article[] {
  // Fetch more than asked, so that leaving near-duplicates out still fills the list.
  const candidates = articles.latest({ ...query, limit: query.limit * 2 + 2 });
  return withoutNearDuplicates(candidates, storyKeys, query.limit);
}
