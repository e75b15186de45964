import type { Article, ArticleStore, LatestQuery } from '../store/articles.js';
import { storyKeys, withoutNearDuplicates } from './near-duplicates.js';

/**
 * The newest stories as people are shown them (/latest, the region commands, `newsbot latest`):
 * newest first, each story once by its best copy, and a story that tells the same news as a newer
 * one in the list (a near-duplicate) left out; at most `query.limit`.
 */
export function newestStories(
  articles: Pick<ArticleStore, 'latest'>,
  query: Omit<LatestQuery, 'distinctStories'>,
  /** Stories the reader muted (see src/follows): left out, the list filled from older ones. */
  leaveOut?: (article: Article) => boolean,
): Article[] {
  // A few more than asked, so that leaving a near-duplicate out still fills the list; more only
  // when that was not enough (and there are more). Mutes may leave out many: reach further then.
  let fetch = query.limit + 2;
  const most = leaveOut ? query.limit * 40 + 2 : query.limit * 4 + 2;
  for (;;) {
    const candidates = articles.latest({ ...query, limit: fetch });
    const kept = leaveOut ? candidates.filter((a) => !leaveOut(a)) : candidates;
    const shown = withoutNearDuplicates(kept, storyKeys, query.limit);
    if (shown.length >= query.limit || candidates.length < fetch || fetch >= most) return shown;
    fetch = Math.min(most, fetch === query.limit + 2 ? query.limit * 4 + 2 : fetch * 3);
  }
}
