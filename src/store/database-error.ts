/**
 * The database could not be opened or used as it is: a path newsbot cannot write, a file that is
 * not SQLite or is damaged, a schema from a newer release. The message names the file (as the
 * setting that chose it: `DATABASE_PATH=...`), what is wrong, and what to do.
 */
export class DatabaseError extends Error {
  override readonly name = 'DatabaseError';
  constructor(
    message: string,
    /** The database file as given. */
    readonly file: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}
