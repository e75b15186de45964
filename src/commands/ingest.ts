import { parseArgs } from 'node:util';
import type { SourceResult } from '../ingest/ingest-sources.js';
import { SourcesFileError } from '../ingest/sources-file.js';
import { runIngest } from '../schedule/ingest-job.js';
import { type Command, UsageError } from './command.js';

const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

function describe(r: SourceResult): string {
  switch (r.kind) {
    case 'ingested': {
      const warning = r.warning ? `\n         warning: ${r.warning}` : '';
      const via = r.feedUrl ? ` from its feed ${r.feedUrl}` : '';
      if (r.page) {
        const p = r.page;
        return (
          `ok       ${r.source}: page, ${p.found} article links found, ${p.new} new, ${p.taken} taken: ${r.inserted} new, ${r.updated} updated` +
          `${p.failed ? `, ${p.failed} failed` : ''}${p.skipped ? `, ${p.skipped} not articles` : ''} in ${r.ms} ms${p.notice ? ` (${p.notice})` : ''}${warning}`
        );
      }
      return `ok       ${r.source}: ${r.items} items${via} (${r.inserted} new, ${r.updated} updated${r.skipped ? `, ${r.skipped} without title or text skipped` : ''}) in ${r.ms} ms${warning}`;
    }
    case 'not-modified':
      return `same     ${r.source}: ${r.as === 'page' ? 'page ' : ''}not modified since the last fetch (304) in ${r.ms} ms`;
    case 'failed':
      return `FAILED   ${r.source}: ${r.error} (${r.failures} in a row; the schedule retries after ${iso(r.nextAttemptAt)})`;
    case 'backing-off':
      return `waiting  ${r.source}: backing off until ${iso(r.nextAttemptAt)}${r.lastError ? ` after: ${r.lastError}` : ''}`;
  }
}

/**
 * `newsbot ingest`: fetches every enabled source in SOURCES_FILE once (feeds, pages, sites) and
 * prints one line per source (for pages: article links found, new and taken). It
 * ignores back-off (someone running it by hand wants every feed tried now) unless `--due` is
 * given; failures are still recorded and still set the schedule's back-off. Exit code 0 unless
 * every source attempted failed, or SOURCES_FILE is unreadable.
 */
export const ingestCommand: Command = {
  summary: 'fetch every source in SOURCES_FILE once (feeds, pages, sites) and store new articles',
  usage: 'newsbot ingest [--source NAME]... [--due] [--json]',
  async run(args, app, io) {
    const { values } = parseArgs({
      args,
      allowPositionals: false,
      options: {
        source: { type: 'string', short: 's', multiple: true },
        due: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    });
    let summary;
    try {
      summary = await runIngest(app, { respectBackoff: values.due, only: values.source ?? [] });
    } catch (error: unknown) {
      if (error instanceof SourcesFileError) {
        io.err(error.message);
        return 1;
      }
      if (error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    }
    if (values.json) io.out(JSON.stringify(summary, null, 2));
    else {
      for (const r of summary.results) io.out(describe(r));
      io.out(
        `${summary.results.length} sources: ${summary.attempted - summary.failed} fetched, ${summary.failed} failed` +
          `${summary.results.length > summary.attempted ? `, ${summary.results.length - summary.attempted} backing off` : ''}; ` +
          `${summary.inserted} new articles, ${summary.updated} updated, in ${summary.ms} ms.`,
      );
    }
    return summary.attempted > 0 && summary.failed === summary.attempted ? 1 : 0;
  },
};
