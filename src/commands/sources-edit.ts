import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { App } from '../app.js';
import { reasonOf } from '../ingest/feeds/feed-error.js';
import { SOURCE_TYPES, type SourceType } from '../ingest/sources-file.js';
import { parseRegion, REGIONS, suggestRegion } from '../regions/regions.js';
import { checkSource, type SourceCheck } from '../sources/check-source.js';
import { OpmlError, parseOpml, toOpml } from '../sources/opml.js';
import { createPoliteFetcher } from '../sources/polite-fetch.js';
import { addEntry, type RawEntry, readRawEntries, removeEntry, setEnabled, SourcesEditError, writeRawEntries } from '../sources/sources-file-edit.js';
import { type CommandIo, UsageError } from './command.js';
import { fetchLimitsOf } from '../ingest/feeds/fetch-feed.js';

/** How many headlines `sources add` shows. */
const SHOWN_HEADLINES = 5;

/**
 * The subcommands of `newsbot sources` that edit SOURCES_FILE (`add`, `remove`, `enable`,
 * `disable`, `import`) or print it (`export`). Edits keep the file one entry per line and are
 * written whole (a running bot reads the new list at its next pass). Exit 1 when the edit cannot
 * be made (the file is broken, the name is unknown or taken, the URL cannot be read).
 */
export async function runSourcesEdit(sub: string, args: string[], app: App, io: CommandIo): Promise<number> {
  try {
    switch (sub) {
      case 'add':
        return await add(args, app, io);
      case 'remove':
        return remove(args, app, io);
      case 'enable':
      case 'disable':
        return toggle(sub, args, app, io);
      case 'import':
        return importOpml(args, app, io);
      case 'export':
        return exportSources(args, app, io);
      default:
        throw new UsageError(`unknown subcommand '${sub}' (add, remove, enable, disable, import, export)`);
    }
  } catch (error: unknown) {
    if (error instanceof SourcesEditError || error instanceof OpmlError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}

function oneName(args: string[], what: string): string {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const name = positionals.join(' ').trim();
  if (!name) throw new UsageError(`name the source to ${what}`);
  return name;
}

function regionArg(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const region = parseRegion(value);
  if (!region) {
    const hint = suggestRegion(value);
    throw new UsageError(`No region '${value}'.${hint ? ` Did you mean ${hint}?` : ''} Regions: ${REGIONS.join(', ')}`);
  }
  return region;
}

/**
 * `sources add <url>`: fetches the URL once (as the ingest pass would read it: a feed, a page, or a
 * site whose feed is looked for), shows what it is and its first headlines, then adds it to
 * SOURCES_FILE. Nothing is added when the URL cannot be read. What a site turned out to be is
 * remembered, so the next pass does not look for its feed again.
 */
async function add(args: string[], app: App, io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string', short: 'n' }, region: { type: 'string', short: 'r' }, type: { type: 'string', short: 't' } },
  });
  const [url, ...extra] = positionals;
  if (!url || extra.length > 0) throw new UsageError('give one URL: newsbot sources add <url>');
  if (!/^https?:\/\/[^\s/]+/i.test(url)) throw new UsageError(`the URL must be an http(s) address, not '${url}'`);
  const region = regionArg(values.region);
  const type = values.type?.toLowerCase();
  if (type !== undefined && !(SOURCE_TYPES as readonly string[]).includes(type)) throw new UsageError(`--type is "page" or "feed" (leave it out for a site), not '${values.type}'`);
  if (values.name !== undefined && values.name.trim() === '') throw new UsageError('--name must not be empty');
  const file = app.config.SOURCES_FILE;
  // A broken file or a taken name or URL is said before anything is fetched.
  const existing = readRawEntries(file);
  const taken = existing.find((e) => e.url === url || (values.name && e.name.toLowerCase() === values.name.trim().toLowerCase()));
  if (taken) throw new SourcesEditError(taken.url === url ? `${url} is already listed, as '${taken.name}'` : `a source named '${taken.name}' is already listed (${taken.url}); choose another --name`);

  const { config } = app;
  const limits = fetchLimitsOf(config);
  let check: SourceCheck;
  try {
    check = await checkSource(url, type as SourceType | undefined, {}, {
      fetcher: createPoliteFetcher({ limits, delayMs: config.PAGE_FETCH_DELAY_MS }),
      limits,
      log: app.log,
      now: app.clock.now(),
    });
  } catch (error: unknown) {
    io.err(`Not added: ${url} could not be read as a ${type ?? 'feed or site'}: ${reasonOf(error)}`);
    return 1;
  }
  const name = values.name?.trim() ?? uniqueName(check.title?.trim() || hostOf(url), existing, url);
  const entry: RawEntry = { name, url };
  if (region) entry.region = region;
  if (type) entry.type = type;
  addEntry(file, entry);
  const id = app.articles.sources.ensure({ name, url, region: region ?? null });
  if (!type) app.articles.pages.resolve(id, { kind: check.as, forUrl: url, feedUrl: check.as === 'feed' ? (check.feedUrl ?? url) : null, at: app.clock.now() });

  const what = check.site ? (check.as === 'feed' ? `a site; its feed is ${check.feedUrl}` : 'a site without a feed; it is read as a page') : `a ${check.as}`;
  io.out(`Added '${name}' to ${file}: ${what}${region ? `, region ${region}` : ''}.`);
  if (check.notice) io.out(`Note: ${check.notice}.`);
  const shown = check.headlines.slice(0, SHOWN_HEADLINES);
  if (shown.length > 0) {
    io.out(`First headlines (${check.headlines.length} ${check.as === 'feed' ? 'in the feed' : 'article links on the page'}):`);
    for (const h of shown) io.out(`  ${h}`);
  }
  io.out('The running bot picks it up at its next pass; `newsbot ingest` fetches it now.');
  return 0;
}

function remove(args: string[], app: App, io: CommandIo): number {
  const removed = removeEntry(app.config.SOURCES_FILE, oneName(args, 'remove'));
  io.out(`Removed '${removed.name}' (${removed.url}) from ${app.config.SOURCES_FILE}; its stored articles stay until they expire.`);
  return 0;
}

function toggle(sub: 'enable' | 'disable', args: string[], app: App, io: CommandIo): number {
  const { entry, changed } = setEnabled(app.config.SOURCES_FILE, oneName(args, sub), sub === 'enable');
  if (!changed) io.out(`'${entry.name}' is already ${sub}d.`);
  else io.out(`'${entry.name}' ${sub === 'enable' ? 'is fetched again from the next pass' : 'is no longer fetched (it stays listed)'}.`);
  return 0;
}

/**
 * `sources import <file.opml>`: adds the OPML's feeds (and newsbot's own page sources) that are not
 * listed yet, by URL; a name already taken gets the host added. Nothing is fetched.
 */
function importOpml(args: string[], app: App, io: CommandIo): number {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [path, ...extra] = positionals;
  if (!path || extra.length > 0) throw new UsageError('name one OPML file: newsbot sources import <file.opml>');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error: unknown) {
    io.err(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    return 1;
  }
  const { entries, skipped } = parseOpml(text);
  const file = app.config.SOURCES_FILE;
  const list = readRawEntries(file);
  const added: RawEntry[] = [];
  let already = 0;
  for (const entry of entries) {
    if (list.some((e) => e.url === entry.url)) {
      already++;
      continue;
    }
    const named = { ...entry, name: uniqueName(entry.name, list, entry.url) };
    list.push(named);
    added.push(named);
  }
  if (added.length > 0) writeRawEntries(file, list);
  for (const e of added) io.out(`  + ${e.name}  ${e.url}${e.region ? `  [${String(e.region)}]` : ''}`);
  for (const s of skipped) io.err(`  skipped "${s.text}": ${s.reason}`);
  io.out(`Imported ${added.length} source${added.length === 1 ? '' : 's'} into ${file}${already ? `; ${already} already listed` : ''}${skipped.length ? `; ${skipped.length} outlines skipped` : ''}.`);
  return 0;
}

/** `sources export [--opml]`: SOURCES_FILE as it is (JSON), or as OPML for feed readers. */
function exportSources(args: string[], app: App, io: CommandIo): number {
  const { values } = parseArgs({ args, options: { opml: { type: 'boolean', default: false } } });
  const entries = readRawEntries(app.config.SOURCES_FILE);
  io.out(values.opml ? toOpml(entries, 'newsbot sources', new Date(app.clock.now())).trimEnd() : JSON.stringify(entries, null, 2));
  return 0;
}

/** `name`, or with the host (then a number) added when the list already has it. */
function uniqueName(name: string, list: readonly RawEntry[], url?: string): string {
  const taken = (n: string) => list.some((e) => e.name.trim().toLowerCase() === n.trim().toLowerCase());
  if (!taken(name)) return name;
  const withHost = url ? `${name} (${hostOf(url)})` : name;
  if (!taken(withHost)) return withHost;
  for (let i = 2; ; i++) if (!taken(`${withHost} ${i}`)) return `${withHost} ${i}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
