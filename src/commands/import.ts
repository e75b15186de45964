import { parseArgs } from 'node:util';
import { importFiles } from '../ingest/import/import-files.js';
import { parseRegion, REGIONS, suggestRegion } from '../regions/regions.js';
import { type Command, UsageError } from './command.js';
import { CATALOGUE } from './catalogue.js';

/**
 * `newsbot import <file...> [--region R] [--source NAME] [--url URL]`: imports scraped page text, HTML pages and
 * JSON / NDJSON article lists. Prints one line per file (and one per article of a list); a file that
 * fails is reported on stderr with the reason, the others are still imported, and the exit code is 1.
 * A list's bad records (a broken line, a missing headline) are named on stderr by line or number
 * while its good ones are imported; the exit code is 1 then too.
 */
export const importCommand: Command = {
  ...CATALOGUE.import,
  async run(args, app, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { region: { type: 'string', short: 'r' }, source: { type: 'string', short: 's' }, url: { type: 'string', short: 'u' } },
    });
    if (positionals.length === 0) throw new UsageError('name at least one file to import');
    if (values.region !== undefined && !parseRegion(values.region)) {
      const hint = suggestRegion(values.region);
      throw new UsageError(`No region '${values.region}'.${hint ? ` Did you mean ${hint}?` : ''} Regions: ${REGIONS.join(', ')}`);
    }
    if (values.url !== undefined) {
      if (positionals.length > 1) throw new UsageError('--url names one page: import one file with it');
      if (!/^https?:\/\/[^\s/]+/i.test(values.url)) throw new UsageError(`--url must be an http(s) address, not '${values.url}'`);
    }
    if (values.source !== undefined && values.source.trim() === '') throw new UsageError('--source must not be empty');
    const outcomes = await importFiles(positionals, app.articles, { region: values.region, source: values.source?.trim(), url: values.url });
    let failed = 0;
    let partial = 0;
    for (const o of outcomes) {
      if (o.kind === 'failed') {
        failed += 1;
        io.err(`${o.file}: not imported: ${o.reason}`);
        continue;
      }
      if (o.warning) io.err(`${o.file}: warning: ${o.warning}`);
      if (o.rejected.length > 0) {
        partial += 1;
        for (const r of o.rejected) io.err(`${o.file}: ${r.where}: not imported: ${r.reason}`);
        io.err(`${o.file}: ${o.rejected.length} of ${o.total} ${o.format === 'ndjson' ? 'lines' : 'records'} not imported; the other ${o.total - o.rejected.length} were`);
      }
      const [only] = o.articles;
      if (o.articles.length === 1 && only) {
        io.out(`${o.file}: ${only.outcome} "${only.headline}" [${only.regions.join(', ')}]`);
        continue;
      }
      const updated = o.articles.filter((a) => a.outcome === 'updated').length;
      io.out(`${o.file}: ${o.articles.length} articles (${o.articles.length - updated} new, ${updated} updated)`);
      for (const a of o.articles) io.out(`  "${a.headline}" [${a.regions.join(', ')}]`);
    }
    if (outcomes.length > 1) io.out(`${outcomes.length - failed} of ${outcomes.length} files imported`);
    return failed + partial > 0 ? 1 : 0;
  },
};
