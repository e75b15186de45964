import type { StoreSpec } from './fixture-store.js';

/** The generated store every store-backed scenario shares: issue 5's sizes, or a small one for --quick. */
export function storeSpec(quick: boolean): StoreSpec {
  return quick ? { articles: 20_000, chats: 2_000 } : { articles: 1_000_000, chats: 100_000 };
}
