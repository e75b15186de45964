import v8 from 'node:v8';

/**
 * V8 settings for the long-running bot, `newsbot start` (issue 14: peak RSS at most 150 MB over a
 * million articles and 100k chats). The CLI imports this module before any other, so they apply
 * before the heap grows and before any WebAssembly is compiled; one-shot commands keep V8's
 * defaults. They trade a little CPU for memory that V8 would otherwise take and keep:
 * - `--optimize-for-size`: the old generation is collected before it grows far past what is live.
 *   The catch-up pass at start writes tens of thousands of digests, whose text outlives the young
 *   generation and is garbage soon after; without this the heap grew by all of it (the live heap
 *   stays about 36 MB, measured with a forced GC every 3 s, while RSS went past 200 MB).
 * - `--semi-space-growth-factor=1`: the young generation otherwise grows from 2 x 1 MB to 2 x 16 MB
 *   while the modules load and stays that size (`--max-semi-space-size` cannot be changed once the
 *   heap exists; this can). Minor GCs come more often and each costs less.
 * - `--liftoff-only`: the HTTP parser of Node's fetch (llhttp, WebAssembly) is otherwise recompiled
 *   by TurboFan a second after the first feed fetch, in about 28 MB of compiler memory (a process
 *   that fetched once peaked at 84 MB of RSS, 56 MB with this flag). Liftoff's code parses feed
 *   responses, a small part of an ingest pass.
 * Bench memory scenario over 300,000 articles and 100,000 chats, started when 48,083 digests are
 * due (peak / idle RSS, MB, one run each, shared machine): no flags 183.1 / 155.2; the last two
 * 215.1 / 111.7; all three 129.1 / 100.3. CPU to build 20,000 of those digests in-process: 1.9-2.8 s
 * without flags, 1.9-2.4 s with them (noise of a loaded machine; no cost seen).
 * `v8.setFlagsFromString` after start-up is documented as unsupported in general; these flags are
 * read when the heap next sizes a generation and when WebAssembly is next compiled, and the bench's
 * memory scenario shows their effect (bench/README.md).
 */
export const BOT_V8_FLAGS = ['--optimize-for-size', '--semi-space-growth-factor=1', '--liftoff-only'] as const;

if (process.argv[2] === 'start') {
  for (const flag of BOT_V8_FLAGS) v8.setFlagsFromString(flag);
}
