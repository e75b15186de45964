import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { parseSources, type SourceEntry, SourcesFileError } from '../ingest/sources-file.js';

/** An entry as the file holds it (the region as the operator wrote it, keys in the file's order). */
export type RawEntry = Record<string, unknown> & { name: string; url: string };

/** An edit of SOURCES_FILE that cannot be made; the message says why. */
export class SourcesEditError extends Error {
  override readonly name = 'SourcesEditError';
}

/** The keys of an entry in the order they are written; others follow in their own order. */
const KEY_ORDER = ['name', 'url', 'region', 'type', 'enabled', 'articleSelector', 'linkPattern'];

/**
 * The entries of SOURCES_FILE as written, after checking the file is valid (an edit never builds on
 * a broken file: the message says what to fix first). A missing file is an empty list.
 */
export function readRawEntries(file: string): RawEntry[] {
  if (!existsSync(file)) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error: unknown) {
    throw new SourcesEditError(`sources file ${file} is not valid JSON (${(error as Error).message}); fix it before editing it`);
  }
  try {
    parseSources(json, file);
  } catch (error: unknown) {
    if (error instanceof SourcesFileError) throw new SourcesEditError(`${error.message}\nFix it before editing it.`);
    throw error;
  }
  return json as RawEntry[];
}

/**
 * Writes the entries to SOURCES_FILE, one entry per line as the shipped file is, after checking the
 * result is valid. The file is replaced at once (written beside it, then renamed), so a running
 * bot never reads half of it. Returns the entries as validated.
 */
export function writeRawEntries(file: string, entries: readonly RawEntry[]): SourceEntry[] {
  let valid: SourceEntry[];
  try {
    valid = parseSources(entries, file);
  } catch (error: unknown) {
    if (error instanceof SourcesFileError) throw new SourcesEditError(error.message);
    throw error;
  }
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, formatSources(entries));
    renameSync(temp, file);
  } catch (error: unknown) {
    rmSync(temp, { force: true });
    throw new SourcesEditError(`cannot write sources file ${file}: ${(error as Error).message}`);
  }
  return valid;
}

/** The file's text: a JSON array with one entry per line, keys in a fixed order. */
export function formatSources(entries: readonly RawEntry[]): string {
  if (entries.length === 0) return '[]\n';
  const lines = entries.map((entry) => {
    const keys = [...KEY_ORDER.filter((k) => k in entry), ...Object.keys(entry).filter((k) => !KEY_ORDER.includes(k))];
    const fields = keys.filter((k) => entry[k] !== undefined).map((k) => `${JSON.stringify(k)}: ${JSON.stringify(entry[k])}`);
    return `  { ${fields.join(', ')} }`;
  });
  return `[\n${lines.join(',\n')}\n]\n`;
}

/** The index of the entry with this name (case and spacing ignored); throws naming the entries there are. */
export function indexOfName(entries: readonly RawEntry[], name: string): number {
  const key = name.trim().toLowerCase();
  const index = entries.findIndex((e) => e.name.trim().toLowerCase() === key);
  if (index < 0) {
    const names = entries.map((e) => e.name).join(', ');
    throw new SourcesEditError(`no source named '${name}'${names ? `; the sources are: ${names}` : ' (the list is empty)'}`);
  }
  return index;
}

/** Adds an entry; refuses a name or URL already listed. */
export function addEntry(file: string, entry: RawEntry): SourceEntry[] {
  const entries = readRawEntries(file);
  const sameName = entries.find((e) => e.name.trim().toLowerCase() === entry.name.trim().toLowerCase());
  if (sameName) throw new SourcesEditError(`a source named '${sameName.name}' is already listed (${sameName.url}); choose another --name`);
  const sameUrl = entries.find((e) => e.url === entry.url);
  if (sameUrl) throw new SourcesEditError(`${entry.url} is already listed, as '${sameUrl.name}'`);
  return writeRawEntries(file, [...entries, entry]);
}

/** Removes the entry with this name; returns it. */
export function removeEntry(file: string, name: string): RawEntry {
  const entries = readRawEntries(file);
  const index = indexOfName(entries, name);
  const [removed] = entries.splice(index, 1);
  writeRawEntries(file, entries);
  return removed as RawEntry;
}

/** Enables or disables the entry with this name (`"enabled": false`; enabling drops the key). Returns it and whether it changed. */
export function setEnabled(file: string, name: string, enabled: boolean): { entry: RawEntry; changed: boolean } {
  const entries = readRawEntries(file);
  const entry = entries[indexOfName(entries, name)] as RawEntry;
  const was = entry.enabled !== false;
  if (enabled) delete entry.enabled;
  else entry.enabled = false;
  if (was !== enabled) writeRawEntries(file, entries);
  return { entry, changed: was !== enabled };
}
