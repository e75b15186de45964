import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Db } from './db.js';

/**
 * How thoroughly a database file is checked when opened:
 * - `quick_check`: SQLite's `PRAGMA quick_check`, which reads every page and checks every b-tree
 *   (about 29 s of CPU on the 5.4 GB benchmark store of 1M articles);
 * - `pages`: every page read in large sequential reads and its header checked against the SQLite
 *   file format, about 20 times cheaper (1.3 s there); anything odd is confirmed by quick_check,
 *   so only real damage stops the caller. It finds pages overwritten with other bytes, a file
 *   cut short and a file that is not SQLite; quick_check also finds some damage inside a page.
 */
export type IntegrityCheck = 'quick_check' | 'pages';

/** What is wrong with the database, or `undefined` when the check finds nothing. */
export function damageIn(db: Db, check: IntegrityCheck): string | undefined {
  if (check === 'pages' && db.name !== ':memory:' && db.name !== '' && !oddPage(db.name)) return undefined;
  const rows = db.pragma('quick_check(3)') as { quick_check: string }[];
  // Rows read "*** in database main ***\nTree 24 page 114: ..."; the first line says nothing here.
  const problems = rows
    .flatMap((r) => r.quick_check.split('\n'))
    .filter((line) => line !== 'ok' && !line.startsWith('*** in database'));
  return problems.length > 0 ? `quick_check: ${problems.join('; ')}` : undefined;
}

const B_TREE_PAGE_TYPES = new Set([2, 5, 10, 13]);
const READ_BYTES = 1 << 20;

/**
 * True when some page of `file` does not look like SQLite wrote it (https://sqlite.org/fileformat2.html):
 * a b-tree page (type 2, 5, 10 or 13) whose header and cell pointers fit the page, or an overflow or
 * free-list page whose first four bytes are a page number of the file. A page's stale contents
 * (free pages keep them) were once such a page too. Files with auto-vacuum (pointer-map pages,
 * never set by newsbot) and unreadable headers are left to quick_check.
 */
function oddPage(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return true;
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return false;
    const header = Buffer.alloc(100);
    if (readSync(fd, header, 0, 100, 0) < 100 || header.toString('latin1', 0, 16) !== 'SQLite format 3\0') return true;
    const pageSize = header.readUInt16BE(16) === 1 ? 65_536 : header.readUInt16BE(16);
    const usable = pageSize - (header[20] ?? 0);
    if (header.readUInt32BE(52) !== 0 || pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return true;
    // The page count in the header holds when its "version valid for" matches the change counter.
    const pages = header.readUInt32BE(92) === header.readUInt32BE(24) ? header.readUInt32BE(28) : Math.floor(size / pageSize);
    if (size < pages * pageSize) return true;
    const lockBytePage = Math.floor(2 ** 30 / pageSize) + 1;
    const perRead = Math.max(1, Math.floor(READ_BYTES / pageSize));
    const buffer = Buffer.alloc(perRead * pageSize);
    for (let first = 1; first <= pages; first += perRead) {
      const count = Math.min(perRead, pages - first + 1);
      if (readSync(fd, buffer, 0, count * pageSize, (first - 1) * pageSize) < count * pageSize) return true;
      for (let i = 0; i < count; i++) {
        const page = first + i;
        if (page !== lockBytePage && !looksLikePage(buffer, i * pageSize, page === 1 ? 100 : 0, usable, pages)) return true;
      }
    }
    return false;
  } finally {
    closeSync(fd);
  }
}

/** The page at `start` (its b-tree header `offset` bytes in) is a b-tree, overflow or free-list page. */
function looksLikePage(buffer: Buffer, start: number, offset: number, usable: number, pages: number): boolean {
  const at = start + offset;
  const type = buffer[at] ?? 0;
  if (type === 0 && offset === 0) return buffer.readUInt32BE(start) <= pages;
  if (!B_TREE_PAGE_TYPES.has(type)) return false;
  const interior = type === 2 || type === 5;
  const headerSize = interior ? 12 : 8;
  const cells = buffer.readUInt16BE(at + 3);
  const contentStart = buffer.readUInt16BE(at + 5) || 65_536;
  if (offset + headerSize + 2 * cells > contentStart || contentStart > usable || (buffer[at + 7] ?? 0) > 60) return false;
  for (let c = 0; c < cells; c++) {
    const cell = buffer.readUInt16BE(at + headerSize + 2 * c);
    if (cell < contentStart || cell >= usable) return false;
  }
  if (!interior) return true;
  const rightChild = buffer.readUInt32BE(at + 8);
  return rightChild >= 1 && rightChild <= pages;
}
