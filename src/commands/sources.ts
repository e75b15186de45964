import { isEnabled, loadSourcesFile, type SourceEntry, SourcesFileError } from '../ingest/sources-file.js';
import type { SourceState } from '../store/page-sources.js';
import type { SourceStats } from '../store/sources.js';
import type { App } from '../app.js';
import { type Command, type CommandIo, UsageError } from './command.js';
import { CATALOGUE } from './catalogue.js';

const iso = (t: number | null) => (t == null ? 'never' : new Date(t).toISOString());

/** One source as `sources` shows it: the store's record, what SOURCES_FILE says, what it is read as. */
export interface SourceListing extends SourceStats {
  /** Listed in SOURCES_FILE (else an outlet named by imported pages, or removed from the file). */
  listed: boolean;
  /** The type written in SOURCES_FILE; null for none (a feed or a site). */
  type: 'feed' | 'page' | null;
  enabled: boolean;
  /** What it is read as (known after its first pass): a feed, or a page. */
  readAs: 'feed' | 'page' | null;
  /** The feed found for a site, when it is not the listed URL. */
  feedUrl: string | null;
  /** Page sources: the last pass over the page. */
  lastPass: { at: number; linksFound: number; linksNew: number; linksTaken: number; stored: number; failed: number; skipped: number; notice: string | null } | null;
}

/**
 * `newsbot sources`: every source, from SOURCES_FILE and the store, with what it is read as, its
 * item count, last success and error, and for pages the last pass (links found and taken) and any
 * notice. Its subcommands edit SOURCES_FILE (see sources-edit.ts).
 */
export const sourcesCommand: Command = {
  ...CATALOGUE.sources,
  async run(args, app, io) {
    const [sub, ...rest] = args;
    if (sub !== undefined && !sub.startsWith('-')) {
      const { runSourcesEdit } = await import('./sources-edit.js');
      return runSourcesEdit(sub, rest, app, io);
    }
    const unknown = args.filter((a) => a !== '--json');
    if (unknown.length > 0) throw new UsageError(`unknown option ${unknown[0]}`);
    return list(app, io, args.includes('--json'));
  },
};

function list(app: App, io: CommandIo, json: boolean): number {
  let listed: SourceEntry[] = [];
  try {
    listed = loadSourcesFile(app.config.SOURCES_FILE);
  } catch (error: unknown) {
    if (!(error instanceof SourcesFileError)) throw error;
    io.err(`${error.message}\n(Showing the sources in the store only.)`);
  }
  const listings = listingsOf(app, listed);
  if (json) {
    io.out(JSON.stringify(listings, null, 2));
    return 0;
  }
  if (listings.length === 0) {
    io.out('No sources yet. Add one with `newsbot sources add <url>`, or list feeds in SOURCES_FILE and run `newsbot ingest`.');
    return 0;
  }
  for (const s of listings) describe(s, io);
  return 0;
}

/** The store's sources and SOURCES_FILE's entries together, by name. */
export function listingsOf(app: App, listed: readonly SourceEntry[]): SourceListing[] {
  const rows = app.articles.sources.list();
  const states = app.articles.pages.states();
  const byName = new Map(listed.map((e) => [e.name.toLowerCase(), e]));
  const byUrl = new Map(listed.map((e) => [e.url, e]));
  const out: SourceListing[] = [];
  const seen = new Set<SourceEntry>();
  for (const row of rows) {
    const entry = (row.url ? byUrl.get(row.url) : undefined) ?? byName.get(row.name.toLowerCase());
    if (entry) seen.add(entry);
    out.push(listing(row, entry, states.get(row.id)));
  }
  for (const entry of listed) {
    if (seen.has(entry)) continue;
    const blank: SourceStats = {
      id: 0, name: entry.name, url: entry.url, region: entry.region, etag: null, lastModified: null, lastAttemptAt: null,
      lastSuccessAt: null, lastError: null, lastErrorAt: null, failures: 0, nextAttemptAt: null, warning: null, itemCount: 0,
    };
    out.push(listing(blank, entry, undefined));
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function listing(row: SourceStats, entry: SourceEntry | undefined, state: SourceState | undefined): SourceListing {
  const current = state && (!entry || state.forUrl === entry.url) ? state : undefined;
  const readAs = entry?.type ?? current?.kind ?? null;
  return {
    ...row,
    listed: entry !== undefined,
    type: entry?.type ?? null,
    enabled: entry ? isEnabled(entry) : false,
    readAs,
    feedUrl: current?.kind === 'feed' && current.feedUrl && current.feedUrl !== (entry?.url ?? row.url) ? current.feedUrl : null,
    lastPass:
      readAs === 'page' && current?.passAt != null
        ? {
            at: current.passAt,
            linksFound: current.linksFound ?? 0,
            linksNew: current.linksNew ?? 0,
            linksTaken: current.linksTaken ?? 0,
            stored: current.articlesStored ?? 0,
            failed: current.articlesFailed ?? 0,
            skipped: current.articlesSkipped ?? 0,
            notice: current.notice ?? null,
          }
        : null,
  };
}

/** "feed", "page", "site → feed <url>", "site → page (no feed found)", "site (not read yet)". */
export function kindOf(s: Pick<SourceListing, 'type' | 'readAs' | 'feedUrl' | 'listed'>): string {
  if (!s.listed) return s.readAs ?? 'imported pages';
  if (s.type) return s.type;
  if (s.readAs === 'page') return 'site → page (no feed found)';
  if (s.feedUrl) return `site → feed ${s.feedUrl}`;
  if (s.readAs === 'feed') return 'feed';
  return 'feed or site (not read yet)';
}

function describe(s: SourceListing, io: CommandIo): void {
  const flags = [kindOf(s), !s.enabled && s.listed ? 'disabled' : '', !s.listed && s.url ? 'not in SOURCES_FILE' : ''].filter(Boolean);
  io.out(`${s.name}${s.url ? `  ${s.url}` : ''}  [${flags.join(', ')}]`);
  io.out(`  items: ${s.itemCount}  last success: ${iso(s.lastSuccessAt)}`);
  if (s.warning) io.out(`  warning (text of the last fetch): ${s.warning}`);
  if (s.lastPass) {
    const p = s.lastPass;
    io.out(
      `  last pass (${iso(p.at)}): ${p.linksFound} article links found, ${p.linksNew} new, ${p.linksTaken} taken: ` +
        `${p.stored} stored, ${p.failed} failed, ${p.skipped} not articles`,
    );
    if (p.notice) io.out(`  notice: ${p.notice}`);
  }
  if (!s.lastError) return;
  const state =
    s.failures > 0
      ? `failing, ${s.failures} in a row${s.nextAttemptAt ? `, next try ${iso(s.nextAttemptAt)}` : ''}`
      : 'recovered since';
  io.out(`  last error (${iso(s.lastErrorAt)}, ${state}): ${s.lastError}`);
}
