import { LOG_LEVELS } from './config.js';

export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** `text` for people reading a terminal, `json` for a log collector (LOG_FORMAT). */
export type LogFormat = 'text' | 'json';

/**
 * A small line logger on stderr: `2026-11-28T08:00:00.000Z info digest pass {"due":3}`, or with
 * `format` 'json' one JSON object per line: `{"time":"2026-...","level":"info","msg":"digest pass","due":3}`
 * (a field named time, level or msg is kept under `fields`). stdout stays free for command output
 * such as `latest --json`.
 */
export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  format: LogFormat = 'text',
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const at = (lvl: Exclude<LogLevel, 'silent'>) => (msg: string, fields?: LogFields) => {
    if (LOG_LEVELS.indexOf(lvl) < threshold) return;
    const time = new Date().toISOString();
    if (format === 'json') {
      const clash = fields && ['time', 'level', 'msg'].some((k) => Object.hasOwn(fields, k));
      write(safeJson({ time, level: lvl, msg, ...(clash ? { fields } : fields) }));
      return;
    }
    const extra = fields && Object.keys(fields).length > 0 ? ` ${safeJson(fields)}` : '';
    write(`${time} ${lvl} ${msg}${extra}`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A logger that drops everything, for tests. */
export const silentLogger: Logger = createLogger('silent');

function safeJson(fields: LogFields): string {
  return JSON.stringify(fields, (_k, v: unknown) => {
    if (v instanceof Error) return { name: v.name, message: v.message };
    if (typeof v === 'bigint') return v.toString();
    return v;
  });
}
