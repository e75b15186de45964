import { Composer } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import { parseRule, type ParsedRule, type Rule, splitRules } from '../../follows/rule.js';
import type { FollowTexts } from '../../i18n/follows-texts.js';
import type { ChatFilter, FilterKind } from '../../store/chat-filters.js';
import { resolveTarget, type TargetDeps } from '../../channels/resolve-target.js';
import type { BotContext } from '../context.js';
import { quote } from '../input.js';
import { escapeHtml } from '../../render/html.js';
import { replyText } from '../reply.js';

/** Callback data of a remove button in /follows: "fl:rm:<id>". */
const REMOVE = /^fl:rm:(\d+)$/;
/** Telegram shows at most this many characters of a button well. */
const BUTTON_TEXT_MAX = 40;

/** Characters of rule texts one reply line lists at most (50 rules of 100 characters would pass Telegram's 4096). */
const LIST_MAX = 1200;
/** In /follows, each rule is shortened to this when the whole list would not fit one message. */
const SHORT_RULE = 30;

/** Rule texts joined with commas, the tail cut ("…") when they run past `max` characters. */
function join(texts: readonly string[], max = LIST_MAX): string {
  let out = '';
  for (const [i, text] of texts.entries()) {
    const next = out === '' ? text : `${out}, ${text}`;
    if (next.length > max) return `${out}, … (+${texts.length - i})`;
    out = next;
  }
  return out;
}

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Why a rule cannot be read, as the reply says it. */
function problem(f: FollowTexts, text: string, parsed: Exclude<ParsedRule, { kind: 'ok' }>): string {
  const shown = quote(text);
  switch (parsed.kind) {
    case 'too-long':
      return f.tooLong(shown, parsed.max);
    case 'too-many-parts':
      return f.tooManyParts(shown, parsed.max);
    case 'short-prefix':
      return f.shortPrefix(quote(parsed.text), parsed.min);
    default:
      return f.noWords(shown);
  }
}

/** The /follows message: what is followed and muted, and one remove button per entry. */
export function followsList(f: FollowTexts, filters: readonly ChatFilter[]): { lines: string[]; keyboard: InlineKeyboardMarkup | undefined } {
  if (filters.length === 0) return { lines: [f.listTitle, f.listNone], keyboard: undefined };
  const follows = filters.filter((x) => x.kind === 'follow');
  const mutes = filters.filter((x) => x.kind === 'mute');
  const lines = [f.listTitle];
  // 50 follows and 50 mutes of 100 characters would not fit one message: then each is shortened.
  const long = filters.reduce((n, x) => n + x.text.length + 2, 0) > 3 * LIST_MAX;
  const texts = (list: ChatFilter[]) => list.map((x) => (long ? shorten(x.text, SHORT_RULE) : x.text));
  if (follows.length > 0) lines.push(f.listFollows(join(texts(follows), 2 * LIST_MAX)));
  if (mutes.length > 0) lines.push(f.listMutes(join(texts(mutes), 2 * LIST_MAX)));
  lines.push(f.listHint);
  const label = (x: ChatFilter) => `✖ ${x.kind === 'mute' ? '🔇 ' : ''}${shorten(x.text, BUTTON_TEXT_MAX)}`;
  const buttons = [...follows, ...mutes].map((x) => ({ text: label(x), callback_data: `fl:rm:${x.id}` }));
  const rows = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return { lines, keyboard: { inline_keyboard: rows } };
}

/**
 * Follows and mutes: /follow and /mute add rules (several at once, separated by commas), /unfollow
 * and /unmute remove them (or `all`), /follows lists them with a remove button each (a press edits
 * the same message). Changing is for admins in groups; looking is for everyone. From a private chat
 * that manages a channel (`/channel`), they are about the channel's (see `resolveTarget`). Limits
 * are stated when hit: `MAX_FILTERS_PER_KIND` rules of each kind, `RULE_MAX_CHARS` characters each.
 */
export function followsFeature(deps: TargetDeps): Composer<BotContext> {
  const { chats } = deps;
  const filters = chats.filters;
  const composer = new Composer<BotContext>();

  async function add(ctx: BotContext, payload: string, kind: FilterKind): Promise<void> {
    let f = ctx.texts.follows;
    const parts = splitRules(payload);
    if (parts.length === 0) {
      await replyText(ctx, kind === 'follow' ? f.followUsage : f.muteUsage);
      return;
    }
    const problems: string[] = [];
    const rules: Rule[] = [];
    for (const part of parts) {
      const parsed = parseRule(part);
      if (parsed.kind === 'ok') rules.push(parsed.rule);
      else problems.push(problem(f, part, parsed));
    }
    if (rules.length === 0) {
      await replyText(ctx, problems);
      return;
    }
    const target = await resolveTarget(ctx, deps, 'change');
    if (!target) return;
    // A channel's replies are worded for it.
    f = ctx.texts.follows;
    const chatId = target.chatId;
    const added: string[] = [];
    const existing: string[] = [];
    const over: string[] = [];
    let max = 0;
    for (const rule of rules) {
      const outcome = filters.add(chatId, kind, rule);
      if (outcome.kind === 'added') added.push(rule.text);
      else if (outcome.kind === 'exists') existing.push(outcome.text);
      else {
        over.push(rule.text);
        max = outcome.max;
      }
    }
    const lines: string[] = [];
    if (added.length > 0) lines.push(kind === 'follow' ? f.followed(join(added)) : f.muted(join(added)));
    if (existing.length > 0) lines.push(kind === 'follow' ? f.alreadyFollowing(join(existing)) : f.alreadyMuted(join(existing)));
    if (over.length > 0) lines.push(kind === 'follow' ? f.followLimit(max, join(over)) : f.muteLimit(max, join(over)));
    lines.push(...problems);
    await replyText(ctx, lines);
  }

  async function remove(ctx: BotContext, payload: string, kind: FilterKind): Promise<void> {
    let f = ctx.texts.follows;
    const parts = splitRules(payload);
    if (parts.length === 0) {
      await replyText(ctx, kind === 'follow' ? f.unfollowUsage : f.unmuteUsage);
      return;
    }
    const target = await resolveTarget(ctx, deps, 'change');
    if (!target) return;
    // A channel's replies are worded for it.
    f = ctx.texts.follows;
    const chatId = target.chatId;
    if (parts.length === 1 && parts[0]?.toLowerCase() === 'all') {
      const n = filters.removeAll(chatId, kind).length;
      await replyText(ctx, kind === 'follow' ? f.unfollowedAll(n) : f.unmutedAll(n));
      return;
    }
    const removed: string[] = [];
    const missing: string[] = [];
    for (const part of parts) {
      const parsed = parseRule(part);
      const text = parsed.kind === 'ok' ? filters.removeByKey(chatId, kind, parsed.rule.key) : undefined;
      if (text !== undefined) removed.push(text);
      else missing.push(quote(part));
    }
    const lines: string[] = [];
    if (removed.length > 0) lines.push(kind === 'follow' ? f.unfollowed(join(removed)) : f.unmuted(join(removed)));
    if (missing.length > 0) lines.push(kind === 'follow' ? f.notFollowing(join(missing)) : f.notMuted(join(missing)));
    await replyText(ctx, lines);
  }

  composer.command('follow', (ctx) => add(ctx, ctx.payload, 'follow'));
  composer.command('mute', (ctx) => add(ctx, ctx.payload, 'mute'));
  composer.command('unfollow', (ctx) => remove(ctx, ctx.payload, 'follow'));
  composer.command('unmute', (ctx) => remove(ctx, ctx.payload, 'mute'));

  composer.command('follows', async (ctx) => {
    const target = await resolveTarget(ctx, deps, 'read');
    if (!target) return;
    const { lines, keyboard } = followsList(ctx.texts.follows, filters.list(target.chatId));
    await replyText(ctx, lines, keyboard);
  });

  composer.action(REMOVE, async (ctx) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : '';
    const id = Number(REMOVE.exec(data)?.[1]);
    const chat = ctx.chat;
    const message = ctx.callbackQuery.message;
    if (!chat || !message) {
      await ctx.answerCbQuery(ctx.texts.bot.buttonExpired);
      return;
    }
    const target = await resolveTarget(ctx, deps, 'change');
    if (!target) return;
    const f = ctx.texts.follows;
    const gone = filters.removeById(target.chatId, id);
    await ctx.answerCbQuery(gone === undefined ? f.alreadyRemoved : gone.kind === 'follow' ? f.removedFollow(gone.text) : f.removedMute(gone.text));
    const { lines, keyboard } = followsList(f, filters.list(target.chatId));
    // A list of a channel's follows says so, as replies do.
    const text = ctx.replyPrefix ? [`${ctx.replyPrefix}: ${lines[0] ?? ''}`, ...lines.slice(1)] : lines;
    // A press on an entry removed meanwhile: the message may already say what it should.
    if (gone === undefined && 'text' in message && message.text === text.join('\n')) return;
    try {
      await ctx.telegram.editMessageText(chat.id, message.message_id, undefined, text.map(escapeHtml).join('\n'), {
        parse_mode: 'HTML',
        ...(keyboard ? { reply_markup: keyboard } : {}),
      });
    } catch (error: unknown) {
      // Two quick presses can leave the message already as it should be; that is not a failure.
      if (!String((error as { description?: unknown }).description ?? '').includes('message is not modified')) throw error;
    }
  });

  return composer;
}
