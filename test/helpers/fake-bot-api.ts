/**
 * A fake Telegram Bot API server for tests: node:http on 127.0.0.1 (port 0) that real Telegraf
 * talks to (`new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot } })`, or
 * `new Telegram(fake.token, { apiRoot: fake.apiRoot })`).
 *
 * It answers like Telegram (`{ ok, result }` / `{ ok: false, error_code, description, parameters? }`)
 * and rejects what Telegram rejects, checked against the Bot API reference in
 * `test/fixtures/telegram-bot-api/api.json`:
 * - an unknown method: 404 "Not Found"; a wrong token: 401 "Unauthorized";
 * - a missing required parameter: 400; a parameter the method does not take: 400 (stricter than
 *   Telegram, which ignores it silently and so hides typos);
 * - sendMessage/editMessageText: text 1..4096 characters (UTF-16 units) after entity parsing; HTML
 *   parse mode parsed like Telegram ("Bad Request: can't parse entities: ..."); a text whose link
 *   addresses make it too long ("entities too long": text plus addresses over ~9,500 characters, the
 *   approximation tdlib's maintainer gives in tdlib/telegram-bot-api#165); only the first 100
 *   formatting entities applied, as Telegram does (the rest of the text stays plain); inline keyboards
 *   with callback_data 1..64 bytes; an edit that changes nothing ("message is not modified");
 * - chats the bot cannot reach: blocked / kicked (403), migrated groups (400 + migrate_to_chat_id),
 *   and, with `strictChats`, chats it has never seen (400 "chat not found");
 * - channels: the bot posts only as an administrator with `can_post_messages` (removed: 403 "bot is
 *   not a member of the channel chat"; demoted: 400 "need administrator rights in the channel
 *   chat"); `@username` as chat_id finds a public chat; getChatMember answers per user, with the
 *   rights an administrator has;
 * - forum supergroups (`is_forum`): topics made with `createTopic`, messages in them carry
 *   `message_thread_id`; a send to a topic that does not exist or was deleted answers 400 "message
 *   thread not found", to a closed one 400 "TOPIC_CLOSED"; without a thread it goes to General.
 *
 * Long polling: `getUpdates` honours `offset` (confirms earlier updates), `limit` and `timeout`
 * (held until an update is pushed, the timeout passes, or {@link FakeBotApi.close}). A second
 * concurrent `getUpdates` ends the first with 409 Conflict, as Telegram does.
 *
 * Tests push updates (`say`, `press`, `pushUpdate`, ...) and read what a person would see
 * (`sentTo(chatId)`: visible text, raw HTML, links, buttons). Every call is recorded.
 * Errors can be injected (`failNext`), and a Telegram-limits mode answers 429 past Telegram's
 * sending limits (`limits`). Telegram can go away and come back (`outage`, `restore`), and a
 * hostile server that echoes the request path into its answers can be played (`echo-path`).
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type ParsedEntity, parseTelegramHtml } from './telegram-html.js';

// ---------------------------------------------------------------------------------------------
// The Bot API reference

interface ApiField {
  name: string;
  types: string[];
  required: boolean;
}
interface ApiMethod {
  name: string;
  returns: string[];
  fields?: ApiField[];
}

const API_JSON = path.resolve(import.meta.dirname, '../fixtures/telegram-bot-api/api.json');
let apiCache: Map<string, ApiMethod> | undefined;

/** The Bot API methods by lower-cased name (Telegram's method names are case-insensitive). */
function apiMethods(): Map<string, ApiMethod> {
  if (!apiCache) {
    const spec = JSON.parse(readFileSync(API_JSON, 'utf8')) as { methods: Record<string, ApiMethod> };
    apiCache = new Map(Object.values(spec.methods).map((m) => [m.name.toLowerCase(), m]));
  }
  return apiCache;
}

/** Telegram applies at most this many formatting entities to one message and leaves the rest of the text plain. */
export const MAX_ENTITIES = 100;
/**
 * Text plus link addresses above this is refused with "entities too long" (an approximation of
 * Telegram's limit on the total size of a message's entities, from tdlib/telegram-bot-api#165).
 */
export const MAX_TEXT_AND_LINKS = 9500;

const PRIMITIVES = new Set(['String', 'Integer', 'Float', 'Boolean']);

// ---------------------------------------------------------------------------------------------
// Public types

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  first_name?: string;
  username?: string;
  /** A supergroup whose messages live in topics. */
  is_forum?: boolean;
}

/** An administrator's rights, as ChatMemberAdministrator carries them (unset ones default to true). */
export interface AdminRights {
  can_post_messages?: boolean;
  can_edit_messages?: boolean;
  can_delete_messages?: boolean;
  can_manage_topics?: boolean;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Params = Record<string, unknown>;

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
  [key: string]: unknown;
}

/** One call the server answered (or dropped). */
export interface RecordedCall {
  method: string;
  params: Params;
  /** Milliseconds (the server's clock) when the call arrived. */
  at: number;
  ok: boolean;
  result?: unknown;
  error?: { error_code: number; description: string; parameters?: Record<string, number> };
  /** The connection was dropped instead of answering (injected). */
  dropped?: boolean;
}

/** A message the bot sent, as the person sees it now (after any edits). */
export interface SentMessage {
  chatId: number;
  messageId: number;
  /** The visible text: HTML tags gone, entities decoded. */
  text: string;
  /** The text exactly as the bot sent it (HTML source in HTML parse mode). */
  raw: string;
  parseMode: string | undefined;
  /** The formatting Telegram applied (at most {@link MAX_ENTITIES}). */
  entities: ParsedEntity[];
  /** Formatting entities beyond the first {@link MAX_ENTITIES} that Telegram silently left out. */
  entitiesDropped: number;
  /** Links in the text: the linked words and where they go. */
  links: { text: string; url: string }[];
  /** The forum topic it was sent to (message_thread_id); undefined: the chat itself (a forum's General topic). */
  threadId: number | undefined;
  /** Bold runs of the visible text. */
  bold: string[];
  /** Inline keyboard rows, if any. */
  buttons: InlineButton[][];
  linkPreviewDisabled: boolean;
  /** Earlier versions of the text (before edits), oldest first. */
  edits: string[];
  deleted: boolean;
  /** The Message object Telegram returned (and will put in callback queries). */
  message: Record<string, unknown>;
}

/** What an injected failure answers. */
export type InjectedFailure =
  | { kind: 'rate-limited'; retryAfter?: number }
  | { kind: 'blocked' }
  | { kind: 'kicked' }
  | { kind: 'deactivated' }
  | { kind: 'chat-not-found' }
  | { kind: 'migrated'; toChatId: number }
  | { kind: 'server-error'; status?: number }
  /**
   * The connection is destroyed without an answer; with `afterProcessing` the call took effect first
   * (Telegram accepted the message, the answer was lost on the way back).
   */
  | { kind: 'drop'; afterProcessing?: boolean }
  /** A hostile proxy or self-hosted server: `404 Not Found /bot<token>/<method>`, the path echoed. */
  | { kind: 'echo-path'; status?: number }
  | { kind: 'custom'; errorCode: number; description: string; parameters?: Record<string, number> };

export interface FailureRule {
  failure: InjectedFailure;
  /** How many matching calls fail (default 1). */
  times?: number;
  /** Only calls of this method (default: every method except getUpdates). */
  method?: string;
  /** Only calls whose chat_id is this. */
  chatId?: number;
}

/** Telegram's sending limits (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this). */
export interface LimitsOptions {
  /** Messages per second to different chats (default 30). */
  perSecond?: number;
  /** Messages per second with `allow_paid_broadcast: true` (default 1000). */
  paidPerSecond?: number;
  /** Messages per second to one chat (default 1)... */
  perChatPerSecond?: number;
  /** ...with a burst of this many tolerated (default 3). */
  perChatBurst?: number;
  /** Messages per minute to one group, supergroup or channel (default 20). */
  groupPerMinute?: number;
}

export interface FakeBotApiOptions {
  /** Default '123456789:TEST-fake-token-<random>'; the bot's id is the part before the colon. */
  token?: string;
  /** The bot's username (default 'newsbot_test_bot'). */
  username?: string;
  /** The bot's first name (default 'Newsbot'). */
  firstName?: string;
  /** Answer 400 "chat not found" for chats that never appeared in an update nor via `knowChat`. */
  strictChats?: boolean;
  /** Answer 429 past Telegram's sending limits; `true` for the defaults. */
  limits?: boolean | LimitsOptions;
  /** Milliseconds since the epoch; used for message dates, call times and limits (default Date.now). */
  now?: () => number;
}

export interface Exchange {
  update: Update;
  /** Messages the bot sent to this chat while handling the update (current state, after edits). */
  replies: SentMessage[];
  /** Every call the bot made while handling the update. */
  calls: RecordedCall[];
}

export type Update = { update_id: number } & Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// The server

interface HeldPoll {
  respond: (updates: Update[]) => void;
  conflict: () => void;
  limit: number;
  timer: NodeJS.Timeout;
}

interface ChatState {
  chat: TgChat;
  nextMessageId: number;
  /** Why sends fail persistently (blocked, kicked, migrated). */
  unreachable?: InjectedFailure;
  members: Map<number, string>;
  /** Rights of the administrators among `members` (the bot's own under its id). */
  rights: Map<number, AdminRights>;
  /** Forum topics by message_thread_id (the id of the service message that created the topic). */
  topics: Map<number, { name: string; closed: boolean; deleted: boolean; created: Record<string, unknown> }>;
}

const SENDING = /^(send(?!chataction)|copymessage|forwardmessage)/i;

class ApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: Record<string, number>,
  ) {
    super(description);
  }
}

const badRequest = (what: string) => new ApiError(400, `Bad Request: ${what}`);

function failureToError(failure: InjectedFailure): ApiError | undefined {
  switch (failure.kind) {
    case 'rate-limited': {
      const after = failure.retryAfter ?? 1;
      return new ApiError(429, `Too Many Requests: retry after ${after}`, { retry_after: after });
    }
    case 'blocked':
      return new ApiError(403, 'Forbidden: bot was blocked by the user');
    case 'kicked':
      return new ApiError(403, 'Forbidden: bot was kicked from the group chat');
    case 'deactivated':
      return new ApiError(403, 'Forbidden: user is deactivated');
    case 'chat-not-found':
      return badRequest('chat not found');
    case 'migrated':
      return new ApiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: failure.toChatId });
    case 'server-error': {
      const status = failure.status ?? 502;
      return new ApiError(status, status === 500 ? 'Internal Server Error' : status === 503 ? 'Service Unavailable' : 'Bad Gateway');
    }
    case 'custom':
      return new ApiError(failure.errorCode, failure.description, failure.parameters);
    case 'drop':
    case 'echo-path':
      return undefined;
  }
}

export interface FakeBotApi {
  /** Pass to Telegraf as `apiRoot`. */
  readonly apiRoot: string;
  readonly token: string;
  readonly botUser: TgUser;
  /** Every call received, in order (accepted and rejected). */
  readonly calls: readonly RecordedCall[];
  /** True while a getUpdates request is held open (the bot is polling and idle). */
  readonly polling: boolean;
  /** The webhook set with setWebhook (getUpdates answers 409 meanwhile, as Telegram does), until deleteWebhook. */
  readonly webhook: { url: string; secret_token: string | undefined; allowed_updates: string[] | undefined } | undefined;
  /** Counters: accepted calls, rejected calls, 429s given (by limits mode or injected). */
  readonly stats: { accepted: number; rejected: number; rateLimited: number; limitsRateLimited: number };

  // People and chats
  /** A person (not a bot). `id` defaults to a fresh positive number. */
  user(fields?: Partial<Omit<TgUser, 'is_bot'>>): TgUser;
  /** The private chat with a person (its id is the person's id). */
  privateChat(user: TgUser): TgChat;
  /** A group or supergroup (negative ids; supergroups -100...). */
  group(fields?: { id?: number; title?: string; type?: 'group' | 'supergroup' }): TgChat;
  /** Makes a chat known (for `strictChats`) without any update. */
  knowChat(chat: TgChat): void;
  /**
   * A member's status in a chat: 'creator' | 'administrator' | 'member' | 'restricted' | 'left' |
   * 'kicked'; an administrator's `rights` (default: all of them).
   */
  setMember(chatId: number, userId: number, status: string, rights?: AdminRights): void;
  /** A channel (id -100...); `username` makes it public (`@username`). The bot is not in it until `pushMyChatMember`. */
  channel(fields?: { id?: number; title?: string; username?: string }): TgChat;
  /** A forum supergroup (`is_forum`): its messages live in topics (see `createTopic`). */
  forum(fields?: { id?: number; title?: string }): TgChat;
  /** A person creates a topic in a forum: returns its message_thread_id (the service message's id). */
  createTopic(forum: TgChat, name: string, by: TgUser): number;
  /** A topic is closed (sends answer "TOPIC_CLOSED") or reopened. */
  closeTopic(forum: TgChat, threadId: number, closed?: boolean): void;
  /** A topic is deleted with its messages (sends answer "message thread not found"). */
  deleteTopic(forum: TgChat, threadId: number): void;

  // Updates
  /** Queues an update (update_id is assigned when missing) and wakes a held getUpdates. */
  pushUpdate(update: Record<string, unknown>): Update;
  /** Queues a text message from `from` in `chat` (bot_command entities as Telegram sets them). */
  pushText(from: TgUser, chat: TgChat, text: string, extra?: Record<string, unknown>): Update;
  /** Resolves when the bot has confirmed the update (asked getUpdates for a later offset), i.e. handled it. */
  processed(update: Update | number, timeoutMs?: number): Promise<void>;
  /**
   * A person writes `text` in `chat`; resolves once the bot has handled it, with what it sent back.
   * `topic`: written in that forum topic (message_thread_id, is_topic_message, and the topic's
   * creation as reply_to_message, as Telegram sends it).
   */
  say(from: TgUser, chat: TgChat, text: string, options?: { timeoutMs?: number; extra?: Record<string, unknown>; topic?: number }): Promise<Exchange>;
  /** A post in a channel (a channel_post update, sender_chat the channel); resolves once handled. */
  post(channel: TgChat, text: string, options?: { timeoutMs?: number }): Promise<Exchange>;
  /** A person presses an inline button of a message the bot sent; resolves once handled. */
  press(from: TgUser, message: SentMessage, callbackData: string, options?: { timeoutMs?: number }): Promise<Exchange & { answer: Params | undefined }>;
  /**
   * The bot's membership changed (kicked, left, member, administrator): a my_chat_member update.
   * `rights`: an administrator's (default all); in a channel, without `can_post_messages` the bot
   * can no longer post there.
   */
  pushMyChatMember(
    chat: TgChat,
    by: TgUser,
    status: 'member' | 'administrator' | 'left' | 'kicked',
    options?: { oldStatus?: string; rights?: AdminRights },
  ): Update;
  /** The person blocks the bot (private chat): a my_chat_member update, and sends answer 403 from now on. */
  blockBot(user: TgUser): Update;
  /** The group becomes a supergroup: sends to the old id answer 400 + migrate_to_chat_id; both service messages are pushed. */
  upgradeToSupergroup(group: TgChat, by: TgUser, newId?: number): { supergroup: TgChat; updates: Update[] };
  /** Sends to this chat fail with `failure` from now on (until `reachable`). */
  unreachable(chatId: number, failure: InjectedFailure): void;
  reachable(chatId: number): void;

  // Reading what people see
  /** Messages the bot sent to a chat, in order, as they look now. */
  sentTo(chatId: number): SentMessage[];
  /** Every message the bot sent, all chats. */
  allSent(): SentMessage[];
  /** Accepted calls of one method (params as received). */
  callsOf(method: string): RecordedCall[];
  /** Answers given to callback queries. */
  callbackAnswers(): Params[];
  /** The command menu set with setMyCommands for a language ('' = default) and scope type (default 'default'; a chat's: 'chat:<id>'). */
  commands(languageCode?: string, scopeType?: string): { command: string; description: string }[] | undefined;
  /** Waits until `predicate` holds for the recorded calls (checked on every call), or rejects after timeoutMs (default 20 s: a deadline that only says something is wrong, long enough for a loaded machine). */
  waitFor(predicate: (calls: readonly RecordedCall[]) => boolean, timeoutMs?: number): Promise<void>;

  // Failures
  /** The next matching calls fail as told. */
  failNext(rule: FailureRule): void;
  /** Forget pending failure rules. */
  clearFailures(): void;
  /**
   * Telegram goes away until `restore()`. 'refuse': the port stops listening (connection refused),
   * and a request on a connection already open is dropped unread, never processed. A status
   * (500, 502, 503, 504): every call (getUpdates included) is answered with it. Calls in progress
   * when the outage begins finish normally.
   */
  outage(kind: 'refuse' | 500 | 502 | 503 | 504): void;
  /** Telegram is back, on the same address. */
  restore(): Promise<void>;

  /** Ends held long polls at once (empty result), closes every connection and the server. */
  close(): Promise<void>;
}

/** Starts a fake Bot API server on 127.0.0.1 with a free port. */
export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  // A token of its own, so a client that reaches another test's server by a reused port is refused.
  const token = options.token ?? `123456789:TEST-fake-token-${Math.random().toString(36).slice(2, 10)}`;
  const botId = Number(token.split(':')[0]);
  if (!Number.isSafeInteger(botId) || botId <= 0) throw new Error(`fake Bot API: token must start with the bot's numeric id: ${token}`);
  const now = options.now ?? Date.now;
  const botUser: TgUser & Record<string, unknown> = {
    id: botId,
    is_bot: true,
    first_name: options.firstName ?? 'Newsbot',
    username: options.username ?? 'newsbot_test_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  };
  const limits: Required<LimitsOptions> | undefined = options.limits
    ? {
        perSecond: 30,
        paidPerSecond: 1000,
        perChatPerSecond: 1,
        perChatBurst: 3,
        groupPerMinute: 20,
        ...(options.limits === true ? {} : options.limits),
      }
    : undefined;

  const calls: RecordedCall[] = [];
  const stats = { accepted: 0, rejected: 0, rateLimited: 0, limitsRateLimited: 0 };
  const chats = new Map<number, ChatState>();
  const sent: SentMessage[] = [];
  const sentByKey = new Map<string, SentMessage>();
  const pendingQueries = new Map<string, { answered: boolean }>();
  const answers: Params[] = [];
  const menus = new Map<string, { command: string; description: string }[]>();
  let failures: (FailureRule & { left: number })[] = [];
  let updates: Update[] = [];
  let nextUpdateId = 1;
  /** Updates below this id are confirmed (the bot asked for a later offset). */
  let confirmedBelow = 0;
  let held: HeldPoll | undefined;
  let webhook: { url: string; secret_token: string | undefined; allowed_updates: string[] | undefined } | undefined;
  let closed = false;
  let down: 'refuse' | number | undefined;
  let nextUserId = 1000;
  let nextGroupId = 1;
  let nextQueryId = 1;
  const watchers = new Set<() => void>();
  const confirmWatchers = new Set<() => void>();

  // Limits-mode state: send times (ms) in the last window.
  const globalSends: number[] = [];
  const paidSends: number[] = [];
  const groupSends = new Map<number, number[]>();
  const chatBuckets = new Map<number, { tokens: number; at: number }>();

  const notify = () => {
    for (const w of [...watchers]) w();
  };

  function stateOf(chat: TgChat): ChatState {
    let state = chats.get(chat.id);
    if (!state) {
      state = { chat, nextMessageId: 1, members: new Map(), rights: new Map(), topics: new Map() };
      chats.set(chat.id, state);
    } else {
      state.chat = { ...state.chat, ...chat };
    }
    return state;
  }

  // --- updates and long polling -------------------------------------------------------------

  function pending(limit: number): Update[] {
    return updates.filter((u) => u.update_id >= confirmedBelow).slice(0, limit);
  }

  function confirm(offset: number): void {
    if (offset > confirmedBelow) {
      confirmedBelow = offset;
      updates = updates.filter((u) => u.update_id >= offset);
      for (const w of [...confirmWatchers]) w();
    }
  }

  function wakePoll(): void {
    if (!held) return;
    const batch = pending(held.limit);
    if (batch.length > 0) held.respond(batch);
  }

  function pushUpdate(update: Record<string, unknown>): Update {
    const id = typeof update.update_id === 'number' ? update.update_id : nextUpdateId;
    nextUpdateId = Math.max(nextUpdateId, id + 1);
    const full = { ...update, update_id: id } as Update;
    updates.push(full);
    wakePoll();
    return full;
  }

  function commandEntities(text: string): Record<string, unknown>[] {
    const entities: Record<string, unknown>[] = [];
    const re = /(^|[\s])(\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?)(?![A-Za-z0-9_@/])/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const offset = m.index + (m[1]?.length ?? 0);
      entities.push({ type: 'bot_command', offset, length: m[2]?.length ?? 0 });
    }
    return entities;
  }

  function userMessage(from: TgUser, chat: TgChat, fields: Record<string, unknown>): Record<string, unknown> {
    const state = stateOf(chat);
    if (chat.type !== 'private' && !state.members.has(from.id)) state.members.set(from.id, 'member');
    return { message_id: state.nextMessageId++, from, chat: state.chat, date: Math.floor(now() / 1000), ...fields };
  }

  function pushText(from: TgUser, chat: TgChat, text: string, extra: Record<string, unknown> = {}): Update {
    const entities = commandEntities(text);
    const message = userMessage(from, chat, { text, ...(entities.length > 0 ? { entities } : {}), ...extra });
    return pushUpdate({ message });
  }

  function processed(update: Update | number, timeoutMs = 60_000): Promise<void> {
    const id = typeof update === 'number' ? update : update.update_id;
    if (confirmedBelow > id) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (confirmedBelow > id) {
          clearTimeout(timer);
          confirmWatchers.delete(check);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        confirmWatchers.delete(check);
        reject(new Error(`fake Bot API: update ${id} was not handled within ${timeoutMs} ms (is the bot polling? last calls: ${calls.slice(-5).map((c) => `${c.method}${c.ok ? '' : ` → ${c.error?.description ?? 'dropped'}`}`).join(', ')})`));
      }, timeoutMs);
      confirmWatchers.add(check);
    });
  }

  async function exchange(update: Update, chatId: number, timeoutMs: number | undefined): Promise<Exchange> {
    const firstCall = calls.length;
    await processed(update, timeoutMs);
    const during = calls.slice(firstCall);
    const ids = new Set(
      during
        .filter((c) => c.ok && typeof c.params.chat_id !== 'undefined' && Number(c.params.chat_id) === chatId)
        .map((c) => (c.result as { message_id?: number } | undefined)?.message_id ?? Number(c.params.message_id)),
    );
    const replies = sent.filter((m) => m.chatId === chatId && ids.has(m.messageId));
    return { update, replies, calls: during };
  }

  // --- recorded messages ----------------------------------------------------------------------

  function describeText(raw: string, parseMode: string | undefined, entitiesParam: unknown): { text: string; entities: ParsedEntity[] } {
    if (parseMode === undefined || parseMode === '') {
      return { text: raw, entities: Array.isArray(entitiesParam) ? (entitiesParam as ParsedEntity[]) : [] };
    }
    if (parseMode.toLowerCase() !== 'html') {
      throw badRequest(`(fake Bot API) parse_mode "${parseMode}" is not modelled; only HTML is`);
    }
    const parsed = parseTelegramHtml(raw);
    if (!parsed.ok) throw badRequest(`can't parse entities: ${parsed.error}`);
    return parsed;
  }

  function checkText(parsed: { text: string; entities: ParsedEntity[] }): void {
    const { text } = parsed;
    if (text.trim() === '') throw badRequest('message text is empty');
    if (text.length > 4096) throw badRequest('message is too long');
    const linkChars = parsed.entities.reduce((n, e) => n + (e.url?.length ?? 0), 0);
    if (text.length + linkChars > MAX_TEXT_AND_LINKS) throw badRequest('entities too long');
  }

  function checkMarkup(markup: unknown): InlineButton[][] {
    if (markup === undefined) return [];
    if (typeof markup !== 'object' || markup === null) throw badRequest("can't parse reply keyboard markup JSON object");
    const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
    if (rows === undefined) return [];
    if (!Array.isArray(rows)) throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
    for (const row of rows) {
      if (!Array.isArray(row)) throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
      for (const button of row as unknown[]) {
        if (typeof button !== 'object' || button === null) throw badRequest("can't parse inline keyboard button: InlineKeyboardButton should be an Object");
        const b = button as InlineButton;
        if (typeof b.text !== 'string') throw badRequest("can't parse inline keyboard button: Field \"text\" must be of type String");
        if (b.text === '') throw badRequest('BUTTON_TEXT_INVALID');
        const actions = Object.keys(b).filter((k) => !['text', 'style', 'icon_custom_emoji_id'].includes(k));
        if (actions.length === 0) throw badRequest('text buttons are unallowed in the inline keyboard');
        if (b.callback_data !== undefined) {
          const bytes = Buffer.byteLength(String(b.callback_data), 'utf8');
          if (bytes < 1 || bytes > 64) throw badRequest('BUTTON_DATA_INVALID');
        }
        if (b.url !== undefined && !/^(https?|tg):\/\/\S+$/i.test(String(b.url))) throw badRequest('BUTTON_URL_INVALID');
      }
    }
    return rows as InlineButton[][];
  }

  function view(
    chatId: number,
    messageId: number,
    raw: string,
    parseMode: string | undefined,
    parsed: { text: string; entities: ParsedEntity[] },
    buttons: InlineButton[][],
    previewOff: boolean,
    message: Record<string, unknown>,
    threadId: number | undefined,
  ): SentMessage {
    const slice = (e: ParsedEntity) => parsed.text.slice(e.offset, e.offset + e.length);
    const entities = parsed.entities.slice(0, MAX_ENTITIES);
    return {
      chatId,
      messageId,
      text: parsed.text,
      raw,
      parseMode,
      entities,
      entitiesDropped: parsed.entities.length - entities.length,
      links: entities.filter((e) => e.type === 'text_link' && e.url).map((e) => ({ text: slice(e), url: e.url ?? '' })),
      threadId,
      bold: entities.filter((e) => e.type === 'bold').map(slice),
      buttons,
      linkPreviewDisabled: previewOff,
      edits: [],
      deleted: false,
      message,
    };
  }

  function previewDisabled(params: Params): boolean {
    const lpo = params.link_preview_options as { is_disabled?: boolean } | undefined;
    return lpo?.is_disabled === true || params.disable_web_page_preview === true;
  }

  // --- methods --------------------------------------------------------------------------------

  function targetChat(params: Params, method: string): ChatState {
    const raw = params.chat_id;
    const id = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : undefined;
    if (id === undefined) {
      if (typeof raw === 'string' && raw.startsWith('@')) {
        const name = raw.slice(1).toLowerCase();
        const found = [...chats.values()].find((c) => c.chat.type !== 'private' && c.chat.username?.toLowerCase() === name);
        if (!found) throw badRequest('chat not found');
        return reachableState(found, method);
      }
      throw badRequest('chat_id is empty');
    }
    let state = chats.get(id);
    if (!state) {
      if (options.strictChats) throw badRequest('chat not found');
      state = stateOf({ id, type: id > 0 ? 'private' : id < -1_000_000_000_000 ? 'supergroup' : 'group' });
    }
    return reachableState(state, method);
  }

  function reachableState(state: ChatState, method: string): ChatState {
    if (state.unreachable && (SENDING.test(method) || /^(editMessage|sendChatAction|getChatMember|getChatAdministrators|getChat$)/i.test(method))) {
      const error = failureToError(state.unreachable);
      if (error) throw error;
    }
    // A channel takes posts only from an administrator allowed to post (getChatMember still answers).
    if (state.chat.type === 'channel' && SENDING.test(method)) {
      const status = state.members.get(botId);
      if (status !== 'administrator' && status !== 'creator') throw new ApiError(403, 'Forbidden: bot is not a member of the channel chat');
      if (state.rights.get(botId)?.can_post_messages === false) throw badRequest('need administrator rights in the channel chat');
    }
    return state;
  }

  /** The forum topic a send goes to: undefined for the chat itself; refused as Telegram does. */
  function threadOf(state: ChatState, params: Params): number | undefined {
    if (params.message_thread_id === undefined) return undefined;
    const thread = Number(params.message_thread_id);
    const topic = state.topics.get(thread);
    if (!state.chat.is_forum || !topic || topic.deleted) throw badRequest('message thread not found');
    if (topic.closed) throw badRequest('TOPIC_CLOSED');
    return thread;
  }

  function chatMember(state: ChatState, userId: number): Record<string, unknown> {
    const status = state.chat.type === 'private' ? (userId === state.chat.id || userId === botId ? 'member' : 'left') : (state.members.get(userId) ?? 'left');
    const user = userId === botId ? botUser : { id: userId, is_bot: false, first_name: `User ${userId}` };
    const member: Record<string, unknown> = { status, user };
    if (status === 'administrator' && state.chat.type === 'channel') {
      const rights = state.rights.get(userId) ?? {};
      Object.assign(member, { can_post_messages: rights.can_post_messages ?? true, can_edit_messages: rights.can_edit_messages ?? true });
    }
    if (status === 'administrator') Object.assign(member, { can_be_edited: false, can_manage_chat: true, can_change_info: true, can_delete_messages: true, can_invite_users: true, can_restrict_members: true, can_pin_messages: true, can_promote_members: false, is_anonymous: false });
    if (status === 'creator') member.is_anonymous = false;
    return member;
  }

  function checkLimits(method: string, params: Params, chatId: number): void {
    if (!limits || !SENDING.test(method)) return;
    const t = now();
    const within = (list: number[], windowMs: number) => {
      while (list.length > 0 && (list[0] ?? 0) <= t - windowMs) list.shift();
      return list;
    };
    const retry = (list: number[], windowMs: number) => Math.max(1, Math.ceil(((list[0] ?? t) + windowMs - t) / 1000));
    const paid = params.allow_paid_broadcast === true;
    const tooMany = (after: number) => {
      stats.limitsRateLimited++;
      return new ApiError(429, `Too Many Requests: retry after ${after}`, { retry_after: after });
    };
    const free = within(globalSends, 1000);
    const paidList = within(paidSends, 1000);
    if (paid) {
      if (free.length + paidList.length >= limits.paidPerSecond) throw tooMany(retry(paidList.length > 0 ? paidList : free, 1000));
    } else if (free.length >= limits.perSecond) throw tooMany(retry(free, 1000));
    const bucket = chatBuckets.get(chatId) ?? { tokens: limits.perChatBurst, at: t };
    bucket.tokens = Math.min(limits.perChatBurst, bucket.tokens + ((t - bucket.at) / 1000) * limits.perChatPerSecond);
    bucket.at = t;
    if (bucket.tokens < 1) {
      chatBuckets.set(chatId, bucket);
      throw tooMany(Math.max(1, Math.ceil((1 - bucket.tokens) / limits.perChatPerSecond)));
    }
    if (chatId < 0) {
      const list = within(groupSends.get(chatId) ?? [], 60_000);
      groupSends.set(chatId, list);
      if (list.length >= limits.groupPerMinute) throw tooMany(retry(list, 60_000));
      list.push(t);
    }
    bucket.tokens -= 1;
    chatBuckets.set(chatId, bucket);
    (paid ? paidSends : globalSends).push(t);
  }

  function sendMessage(params: Params): unknown {
    const state = targetChat(params, 'sendMessage');
    const thread = threadOf(state, params);
    const raw = String(params.text ?? '');
    if (raw === '') throw badRequest('message text is empty');
    const parseMode = params.parse_mode as string | undefined;
    const parsed = describeText(raw, parseMode, params.entities);
    checkText(parsed);
    const buttons = checkMarkup(params.reply_markup);
    checkLimits('sendMessage', params, state.chat.id);
    const messageId = state.nextMessageId++;
    const message: Record<string, unknown> = {
      message_id: messageId,
      from: botUser,
      chat: state.chat,
      date: Math.floor(now() / 1000),
      text: parsed.text,
      ...(parsed.entities.length > 0 ? { entities: parsed.entities } : {}),
      ...(buttons.length > 0 ? { reply_markup: { inline_keyboard: buttons } } : {}),
      // In a topic a message answers the topic's creation, as Telegram sends it (the topic's name with it).
      ...(thread !== undefined ? { message_thread_id: thread, is_topic_message: true, reply_to_message: state.topics.get(thread)?.created } : {}),
      ...(state.chat.type === 'channel' ? { sender_chat: state.chat } : {}),
    };
    if (state.chat.type === 'channel') delete message.from;
    const record = view(state.chat.id, messageId, raw, parseMode, parsed, buttons, previewDisabled(params), message, thread);
    sent.push(record);
    sentByKey.set(`${state.chat.id}:${messageId}`, record);
    return message;
  }

  function editMessage(params: Params, textToo: boolean): unknown {
    if (params.inline_message_id !== undefined) throw badRequest('(fake Bot API) inline messages are not modelled');
    const state = targetChat(params, textToo ? 'editMessageText' : 'editMessageReplyMarkup');
    if (params.message_id === undefined) throw badRequest('message identifier is not specified');
    const record = sentByKey.get(`${state.chat.id}:${Number(params.message_id)}`);
    if (!record || record.deleted) throw badRequest('message to edit not found');
    const raw = textToo ? String(params.text ?? '') : record.raw;
    if (textToo && raw === '') throw badRequest('message text is empty');
    const parseMode = textToo ? (params.parse_mode as string | undefined) : record.parseMode;
    const parsed = textToo ? describeText(raw, parseMode, params.entities) : { text: record.text, entities: record.entities };
    checkText(parsed);
    const buttons = checkMarkup(params.reply_markup);
    const sameText = parsed.text === record.text && JSON.stringify(parsed.entities) === JSON.stringify(record.entities);
    if (sameText && JSON.stringify(buttons) === JSON.stringify(record.buttons)) {
      throw badRequest(
        'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    const next = view(state.chat.id, record.messageId, raw, parseMode, parsed, buttons, textToo ? previewDisabled(params) : record.linkPreviewDisabled, {
      ...record.message,
      text: parsed.text,
      entities: parsed.entities.length > 0 ? parsed.entities : undefined,
      reply_markup: buttons.length > 0 ? { inline_keyboard: buttons } : undefined,
      edit_date: Math.floor(now() / 1000),
    }, record.threadId);
    next.edits = [...record.edits, record.text];
    Object.assign(record, next);
    return JSON.parse(JSON.stringify(record.message)) as unknown;
  }

  /** A menu's scope as `commands()` names it: its type, and for a chat scope 'chat:<chat_id>'. */
  function scopeKey(params: Params): string {
    const scope = params.scope as { type?: string; chat_id?: unknown } | undefined;
    const type = scope?.type ?? 'default';
    return type === 'chat' || type === 'chat_administrators' || type === 'chat_member' ? `${type}:${String(scope?.chat_id)}` : type;
  }

  function handle(method: string, params: Params): unknown {
    switch (method) {
      case 'getMe':
        return botUser;
      case 'logOut':
      case 'close':
        return true;
      case 'deleteWebhook':
        webhook = undefined;
        if (params.drop_pending_updates === true) {
          updates = [];
          confirmedBelow = nextUpdateId;
        }
        return true;
      case 'getWebhookInfo':
        return {
          url: webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: pending(100).length,
          ...(webhook?.allowed_updates ? { allowed_updates: webhook.allowed_updates } : {}),
        };
      case 'setWebhook': {
        // As Telegram: an https address, and a secret of 1-256 of A-Z a-z 0-9 _ -. Updates are not
        // posted by this server: tests post them to the bot's webhook themselves, as a client would.
        const url = String(params.url ?? '');
        if (url !== '' && !url.startsWith('https://')) throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
        const secret = params.secret_token;
        if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(String(secret))) throw badRequest('secret token contains unallowed characters');
        webhook = url === '' ? undefined : { url, secret_token: secret === undefined ? undefined : String(secret), allowed_updates: params.allowed_updates as string[] | undefined };
        return true;
      }
      case 'sendMessage':
        return sendMessage(params);
      case 'editMessageText':
        return editMessage(params, true);
      case 'editMessageReplyMarkup':
        return editMessage(params, false);
      case 'deleteMessage': {
        const state = targetChat(params, method);
        const record = sentByKey.get(`${state.chat.id}:${Number(params.message_id)}`);
        if (!record || record.deleted) throw badRequest('message to delete not found');
        record.deleted = true;
        return true;
      }
      case 'answerCallbackQuery': {
        const query = pendingQueries.get(String(params.callback_query_id));
        if (!query || query.answered) throw badRequest('query is too old and response timeout expired or query ID is invalid');
        if (typeof params.text === 'string' && params.text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
        query.answered = true;
        answers.push(params);
        return true;
      }
      case 'sendChatAction':
        targetChat(params, method);
        return true;
      case 'getChat': {
        const state = targetChat(params, method);
        return { ...state.chat, accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: { unlimited_gifts: false, limited_gifts: false, unique_gifts: false, premium_subscription: false } };
      }
      case 'getChatMember': {
        const state = targetChat(params, method);
        return chatMember(state, Number(params.user_id));
      }
      case 'getChatAdministrators': {
        const state = targetChat(params, method);
        if (state.chat.type === 'private') throw badRequest('there are no administrators in the private chat');
        return [...state.members].filter(([, s]) => s === 'creator' || s === 'administrator').map(([id]) => chatMember(state, id));
      }
      case 'getChatMemberCount': {
        const state = targetChat(params, method);
        return [...state.members.values()].filter((s) => s !== 'left' && s !== 'kicked').length + 1;
      }
      case 'leaveChat': {
        const state = targetChat(params, method);
        state.unreachable = { kind: 'custom', errorCode: 403, description: 'Forbidden: bot is not a member of the group chat' };
        return true;
      }
      case 'setMyCommands': {
        const commands = params.commands;
        if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON object");
        if (commands.length > 100) throw badRequest('BOT_COMMANDS_TOO_MUCH');
        for (const c of commands as { command?: unknown; description?: unknown }[]) {
          if (typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) throw badRequest('BOT_COMMAND_INVALID');
          if (typeof c.description !== 'string' || c.description.trim() === '' || c.description.length > 256) {
            throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
          }
        }
        const lang = String(params.language_code ?? '');
        if (lang !== '' && !/^[a-z]{2}$/.test(lang)) throw badRequest('LANG_CODE_INVALID');
        menus.set(`${scopeKey(params)}|${lang}`, commands as { command: string; description: string }[]);
        return true;
      }
      case 'getMyCommands': {
        return menus.get(`${scopeKey(params)}|${String(params.language_code ?? '')}`) ?? [];
      }
      case 'deleteMyCommands': {
        menus.delete(`${scopeKey(params)}|${String(params.language_code ?? '')}`);
        return true;
      }
      default:
        throw new ApiError(501, `Not Implemented: (fake Bot API) ${method} is a real method but is not modelled here`);
    }
  }

  // --- validation against api.json ------------------------------------------------------------

  function validate(spec: ApiMethod, params: Params): Params {
    const fields = new Map((spec.fields ?? []).map((f) => [f.name, f]));
    const out: Params = {};
    for (const [name, value] of Object.entries(params)) {
      // Telegraf's multipart bodies repeat the method name as a field.
      if (name === 'method' && typeof value === 'string' && value.toLowerCase() === spec.name.toLowerCase()) continue;
      const field = fields.get(name);
      if (!field) throw badRequest(`(fake Bot API, stricter than Telegram) ${spec.name} does not take parameter "${name}"`);
      out[name] = coerce(field, value);
    }
    for (const field of fields.values()) {
      if (!field.required || out[field.name] !== undefined) continue;
      if (field.name === 'chat_id') throw badRequest('chat_id is empty');
      if (spec.name === 'sendMessage' && field.name === 'text') throw badRequest('message text is empty');
      throw badRequest(`parameter "${field.name}" is required`);
    }
    return out;
  }

  /** Form fields arrive as strings; JSON-typed ones may arrive serialised in any body. */
  function coerce(field: ApiField, value: unknown): unknown {
    if (typeof value !== 'string') return value;
    const types = field.types;
    if (types.includes('String')) return value;
    if (types.includes('Integer') || types.includes('Float')) {
      if (/^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
      throw badRequest(`field "${field.name}" must be of type Integer`);
    }
    if (types.includes('Boolean')) {
      if (value === 'true' || value === '1') return true;
      if (value === 'false' || value === '0' || value === '') return false;
      throw badRequest(`field "${field.name}" must be of type Boolean`);
    }
    if (types.some((t) => !PRIMITIVES.has(t))) {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        throw badRequest(field.name === 'reply_markup' ? "can't parse reply keyboard markup JSON object" : `can't parse ${field.name} JSON object`);
      }
    }
    return value;
  }

  function injected(method: string, params: Params): InjectedFailure | undefined {
    const chatId = params.chat_id === undefined ? undefined : Number(params.chat_id);
    const rule = failures.find(
      (r) =>
        r.left > 0 &&
        (r.method === undefined ? method !== 'getUpdates' : r.method.toLowerCase() === method.toLowerCase()) &&
        (r.chatId === undefined || r.chatId === chatId),
    );
    if (!rule) return undefined;
    rule.left--;
    failures = failures.filter((r) => r.left > 0);
    return rule.failure;
  }

  // --- HTTP -------------------------------------------------------------------------------------

  function reply(res: ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    const text = JSON.stringify(body);
    // A call that was in progress when the port closed is answered, and its connection closed too.
    const close = down === 'refuse' ? { connection: 'close' } : {};
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...close });
    res.end(text);
  }

  function record(entry: RecordedCall): void {
    calls.push(entry);
    if (entry.ok) stats.accepted++;
    else stats.rejected++;
    if (entry.error?.error_code === 429) stats.rateLimited++;
    notify();
  }

  function getUpdates(params: Params, res: ServerResponse, at: number): void {
    if (webhook) {
      const error = { error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" };
      record({ method: 'getUpdates', params, at, ok: false, error });
      reply(res, 409, { ok: false, ...error });
      return;
    }
    const offset = typeof params.offset === 'number' ? params.offset : 0;
    const limit = Math.min(100, Math.max(1, typeof params.limit === 'number' ? params.limit : 100));
    const timeout = Math.max(0, typeof params.timeout === 'number' ? params.timeout : 0);
    if (offset > 0) confirm(offset);
    else if (offset < 0) {
      const keep = updates.slice(offset);
      updates = keep;
      confirm(keep[0]?.update_id ?? nextUpdateId);
    }
    if (held) held.conflict();
    const answer = (result: Update[]) => {
      record({ method: 'getUpdates', params, at, ok: true, result });
      reply(res, 200, { ok: true, result });
    };
    const ready = pending(limit);
    if (ready.length > 0 || timeout === 0 || closed) {
      answer(ready);
      return;
    }
    const poll: HeldPoll = {
      limit,
      respond: (batch) => {
        clearTimeout(poll.timer);
        if (held === poll) held = undefined;
        answer(batch);
      },
      conflict: () => {
        clearTimeout(poll.timer);
        if (held === poll) held = undefined;
        const error = { error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' };
        record({ method: 'getUpdates', params, at, ok: false, error });
        reply(res, 409, { ok: false, ...error });
      },
      timer: setTimeout(() => poll.respond([]), timeout * 1000),
    };
    held = poll;
    notify();
    // The client gave up (Telegraf aborts its poll on stop): forget the request.
    res.on('close', () => {
      if (held === poll) {
        clearTimeout(poll.timer);
        held = undefined;
      }
    });
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = url.pathname.match(/^\/bot([^/]+)\/([A-Za-z]+)$/);
    if (down === 'refuse') {
      record({ method: match?.[2] ?? '?', params: {}, at, ok: false, dropped: true });
      req.socket.destroy();
      return;
    }
    if (down !== undefined) {
      const error = failureToError({ kind: 'server-error', status: down }) as ApiError;
      record({ method: match?.[2] ?? '?', params: {}, at, ok: false, error: { error_code: error.errorCode, description: error.description } });
      reply(res, error.errorCode, { ok: false, error_code: error.errorCode, description: error.description });
      return;
    }
    if (!match) {
      reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    const [, rawToken = '', reqMethod = ''] = match;
    // Clients percent-encode a token's unusual characters ({ } ^ ...) in the path.
    let reqToken = rawToken;
    try {
      reqToken = decodeURIComponent(rawToken);
    } catch {
      // not percent-encoded after all
    }
    if (reqToken !== token) {
      reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      return;
    }
    const spec = apiMethods().get(reqMethod.toLowerCase());
    if (!spec) {
      record({ method: reqMethod, params: {}, at, ok: false, error: { error_code: 404, description: 'Not Found' } });
      reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    const method = spec.name;
    let params: Params = {};
    try {
      params = { ...Object.fromEntries(url.searchParams), ...(await readBody(req)) };
      params = validate(spec, params);
      const failure = injected(method, params);
      if (failure?.kind === 'echo-path') {
        const status = failure.status ?? 404;
        const body = { error_code: status, description: `Not Found ${req.url ?? ''}` };
        record({ method, params, at, ok: false, error: body });
        reply(res, status, { ok: false, ...body });
        return;
      }
      if (failure?.kind === 'drop') {
        let result: unknown;
        if (failure.afterProcessing) result = method === 'getUpdates' ? [] : handle(method, params);
        record({ method, params, at, ok: failure.afterProcessing === true, result, dropped: true });
        req.socket.destroy();
        return;
      }
      if (failure) {
        const error = failureToError(failure);
        if (error) throw error;
      }
      if (method === 'getUpdates') {
        getUpdates(params, res, at);
        return;
      }
      const result = handle(method, params);
      record({ method, params, at, ok: true, result });
      reply(res, 200, { ok: true, result });
    } catch (error: unknown) {
      const e = error instanceof ApiError ? error : new ApiError(400, `Bad Request: ${error instanceof Error ? error.message : String(error)}`);
      const body = { error_code: e.errorCode, description: e.description, ...(e.parameters ? { parameters: e.parameters } : {}) };
      record({ method, params, at, ok: false, error: body });
      reply(res, e.errorCode, { ok: false, ...body });
    }
  }

  const server: Server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      reply(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` });
    });
  });
  // Telegram keeps idle connections open far longer than a client does. Node's default (5 s, the
  // same as its clients' keep-alive) races: a client reusing a socket just as the server drops it
  // gets 'socket hang up', which delivery must read as an answer that may have been lost; on a
  // loaded machine that turned sends the real server would have answered into missed digests.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 130_000;
  const listen = (at: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(at, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const { port } = server.address() as AddressInfo;

  const api: FakeBotApi = {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    botUser,
    calls,
    stats,
    get polling() {
      return held !== undefined;
    },
    get webhook() {
      return webhook ? { ...webhook } : undefined;
    },

    user(fields = {}) {
      const id = fields.id ?? nextUserId++;
      return { id, is_bot: false, first_name: fields.first_name ?? `User${id}`, ...fields };
    },
    privateChat(user) {
      const chat: TgChat = { id: user.id, type: 'private', first_name: user.first_name, ...(user.username ? { username: user.username } : {}) };
      stateOf(chat);
      return chat;
    },
    group(fields = {}) {
      const type = fields.type ?? 'group';
      const n = nextGroupId++;
      const id = fields.id ?? (type === 'supergroup' ? -1_000_000_000_000 - n : -n);
      const chat: TgChat = { id, type, title: fields.title ?? `Group ${n}` };
      stateOf(chat);
      return chat;
    },
    knowChat(chat) {
      stateOf(chat);
    },
    setMember(chatId, userId, status, rights) {
      const state = chats.get(chatId) ?? stateOf({ id: chatId, type: chatId < -1_000_000_000_000 ? 'supergroup' : 'group' });
      state.members.set(userId, status);
      if (rights) state.rights.set(userId, rights);
      else state.rights.delete(userId);
    },
    channel(fields = {}) {
      const n = nextGroupId++;
      const chat: TgChat = {
        id: fields.id ?? -1_000_000_000_000 - n,
        type: 'channel',
        title: fields.title ?? `Channel ${n}`,
        ...(fields.username ? { username: fields.username } : {}),
      };
      stateOf(chat);
      return chat;
    },
    forum(fields = {}) {
      const n = nextGroupId++;
      const chat: TgChat = { id: fields.id ?? -1_000_000_000_000 - n, type: 'supergroup', title: fields.title ?? `Forum ${n}`, is_forum: true };
      stateOf(chat);
      return chat;
    },
    createTopic(forum, name, by) {
      const state = stateOf(forum);
      if (!state.chat.is_forum) throw new Error(`fake Bot API: ${forum.id} is not a forum`);
      const created = userMessage(by, forum, { forum_topic_created: { name, icon_color: 7322096 } });
      const threadId = created.message_id as number;
      Object.assign(created, { message_thread_id: threadId, is_topic_message: true });
      state.topics.set(threadId, { name, closed: false, deleted: false, created });
      return threadId;
    },
    closeTopic(forum, threadId, closed = true) {
      const topic = chats.get(forum.id)?.topics.get(threadId);
      if (!topic) throw new Error(`fake Bot API: no topic ${threadId} in ${forum.id}`);
      topic.closed = closed;
    },
    deleteTopic(forum, threadId) {
      const topic = chats.get(forum.id)?.topics.get(threadId);
      if (!topic) throw new Error(`fake Bot API: no topic ${threadId} in ${forum.id}`);
      topic.deleted = true;
      for (const m of sent) if (m.chatId === forum.id && m.threadId === threadId) m.deleted = true;
    },

    pushUpdate,
    pushText,
    processed,
    async say(from, chat, text, opts = {}) {
      let extra = opts.extra;
      if (opts.topic !== undefined) {
        const topic = chats.get(chat.id)?.topics.get(opts.topic);
        if (!topic) throw new Error(`fake Bot API: no topic ${opts.topic} in ${chat.id}`);
        extra = { message_thread_id: opts.topic, is_topic_message: true, reply_to_message: topic.created, ...extra };
      }
      const update = pushText(from, chat, text, extra);
      return exchange(update, chat.id, opts.timeoutMs);
    },
    async post(channel, text, opts = {}) {
      const state = stateOf(channel);
      const entities = commandEntities(text);
      const update = pushUpdate({
        channel_post: {
          message_id: state.nextMessageId++,
          sender_chat: state.chat,
          chat: state.chat,
          date: Math.floor(now() / 1000),
          text,
          ...(entities.length > 0 ? { entities } : {}),
        },
      });
      return exchange(update, channel.id, opts.timeoutMs);
    },
    async press(from, message, callbackData, opts = {}) {
      const id = String(nextQueryId++);
      pendingQueries.set(id, { answered: false });
      const answersBefore = answers.length;
      const state = chats.get(message.chatId);
      const update = pushUpdate({
        callback_query: {
          id,
          from,
          message: JSON.parse(JSON.stringify(message.message)) as unknown,
          chat_instance: String(message.chatId * 7 + 3),
          data: callbackData,
        },
      });
      if (state && state.chat.type !== 'private' && !state.members.has(from.id)) state.members.set(from.id, 'member');
      const result = await exchange(update, message.chatId, opts.timeoutMs);
      return { ...result, answer: answers.slice(answersBefore).find((a) => String(a.callback_query_id) === id) };
    },
    pushMyChatMember(chat, by, status, opts = {}) {
      const state = stateOf(chat);
      const wasStatus = state.members.get(botId);
      const oldStatus = opts.oldStatus ?? (wasStatus && wasStatus !== status ? wasStatus : status === 'member' || status === 'administrator' ? 'left' : 'member');
      const oldRights = state.rights.get(botId);
      state.members.set(botId, status);
      if (opts.rights) state.rights.set(botId, opts.rights);
      else state.rights.delete(botId);
      // Whoever changes the bot's rights is an administrator of the chat.
      if (!state.members.has(by.id) && chat.type === 'channel') state.members.set(by.id, 'administrator');
      const adminFields = (rights: AdminRights | undefined) =>
        chat.type === 'channel'
          ? { can_be_edited: true, can_manage_chat: true, can_post_messages: rights?.can_post_messages ?? true, can_edit_messages: rights?.can_edit_messages ?? true, can_delete_messages: rights?.can_delete_messages ?? true }
          : { can_be_edited: true, can_manage_chat: true, can_delete_messages: rights?.can_delete_messages ?? true, can_manage_topics: rights?.can_manage_topics ?? true };
      if (status === 'kicked' || status === 'left') {
        state.unreachable =
          chat.type === 'private'
            ? { kind: 'blocked' }
            : chat.type === 'channel'
              ? { kind: 'custom', errorCode: 403, description: status === 'kicked' ? 'Forbidden: bot was kicked from the channel chat' : 'Forbidden: bot is not a member of the channel chat' }
            : status === 'kicked'
              ? { kind: 'kicked' }
              : { kind: 'custom', errorCode: 403, description: `Forbidden: bot is not a member of the ${chat.type === 'supergroup' ? 'supergroup' : 'group'} chat` };
      } else {
        delete state.unreachable;
      }
      return pushUpdate({
        my_chat_member: {
          chat: state.chat,
          from: by,
          date: Math.floor(now() / 1000),
          old_chat_member: { status: oldStatus, user: botUser, ...(oldStatus === 'administrator' ? adminFields(oldRights) : {}) },
          new_chat_member: {
            status,
            user: botUser,
            ...(status === 'kicked' ? { until_date: 0 } : {}),
            ...(status === 'administrator' ? adminFields(opts.rights) : {}),
          },
        },
      });
    },
    blockBot(user) {
      return api.pushMyChatMember(api.privateChat(user), user, 'kicked');
    },
    upgradeToSupergroup(group, by, newId) {
      const n = nextGroupId++;
      const supergroup: TgChat = { id: newId ?? -1_000_000_000_000 - n, type: 'supergroup', ...(group.title ? { title: group.title } : {}) };
      const old = stateOf(group);
      const next = stateOf(supergroup);
      for (const [user, status] of old.members) next.members.set(user, status);
      const first = pushUpdate({ message: userMessage(by, group, { migrate_to_chat_id: supergroup.id }) });
      old.unreachable = { kind: 'migrated', toChatId: supergroup.id };
      const second = pushUpdate({ message: userMessage(by, supergroup, { migrate_from_chat_id: group.id }) });
      return { supergroup, updates: [first, second] };
    },
    unreachable(chatId, failure) {
      const state = chats.get(chatId) ?? stateOf({ id: chatId, type: chatId > 0 ? 'private' : 'group' });
      state.unreachable = failure;
    },
    reachable(chatId) {
      const state = chats.get(chatId);
      if (state) delete state.unreachable;
    },

    sentTo(chatId) {
      return sent.filter((m) => m.chatId === chatId);
    },
    allSent() {
      return [...sent];
    },
    callsOf(method) {
      return calls.filter((c) => c.ok && c.method.toLowerCase() === method.toLowerCase());
    },
    callbackAnswers() {
      return [...answers];
    },
    commands(languageCode = '', scopeType = 'default') {
      return menus.get(`${scopeType}|${languageCode}`);
    },
    waitFor(predicate, timeoutMs = 60_000) {
      if (predicate(calls)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = () => {
          if (predicate(calls)) {
            clearTimeout(timer);
            watchers.delete(check);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(new Error(`fake Bot API: condition not met within ${timeoutMs} ms (${calls.length} calls recorded)`));
        }, timeoutMs);
        watchers.add(check);
      });
    },

    failNext(rule) {
      failures.push({ ...rule, left: rule.times ?? 1 });
    },
    clearFailures() {
      failures = [];
    },
    outage(kind) {
      down = kind;
      if (kind !== 'refuse') return;
      // New connections are refused; idle kept-alive ones are closed; requests in progress finish.
      server.close();
      server.closeIdleConnections();
      if (held) held.respond([]);
    },
    async restore() {
      const was = down;
      down = undefined;
      if (was === 'refuse' && !closed) await listen(port);
    },

    async close() {
      if (closed) return;
      closed = true;
      held?.respond([]);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return api;
}

// ---------------------------------------------------------------------------------------------
// Request bodies as Telegraf (node-fetch) sends them: JSON, or multipart/form-data with media.

async function readBody(req: IncomingMessage): Promise<Params> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  if (body.length === 0) return {};
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest('(fake Bot API) request body is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badRequest('(fake Bot API) request body must be a JSON object');
    return parsed as Params;
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  }
  const boundary = type.match(/boundary=(?:"([^"]+)"|([^;]+))/i);
  if (type.startsWith('multipart/form-data') && boundary) {
    return parseMultipart(body, boundary[1] ?? boundary[2] ?? '');
  }
  throw badRequest(`(fake Bot API) unsupported content-type "${type}"`);
}

function parseMultipart(body: Buffer, boundary: string): Params {
  const params: Params = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  while (pos >= 0) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const part = body.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next
    const split = part.indexOf('\r\n\r\n');
    if (split >= 0) {
      const headers = part.subarray(0, split).toString('utf8');
      const content = part.subarray(split + 4);
      const name = headers.match(/name="([^"]*)"/i)?.[1];
      const filename = headers.match(/filename="([^"]*)"/i)?.[1];
      if (name !== undefined) params[name] = filename !== undefined ? { filename, size: content.length } : content.toString('utf8');
    }
    pos = next;
  }
  return params;
}
