import type { Command } from './command.js';

const iso = (t: number | null) => (t == null ? 'never' : new Date(t).toISOString());

export const sourcesCommand: Command = {
  summary: 'list sources with their last success, last error, text warning and item count',
  usage: 'newsbot sources [--json]',
  run(args, app, io) {
    const list = app.articles.sources.list();
    if (args.includes('--json')) {
      io.out(JSON.stringify(list, null, 2));
      return 0;
    }
    if (list.length === 0) {
      io.out('No sources yet. Run `newsbot ingest` to fetch the feeds in SOURCES_FILE.');
      return 0;
    }
    for (const s of list) {
      io.out(`${s.name}${s.url ? `  ${s.url}` : ''}`);
      io.out(`  items: ${s.itemCount}  last success: ${iso(s.lastSuccessAt)}`);
      if (s.warning) io.out(`  warning (text of the last fetch): ${s.warning}`);
      if (!s.lastError) continue;
      const state =
        s.failures > 0
          ? `failing, ${s.failures} in a row${s.nextAttemptAt ? `, next try ${iso(s.nextAttemptAt)}` : ''}`
          : 'recovered since';
      io.out(`  last error (${iso(s.lastErrorAt)}, ${state}): ${s.lastError}`);
    }
    return 0;
  },
};
