import { Composer } from 'telegraf';
import { resolveTarget } from '../../channels/resolve-target.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { replyText } from '../reply.js';

/**
 * /stop: unsubscribes from everything and forgets the chat's settings (admins only in groups; in a
 * private chat that manages a channel, the channel's).
 */
export function stopFeature(deps: Pick<BotDeps, 'chats' | 'channels' | 'topics'>): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('stop', async (ctx) => {
    const target = await resolveTarget(ctx, deps, 'change');
    if (!target) return;
    deps.chats.forget(target.chatId);
    await replyText(ctx, ctx.texts.bot.stopped);
  });
  return composer;
}
