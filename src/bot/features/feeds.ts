import { Composer } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { AddFeedOutcome, ChatFeeds } from '../../chatfeeds/chat-feeds.js';
import type { ChatFeed } from '../../chatfeeds/store.js';
import { resolveTarget, type TargetDeps } from '../../channels/resolve-target.js';
import type { FeedTexts } from '../../i18n/feed-texts.js';
import { escapeHtml } from '../../render/html.js';
import type { BotContext } from '../context.js';
import { quote } from '../input.js';
import { replyHtml, replyText } from '../reply.js';

/** Callback data of a remove button: "cf:rm:<feed id>". */
const REMOVE = /^cf:rm:(\d+)$/;
/** Characters of a feed's title on its button. */
const BUTTON_TITLE = 40;

/**
 * A chat's own feeds: /addfeed <address> (a feed, or a site whose page names its feed) and /feeds
 * (the list, a remove button per feed that edits the list in place). Adding and removing are for
 * admins in groups; looking is for everyone. From a private chat that manages a channel
 * (`/channel`), they are about the channel's feeds (see `resolveTarget`). Without `feeds` (or with ALLOW_CHAT_FEEDS=false) both
 * say feeds are turned off.
 */
export function feedsFeature(deps: TargetDeps & { feeds?: ChatFeeds | undefined }): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const service = deps.feeds?.enabled ? deps.feeds : undefined;

  composer.command('addfeed', async (ctx) => {
    const f = ctx.texts.feeds;
    if (!service) return replyText(ctx, f.off);
    const input = ctx.payload.trim();
    if (input === '') return replyText(ctx, f.addUsage);
    const target = await resolveTarget(ctx, deps, 'change');
    if (!target) return;
    await ctx.telegram.sendChatAction(ctx.chat.id, 'typing').catch(() => undefined);
    const outcome = await service.add(target.chatId, input);
    // A channel's replies are worded for it.
    await replyText(ctx, answer(ctx.texts.feeds, outcome, quote(input)));
  });

  composer.command('feeds', async (ctx) => {
    if (!service) return replyText(ctx, ctx.texts.feeds.off);
    const target = await resolveTarget(ctx, deps, 'read');
    if (!target) return;
    const { html, keyboard } = feedList(ctx.texts.feeds, service.list(target.chatId), service.perChat);
    await replyHtml(ctx, html, keyboard);
  });

  composer.action(REMOVE, async (ctx) => {
    const f = ctx.texts.feeds;
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : '';
    const feedId = Number(REMOVE.exec(data)?.[1]);
    const chat = ctx.chat;
    const message = ctx.callbackQuery.message;
    if (!service || !chat || !message) {
      await ctx.answerCbQuery(service ? f.removeGone : f.off);
      return;
    }
    const target = await resolveTarget(ctx, deps, 'change');
    if (!target) return;
    const feed = service.list(target.chatId).find((x) => x.id === feedId);
    const removed = feed !== undefined && service.remove(target.chatId, feedId);
    await ctx.answerCbQuery(removed ? f.removed(feed.title) : f.removeGone);
    const { html, keyboard } = feedList(ctx.texts.feeds, service.list(target.chatId), service.perChat);
    try {
      // A list of a channel's feeds says so, as replies do.
      const text = ctx.replyPrefix ? `${escapeHtml(ctx.replyPrefix)}: ${html}` : html;
      await ctx.telegram.editMessageText(chat.id, message.message_id, undefined, text, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(keyboard ? { reply_markup: keyboard } : {}),
      });
    } catch (error: unknown) {
      // Two quick presses can leave the list already as it should be; that is not a failure.
      if (!String((error as { description?: unknown }).description ?? '').includes('message is not modified')) throw error;
    }
  });

  return composer;
}

/** The reply to /addfeed. */
function answer(f: FeedTexts, outcome: AddFeedOutcome, input: string): string[] {
  switch (outcome.kind) {
    case 'added':
      return [f.added(outcome.feed.title, outcome.feed.url, outcome.via !== 'given'), f.addedWhere];
    case 'already':
      return [f.already(outcome.feed.title)];
    case 'off':
      return [f.off];
    case 'chat-full':
      return [f.chatFull(outcome.max)];
    case 'all-full':
      return [f.allFull];
    case 'bad-address':
      return [f.badAddress(input)];
    case 'refused':
      return [f.refused(outcome.address)];
    case 'failed':
      return [f.failed(outcome.reason)];
  }
}

/** /feeds: the chat's feeds, numbered, with their addresses and health, and a remove button each. */
export function feedList(f: FeedTexts, feeds: readonly ChatFeed[], max: number): { html: string; keyboard?: InlineKeyboardMarkup } {
  if (feeds.length === 0) return { html: escapeHtml(f.listNone) };
  // Twenty feeds with long addresses and error reasons would pass Telegram's 4096 characters: the
  // list says less (shorter reasons, then no addresses) until it fits one message.
  let text = '';
  for (const detail of [{ url: 100, reason: 120 }, { url: 60, reason: 40 }, { url: 0, reason: 0 }]) {
    const lines = [f.listTitle(feeds.length, max)];
    feeds.forEach((feed, i) => {
      const url = detail.url > 0 ? ` — ${cut(feed.url, detail.url)}` : '';
      lines.push(`${i + 1}. ${cut(feed.title, 80)}${url}`);
      if (feed.failures > 0 && feed.lastError && detail.reason > 0) lines.push(`   ${f.failing(cut(feed.lastError, detail.reason))}`);
    });
    lines.push('', f.listFooter);
    text = lines.join('\n');
    if (text.length <= LIST_MAX) break;
  }
  const [title = '', ...rest] = text.split('\n');
  const buttons = feeds.map((feed) => [{ text: f.removeButton(cut(feed.title, BUTTON_TITLE)), callback_data: `cf:rm:${feed.id}` }]);
  return { html: [`<b>${escapeHtml(title)}</b>`, ...rest.map(escapeHtml)].join('\n'), keyboard: { inline_keyboard: buttons } };
}

/** Characters /feeds may take, well inside Telegram's 4096. */
const LIST_MAX = 3_800;

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
