import type { Db } from './db.js';

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
}

export interface SourceStats extends SourceRow {
  itemCount: number;
}

const COLUMNS = `id, name, url, region, etag, last_modified AS lastModified, last_attempt_at AS lastAttemptAt,
  last_success_at AS lastSuccessAt, last_error AS lastError, last_error_at AS lastErrorAt, failures,
  next_attempt_at AS nextAttemptAt`;

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
    /** Every source with its article count, by name. */
    list(): SourceStats[] {
      return stats.all();
    },
  };
}

export type SourceStore = ReturnType<typeof createSourceStore>;
