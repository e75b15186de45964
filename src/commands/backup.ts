import { parseArgs } from 'node:util';
import { BackupError, backupDatabase } from '../ops/backup.js';
import { type Command, UsageError } from './command.js';
import { CATALOGUE } from './catalogue.js';

/** `newsbot backup <file>`: a consistent, checked copy of the database, also while the bot runs. */
export const backupCommand: Command = {
  ...CATALOGUE.backup,
  async run(args, app, io) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('give one file to write the backup to');
    const started = performance.now();
    try {
      const report = await backupDatabase(app.db, file);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      io.out(`Backup written to ${report.file}: ${(report.bytes / 1_000_000).toFixed(1)} MB, ${report.pages} pages, quick_check ${report.check}, in ${seconds} s.`);
      return 0;
    } catch (error: unknown) {
      if (!(error instanceof BackupError)) throw error;
      io.err(error.message);
      return 1;
    }
  },
};
