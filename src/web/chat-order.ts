/**
 * Runs tasks one at a time per key and in parallel between keys: the updates of one chat are
 * handled in the order Telegram numbered them, while a slow chat holds up no other.
 */
export function createKeyedSerialRunner() {
  const tails = new Map<string, Promise<void>>();
  return {
    /** Queues `task` behind the earlier tasks of `key`; it never rejects the chain (catch inside). */
    run(key: string, task: () => Promise<void>): Promise<void> {
      const previous = tails.get(key) ?? Promise.resolve();
      const next = previous.then(task, task);
      tails.set(key, next);
      void next.finally(() => {
        if (tails.get(key) === next) tails.delete(key);
      });
      return next;
    },
    /** Keys with tasks queued or running. */
    get busyKeys(): number {
      return tails.size;
    },
    /** Resolves when every task queued so far has finished. */
    async idle(): Promise<void> {
      while (tails.size > 0) await Promise.allSettled([...tails.values()]);
    },
  };
}

/** The fields of an update whose payload names a chat (`.chat.id`). */
const CHAT_PAYLOADS = ['message', 'edited_message', 'channel_post', 'edited_channel_post', 'business_message', 'edited_business_message', 'my_chat_member', 'chat_member', 'chat_join_request', 'message_reaction', 'chat_boost', 'removed_chat_boost'];

/**
 * The key that orders an update: its chat (a button press: the chat of the message it is on),
 * else the user it comes from, else one shared key.
 */
export function orderKeyOf(update: Record<string, unknown>): string {
  for (const field of CHAT_PAYLOADS) {
    const id = (update[field] as { chat?: { id?: unknown } } | undefined)?.chat?.id;
    if (typeof id === 'number') return `chat:${id}`;
  }
  const query = update.callback_query as { message?: { chat?: { id?: unknown } }; from?: { id?: unknown } } | undefined;
  if (typeof query?.message?.chat?.id === 'number') return `chat:${query.message.chat.id}`;
  for (const payload of Object.values(update)) {
    const from = (payload as { from?: { id?: unknown } } | null)?.from?.id;
    if (typeof from === 'number') return `user:${from}`;
  }
  return 'other';
}
