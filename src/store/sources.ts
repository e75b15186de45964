import type { Db } from './db.js';
import { createFetchState } from './fetch-state.js';

export { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffMs } from './fetch-state.js';

export interface SourceRow {
  id: number;
  name: string;
  url: string | null;
  region: string | null;
  etag: string | null;
  lastModified: string | null;
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  failures: number;
  nextAttemptAt: number | null;
  /**
   * What was wrong with the text of the last successful fetch or import (a charset fallback,
   * repaired or removed characters), null when it was clean.
   */
  warning: string | null;
}

export interface SourceStats extends SourceRow {
  itemCount: number;
}

const COLUMNS = `id, name, url, region, etag, last_modified AS lastModified, last_attempt_at AS lastAttemptAt,
  last_success_at AS lastSuccessAt, last_error AS lastError, last_error_at AS lastErrorAt, failures,
  next_attempt_at AS nextAttemptAt, text_warning AS warning`;

/** Sources of articles: feeds from SOURCES_FILE and the outlets named by imported pages. */
export function createSourceStore(db: Db) {
  const byName = db.prepare<[string], SourceRow>(`SELECT ${COLUMNS} FROM sources WHERE name = ?`);
  const byUrl = db.prepare<[string], SourceRow>(`SELECT ${COLUMNS} FROM sources WHERE url = ?`);
  const insert = db.prepare<{ name: string; url: string | null; region: string | null }>(
    'INSERT INTO sources (name, url, region) VALUES (@name, @url, @region)',
  );
  const updateMeta = db.prepare<{ id: number; name: string; url: string | null; region: string | null }>(
    'UPDATE sources SET name = @name, url = COALESCE(@url, url), region = @region WHERE id = @id',
  );
  const byId = db.prepare<[number], SourceRow>(`SELECT ${COLUMNS} FROM sources WHERE id = ?`);
  // A source keeps its last error after a success: `newsbot sources` shows it.
  const fetchState = createFetchState(db, 'sources', { clearErrorOnSuccess: false });
  const setWarning = db.prepare<{ id: number; warning: string | null }>('UPDATE sources SET text_warning = @warning WHERE id = @id');
  // The fetch state and the text warning of one success: one write, as when they were one UPDATE.
  const success = db.transaction(
    (id: number, input: { at: number; etag?: string | null; lastModified?: string | null; notModified?: boolean; warning?: string | null }) => {
      fetchState.recordSuccess(id, input);
      if (!input.notModified) setWarning.run({ id, warning: input.warning ?? null });
    },
  );
  const stats = db.prepare<[], SourceStats>(
    `SELECT ${COLUMNS}, (SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id) AS itemCount
     FROM sources s ORDER BY name`,
  );

  return {
    /**
     * The id of the source with this feed URL or name, created if new. A feed source found by URL
     * takes the given name and region, so edits to SOURCES_FILE show up.
     */
    ensure(input: { name: string; url?: string | null; region?: string | null }): number {
      const url = input.url ?? null;
      const region = input.region ?? null;
      const found = (url ? byUrl.get(url) : undefined) ?? byName.get(input.name);
      if (found) {
        if (found.name !== input.name || (url && found.url !== url) || (input.region !== undefined && found.region !== region)) {
          const nameTaken = found.name !== input.name && byName.get(input.name);
          updateMeta.run({
            id: found.id,
            name: nameTaken ? found.name : input.name,
            url,
            region: input.region !== undefined ? region : found.region,
          });
        }
        return found.id;
      }
      return Number(insert.run({ name: input.name, url, region }).lastInsertRowid);
    },
    get(name: string): SourceRow | undefined {
      return byName.get(name);
    },
    getByUrl(url: string): SourceRow | undefined {
      return byUrl.get(url);
    },
    getById(id: number): SourceRow | undefined {
      return byId.get(id);
    },
    /** Notes that a fetch of the source started at `at` (ms). */
    recordAttempt(id: number, at: number): void {
      fetchState.recordAttempt(id, at);
    },
    /**
     * Notes a successful fetch: clears the failure count and back-off. With `notModified` (a 304)
     * validators the server did not resend are kept; otherwise they are replaced, so a feed that
     * stops sending an ETag stops being asked with a stale one. `warning` (what was wrong with the
     * fetched text) replaces the last one, except after a 304, which keeps it.
     */
    recordSuccess(
      id: number,
      input: { at: number; etag?: string | null; lastModified?: string | null; notModified?: boolean; warning?: string | null },
    ): void {
      success(id, input);
    },
    /** Notes what was wrong with the text of the source's latest import (null: it was clean). */
    recordWarning(id: number, warning: string | null): void {
      setWarning.run({ id, warning });
    },
    /**
     * Notes a failed fetch with its reason: one more failure in a row, and no attempt before
     * `at` + {@link backoffMs}(failures). Returns the new count and the next attempt time (ms).
     */
    recordFailure(id: number, input: { at: number; error: string }): { failures: number; nextAttemptAt: number } {
      const row = fetchState.recordFailure(id, input);
      if (!row) throw new Error(`no source with id ${id}`);
      return row;
    },
    /** Every source with its article count, by name. */
    list(): SourceStats[] {
      return stats.all();
    },
  };
}

export type SourceStore = ReturnType<typeof createSourceStore>;
