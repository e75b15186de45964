import type { Article, ArticleStore, LatestQuery } from '../store/articles.js';
import { storyKeys, withoutNearDuplicates } from './near-duplicates.js';

/**
 * The newest stories as people are shown them (/latest, the region commands, `newsbot latest`):
 * newest first, each story once by its best copy, and a story that tells the same news as a newer
 * one in the list (a near-duplicate) left out; at most `query.limit`.
 */
export function newestStories(articles: Pick<ArticleStore, 'latest'>, query: Omit<LatestQuery, 'distinctStories'>): Article[] {
  // A few more than asked, so that leaving a near-duplicate out still fills the list; more only
  // when that was not enough (and there are more).
  let fetch = query.limit + 2;
  for (;;) {
    const candidates = articles.latest({ ...query, limit: fetch });
    const shown = withoutNearDuplicates(candidates, storyKeys, query.limit);
    if (shown.length >= query.limit || candidates.length < fetch || fetch >= query.limit * 4 + 2) return shown;
    fetch = query.limit * 4 + 2;
  }
}
