const MINUTE = 60_000;

export interface SendLimitsOptions {
  /** Messages per second across all chats. */
  ratePerSecond: number;
  /** Minimum gap between two messages to one chat (ms, default 1000: Telegram's 1 message/s). */
  perChatIntervalMs?: number;
  /** Messages per minute to one group, supergroup or channel (negative chat id; default 20). */
  groupPerMinute?: number;
}

/**
 * Telegram's sending limits as bookkeeping: a token bucket for the overall rate (bursts of at most
 * a tenth of a second's worth, never over 10, so a 1 s window never holds much more than the rate),
 * the gap between two messages to one chat, and the messages per minute to one group. Times are the
 * queue's monotonic milliseconds.
 */
export function createSendLimits(options: SendLimitsOptions, start: number) {
  const interval = 1000 / options.ratePerSecond;
  const capacity = Math.max(1, Math.min(10, Math.floor(options.ratePerSecond / 10)));
  const perChat = options.perChatIntervalMs ?? 1000;
  const groupLimit = options.groupPerMinute ?? 20;
  const chatReadyAt = new Map<number, number>();
  const groupSends = new Map<number, number[]>();
  let tokens = capacity;
  let tokensAt = start;

  return {
    /** When the overall rate allows the next message: `t` itself when a token is there now. */
    nextToken(t: number): number {
      tokens = Math.min(capacity, tokens + (t - tokensAt) / interval);
      tokensAt = t;
      return tokens >= 1 ? t : t + (1 - tokens) * interval;
    },
    /** When this chat may get its next message, by the per-chat gap and the group limit. */
    chatReadyAt(chatId: number): number {
      let at = chatReadyAt.get(chatId) ?? 0;
      if (chatId < 0) {
        const sends = groupSends.get(chatId);
        if (sends && sends.length >= groupLimit) at = Math.max(at, (sends[sends.length - groupLimit] as number) + MINUTE);
      }
      return at;
    },
    /** A message to `chatId` goes out at `t`: it takes a token and counts for its chat. */
    sending(chatId: number, t: number): void {
      tokens -= 1;
      chatReadyAt.set(chatId, t + perChat);
      if (chatId < 0) {
        const sends = groupSends.get(chatId) ?? [];
        sends.push(t);
        while (sends.length > groupLimit) sends.shift();
        groupSends.set(chatId, sends);
      }
    },
    /** Nothing goes to `chatId` before `notBefore` (a retry's back-off). */
    hold(chatId: number, notBefore: number): void {
      chatReadyAt.set(chatId, Math.max(chatReadyAt.get(chatId) ?? 0, notBefore));
    },
    /** Forgets chats whose limits have passed, once there are many (a fan-out to 100k chats). */
    sweep(t: number): void {
      if (chatReadyAt.size <= 50_000) return;
      for (const [id, at] of chatReadyAt) if (at <= t) chatReadyAt.delete(id);
      for (const [id, sends] of groupSends) if ((sends[sends.length - 1] ?? 0) + MINUTE <= t) groupSends.delete(id);
    },
  };
}
