import v8 from 'node:v8';

/**
 * V8 settings for the long-running bot, `newsbot start` (issue 14: peak RSS at most 150 MB over a
 * million articles and 100k chats). The CLI imports this module before any other, so they apply
 * before the heap grows and before any WebAssembly is compiled; one-shot commands keep V8's
 * defaults. Both trade a little CPU for memory that V8 would otherwise hold for the process's life:
 * - `--semi-space-growth-factor=1`: the young generation otherwise grows from 2 × 1 MB to 2 × 16 MB
 *   while the modules load and stays that size (`--max-semi-space-size` cannot be changed once the
 *   heap exists; this can). Kept at 2 × 1 MB, minor GCs come more often and each costs less:
 *   building 3,000 digests of the 1M-article bench store took no more CPU (1.4 s vs 1.6-1.8 s),
 *   and its peak RSS was 25 MB lower.
 * - `--liftoff-only`: the HTTP parser of Node's fetch (llhttp, WebAssembly) is otherwise recompiled
 *   by TurboFan a second after the first feed fetch, in about 28 MB of compiler memory (measured:
 *   a process that fetched once peaked at 84 MB of RSS, 56 MB with this flag). Liftoff's code parses
 *   feed responses, a small part of an ingest pass.
 * `v8.setFlagsFromString` after start-up is documented as unsupported in general; these two are read
 * when the young generation is next resized and when WebAssembly is next compiled, and the bench's
 * memory scenario shows their effect (bench/README.md).
 */
export const BOT_V8_FLAGS = ['--semi-space-growth-factor=1', '--liftoff-only'] as const;

if (process.argv[2] === 'start') {
  for (const flag of BOT_V8_FLAGS) v8.setFlagsFromString(flag);
}
