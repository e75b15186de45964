/**
 * What a failed Telegram call means for the sender. Built from Telegraf's `TelegramError`
 * (`response.error_code`, `description`, `parameters`) or any network error.
 */
export type TelegramFailure =
  /** 429: wait `retryAfterMs`, then send the same message again. */
  | { kind: 'rate-limited'; retryAfterMs: number; reason: string }
  /**
   * 403: blocked by the user, kicked from the group or channel, user deactivated; or 400 for a bot
   * no longer allowed to post (demoted in a channel, muted in a group): stop sending to the chat.
   */
  | { kind: 'blocked'; reason: string }
  /** 400 "chat not found" and kin: the chat is gone. */
  | { kind: 'chat-not-found'; reason: string }
  /** 400 with `migrate_to_chat_id`: the group became a supergroup with a new id. */
  | { kind: 'migrated'; toChatId: number; reason: string }
  /** Telegram answered 5xx, or could not be reached at all: not delivered; the same request may succeed later. */
  | { kind: 'transient'; reason: string }
  /**
   * The request went out but no answer came back (the connection broke or timed out, or the answer
   * was not Telegram's): the message may have been delivered. Sending it again may repeat it.
   */
  | { kind: 'unknown'; reason: string }
  /** Any other 4xx: this request will never succeed as it is. */
  | { kind: 'rejected'; code: number; reason: string };

/** A Telegram API error response as Telegraf carries it. */
interface ApiErrorShape {
  response: { error_code: number; description?: string; parameters?: { retry_after?: number; migrate_to_chat_id?: number } };
}

function isApiError(error: unknown): error is ApiErrorShape {
  if (typeof error !== 'object' || error === null || !('response' in error)) return false;
  const response = (error as { response: unknown }).response;
  return typeof response === 'object' && response !== null && typeof (response as { error_code?: unknown }).error_code === 'number';
}

const NOT_FOUND = /chat not found|user not found|peer_id_invalid|chat_id_invalid|group chat was deleted/i;
/** What Telegram answers (400) when the bot is in the chat but may not post there. */
const NO_RIGHTS = /not enough rights|need administrator rights|chat_write_forbidden|chat_admin_required/i;
/** Seconds waited for a 429 without `retry_after` (Telegram always sends one, proxies may not). */
const DEFAULT_RETRY_AFTER_S = 5;

/** Classifies anything a Telegram call threw. Never throws. */
export function classifyTelegramError(error: unknown): TelegramFailure {
  if (isApiError(error)) {
    const { error_code: code, description = '', parameters } = error.response;
    const reason = `${code}: ${description}`.trim();
    if (code === 429) {
      const seconds = parameters?.retry_after;
      return { kind: 'rate-limited', retryAfterMs: (typeof seconds === 'number' && seconds >= 0 ? seconds : DEFAULT_RETRY_AFTER_S) * 1000, reason };
    }
    if (typeof parameters?.migrate_to_chat_id === 'number') return { kind: 'migrated', toChatId: parameters.migrate_to_chat_id, reason };
    if (code === 403 || (code === 400 && NO_RIGHTS.test(description))) return { kind: 'blocked', reason };
    if ((code === 400 || code === 404) && NOT_FOUND.test(description)) return { kind: 'chat-not-found', reason };
    if (code >= 500) return { kind: 'transient', reason };
    return { kind: 'rejected', code, reason };
  }
  // node-fetch's FetchError carries the system error's code: a connection that never opened means
  // the request never reached Telegram. Anything else (a reset or a timeout after the request went
  // out, an answer that is not JSON, an abort) leaves it unknown whether Telegram took it.
  const message = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && isNotConnected(code)) return { kind: 'transient', reason: message };
  return { kind: 'unknown', reason: message };
}

/**
 * Telegram refused a message to a forum topic because the topic was deleted or closed: it can go
 * to the chat's General topic instead.
 */
export function isTopicGone(failure: TelegramFailure): boolean {
  return failure.kind === 'rejected' && /message thread not found|topic_closed|topic_deleted|topic_id_invalid/i.test(failure.reason);
}

/** System error codes of a connection that was never made (so nothing was sent). */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL', 'ETIMEDOUT']);

function isNotConnected(code: string): boolean {
  // TLS handshake failures (a bad certificate on a self-hosted Bot API) also end before any request.
  return NOT_CONNECTED.has(code) || /^(ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/.test(code);
}
