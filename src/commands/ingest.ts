import { parseArgs } from 'node:util';
import type { App } from '../app.js';
import { createGuardedFetch, type GuardedFetch } from '../chatfeeds/guarded-fetch.js';
import { type ChatFeedPass, ingestChatFeeds } from '../chatfeeds/ingest.js';
import { createChatFeedStore } from '../chatfeeds/store.js';
import type { SourceResult } from '../ingest/ingest-sources.js';
import { SourcesFileError } from '../ingest/sources-file.js';
import { createFeedExtractor } from '../ingest/feeds/feed-pipeline.js';
import { runIngest } from '../schedule/ingest-job.js';
import { type Command, UsageError } from './command.js';
import { CATALOGUE } from './catalogue.js';
import { fetchLimitsOf } from '../ingest/feeds/fetch-feed.js';

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

/** Why the chats' own feeds were not read, or what reading them did. */
type ChatFeedsOutcome = { kind: 'read'; pass: ChatFeedPass } | { kind: 'off' } | { kind: 'only-sources' };

function describeChatFeeds(outcome: ChatFeedsOutcome): string {
  if (outcome.kind === 'off') return 'chat feeds: not read (ALLOW_CHAT_FEEDS=false).';
  if (outcome.kind === 'only-sources') return 'chat feeds: not read (--source reads the named sources only).';
  const p = outcome.pass;
  if (p.feeds === 0) return 'chat feeds: none (no chat has added one with /addfeed).';
  const waiting = p.feeds - p.attempted;
  return (
    `chat feeds (/addfeed): ${p.feeds} ${p.feeds === 1 ? 'feed' : 'feeds'}: ${p.attempted - p.failed} fetched, ${p.failed} failed` +
    `${waiting > 0 ? `, ${waiting} backing off` : ''}; ${p.inserted} new items, ${p.updated} updated.`
  );
}

/**
 * Reads every chat's own feed once (as the schedule does after the listed sources), through the
 * guarded fetch that lets only public addresses through; not when ALLOW_CHAT_FEEDS=false or
 * `--source` named sources.
 */
async function readChatFeeds(app: App, options: { respectBackoff: boolean; onlySources: boolean }, guardedFetch: () => GuardedFetch): Promise<ChatFeedsOutcome> {
  const { config } = app;
  if (!config.ALLOW_CHAT_FEEDS) return { kind: 'off' };
  if (options.onlySources) return { kind: 'only-sources' };
  const fetch = guardedFetch();
  try {
    const pass = await ingestChatFeeds(
      { store: createChatFeedStore(app.db, app.clock), fetch, clock: app.clock, log: app.log },
      {
        limits: fetchLimitsOf(config),
        concurrency: config.FETCH_CONCURRENCY,
        respectBackoff: options.respectBackoff,
      },
    );
    return { kind: 'read', pass };
  } finally {
    await fetch.close();
  }
}

/**
 * `newsbot ingest`: fetches every enabled source in SOURCES_FILE once (feeds, pages, sites) and
 * prints one line per source (for pages: article links found, new and taken), then, as the
 * schedule does, the feeds chats added with /addfeed (one line for them all; not with `--source`
 * or ALLOW_CHAT_FEEDS=false). It ignores back-off (someone running it by hand wants every feed
 * tried now) unless `--due` is given; failures are still recorded and still set the schedule's
 * back-off. Exit code 0 unless every listed source attempted failed, or SOURCES_FILE is unreadable
 * (the chats' feeds are read even then, as the schedule reads them). `guardedFetch` makes the fetch
 * for chats' feeds (tests let their loopback feed server through; nothing else reaches it).
 */
export function createIngestCommand(options: { guardedFetch?: () => GuardedFetch } = {}): Command {
  const guardedFetch = options.guardedFetch ?? (() => createGuardedFetch());
  return {
    ...CATALOGUE.ingest,
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
      const only = values.source ?? [];
      const chatFeeds = () => readChatFeeds(app, { respectBackoff: values.due, onlySources: only.length > 0 }, guardedFetch);
      let summary;
      try {
        // Run by hand, alone in its process: large feeds are parsed and extracted in a worker thread
        // while they are written (started now, so that its start-up overlaps the fetches).
        const extractor = createFeedExtractor();
        try {
          summary = await runIngest(app, { respectBackoff: values.due, only, extractor });
        } finally {
          extractor.close();
        }
      } catch (error: unknown) {
        if (error instanceof SourcesFileError) {
          io.err(error.message);
          // The chats' feeds do not depend on SOURCES_FILE: the schedule reads them all the same.
          const feeds = await chatFeeds();
          if (values.json) io.out(JSON.stringify({ chatFeeds: feeds.kind === 'read' ? feeds.pass : null }, null, 2));
          else io.out(describeChatFeeds(feeds));
          return 1;
        }
        if (error instanceof RangeError) throw new UsageError(error.message);
        throw error;
      }
      const feeds = await chatFeeds();
      if (values.json) io.out(JSON.stringify({ ...summary, chatFeeds: feeds.kind === 'read' ? feeds.pass : null }, null, 2));
      else {
        for (const r of summary.results) io.out(describe(r));
        io.out(
          `${summary.results.length} sources: ${summary.attempted - summary.failed} fetched, ${summary.failed} failed` +
            `${summary.results.length > summary.attempted ? `, ${summary.results.length - summary.attempted} backing off` : ''}; ` +
            `${summary.inserted} new articles, ${summary.updated} updated, in ${summary.ms} ms.`,
        );
        io.out(describeChatFeeds(feeds));
      }
      return summary.attempted > 0 && summary.failed === summary.attempted ? 1 : 0;
    },
  };
}

export const ingestCommand: Command = createIngestCommand();
