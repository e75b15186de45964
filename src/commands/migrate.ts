import { migrate, MIGRATIONS_DIR } from '../store/db.js';
import type { Command } from './command.js';
import { CATALOGUE } from './catalogue.js';

/**
 * `newsbot migrate`: checks the database file (every page, PRAGMA quick_check), refuses a schema
 * from a newer release, applies pending migrations and says so.
 */
export const migrateCommand: Command = {
  ...CATALOGUE.migrate,
  preflight: { database: 'quick_check' },
  run(_args, app, io) {
    // createApp has already checked and migrated; run again to report the state.
    const result = migrate(app.db, MIGRATIONS_DIR);
    io.out(`Database ${app.config.DATABASE_PATH}: no damage found, ${result.total} migrations, all applied.`);
    return 0;
  },
};
