import type { SendWaits } from '../../src/delivery/send-queue.js';

/**
 * The send queue without Telegram's own waits: no gap between two messages to one chat (1 s) and no
 * back-off before retrying a network error or 5xx (1 s, then 2 s...). For tests against the fake
 * Bot API outside its limits mode, which enforces neither, where those waits were most of a test's
 * time and not what it checks: what reaches the chats, what is recorded, what is retried and when
 * by the (injected) clock. The waits themselves are tested in test/delivery/send-queue.test.ts, and
 * against the fake's limits mode in test/delivery/through-fake-bot-api.test.ts.
 */
export const NO_SEND_WAITS: SendWaits = { perChatIntervalMs: 0, backoffMs: () => 0 };
