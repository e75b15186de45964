import { Composer } from 'telegraf';
import { asAdmin } from '../admin.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { replyText } from '../reply.js';

/** /stop: unsubscribes from everything and forgets the chat's settings (admins only in groups). */
export function stopFeature(deps: Pick<BotDeps, 'chats'>): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('stop', async (ctx) => {
    await asAdmin(ctx, async () => {
      deps.chats.forget(ctx.chat.id);
      await replyText(ctx, ctx.texts.bot.stopped);
    });
  });
  return composer;
}
