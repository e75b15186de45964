import { parseArgs } from 'node:util';
import { parseRegion, REGIONS, suggestRegion } from '../regions/regions.js';
import type { Article } from '../store/articles.js';
import { newestStories } from '../stories/newest.js';
import { type Command, UsageError } from './command.js';
import { CATALOGUE, CLI_LATEST_DEFAULT } from './catalogue.js';

/** The JSON shape `latest --json` prints and `import` reads back. */
export function articleJson(a: Article) {
  return {
    id: a.id,
    headline: a.headline,
    lead: a.lead,
    url: a.url,
    source: a.source,
    regions: a.regions,
    publishedAt: new Date(a.publishedAt).toISOString(),
  };
}

/**
 * `newsbot latest`: the newest stories as the bot shows them (/latest): each story once, by its best
 * copy, near-duplicates left out; `--every-article` prints every stored article instead (copies of
 * one story from several outlets, or the same page stored twice, each on its own), as for an export.
 */
export const latestCommand: Command = {
  ...CATALOGUE.latest,
  run(args, app, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        limit: { type: 'string', short: 'n', default: String(CLI_LATEST_DEFAULT) },
        json: { type: 'boolean', default: false },
        'every-article': { type: 'boolean', default: false },
      },
    });
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be a whole number from 1 to 1000');
    const name = positionals.join(' ');
    const region = name ? parseRegion(name) : undefined;
    if (name && !region) {
      const hint = suggestRegion(name);
      throw new UsageError(`No region '${name}'.${hint ? ` Did you mean ${hint}?` : ''} Regions: ${REGIONS.join(', ')}`);
    }
    const query = { regions: region ? [region] : [], limit };
    const articles = values['every-article'] ? app.articles.latest({ ...query, distinctStories: false }) : newestStories(app.articles, query);
    if (values.json) {
      io.out(JSON.stringify(articles.map(articleJson), null, 2));
      return 0;
    }
    if (articles.length === 0) {
      io.out(region ? `No stories in ${region} yet.` : 'No stories yet. Run `newsbot ingest` or `newsbot import <file>`.');
      return 0;
    }
    for (const a of articles) {
      io.out(`${new Date(a.publishedAt).toISOString()}  [${a.regions.join(', ')}]  ${a.source}`);
      io.out(`  ${a.headline}`);
      if (a.lead) io.out(`  ${a.lead}`);
      if (a.url) io.out(`  ${a.url}`);
      io.out('');
    }
    return 0;
  },
};
