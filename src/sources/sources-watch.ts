import { type FSWatcher, statSync, watch } from 'node:fs';
import path from 'node:path';
import { loadSourcesFile, type SourceEntry } from '../ingest/sources-file.js';
import type { Logger } from '../log.js';

/** SOURCES_FILE as the running bot holds it: the last list that was valid. */
export interface SourcesWatch {
  /**
   * The list: read again when the file changed since the last read (by modification time, size or
   * inode), else the one in hand. A change that breaks the file is logged with the reason and the
   * last good list is kept. Throws only when no valid list was ever read.
   */
  current(): SourceEntry[];
  /** Stops watching the file. */
  close(): void;
}

/**
 * Watches SOURCES_FILE (its directory, so that editors and `newsbot sources add` that replace the
 * file by renaming are seen): a change is read and checked at once, so a broken edit is logged when
 * it is made rather than at the next pass; the next pass uses the new list, or the last good one.
 */
export function watchSourcesFile(file: string, log: Logger): SourcesWatch {
  let good: SourceEntry[] | undefined;
  let seen: string | undefined;
  let failedOn: string | undefined;

  const stamp = (): string => {
    try {
      const st = statSync(file);
      return `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      return 'missing';
    }
  };

  const reload = (): void => {
    const now = stamp();
    if (now === seen && good) return;
    try {
      const list = loadSourcesFile(file);
      const changed = good !== undefined;
      good = list;
      seen = now;
      failedOn = undefined;
      if (changed) log.info('sources file read again', { file, sources: list.length, enabled: list.filter((s) => s.enabled !== false).length });
    } catch (error: unknown) {
      if (!good) throw error;
      seen = now;
      if (failedOn === now) return;
      failedOn = now;
      log.warn('sources file edit ignored: keeping the last good list', { file, sources: good.length, reason: (error as Error).message });
    }
  };

  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const name = path.basename(file);
    watcher = watch(path.dirname(path.resolve(file)), { persistent: false }, (_event, changed) => {
      if (changed !== null && changed !== name) return;
      // Editors write in several steps: read once they are done.
      clearTimeout(timer);
      timer = setTimeout(() => {
        try {
          reload();
        } catch {
          // Not valid yet and never was: current() says so at the next pass.
        }
      }, 100);
      timer.unref();
    });
    watcher.on('error', () => undefined);
  } catch (error: unknown) {
    log.debug('sources file not watched; it is checked at each pass', { file, error });
  }

  return {
    current() {
      reload();
      return good as SourceEntry[];
    },
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
