/** The columns an update may change, as stored. */
export interface StoredRow {
  url: string | null;
  guid: string | null;
  headline: string;
  lead: string;
  body: string;
  dateline: string | null;
  publishedAt: number;
  regions: string;
  key: string;
}

/**
 * What an update with `next` would change in `stored` (the update's rules: a missing url, guid or
 * dateline and an empty body keep the stored ones): its text (headline, lead, body: the full-text
 * index must follow), only other columns, or nothing.
 */
export function changeOf(stored: StoredRow, next: Omit<StoredRow, 'url' | 'guid' | 'dateline'> & Pick<StoredRow, 'url' | 'guid' | 'dateline'>): 'text' | 'meta' | 'none' {
  if (stored.headline !== next.headline || stored.lead !== next.lead || (next.body !== '' && stored.body !== next.body)) return 'text';
  const same =
    (next.url ?? stored.url) === stored.url &&
    (next.guid ?? stored.guid) === stored.guid &&
    (next.dateline ?? stored.dateline) === stored.dateline &&
    next.publishedAt === stored.publishedAt &&
    next.regions === stored.regions &&
    next.key === stored.key;
  return same ? 'none' : 'meta';
}
