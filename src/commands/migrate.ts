import { migrate } from '../store/db.js';
import type { Command } from './command.js';

export const migrateCommand: Command = {
  summary: 'apply pending database migrations (also done at every start)',
  usage: 'newsbot migrate',
  run(_args, app, io) {
    // createApp has already migrated; run again to report the state.
    const result = migrate(app.db);
    io.out(`Database ${app.config.DATABASE_PATH}: ${result.total} migrations, all applied.`);
    return 0;
  },
};
