import { Composer } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { BotContext } from '../context.js';
import { leadingCommand } from '../input.js';

/**
 * A command the person edits (to fix "/latest asai" into "/latest asia") is answered as if sent
 * anew: the edited message goes through every feature again via `handle` (the bot's own
 * handleUpdate). Other edits are left alone, as Telegram clients show them in place.
 */
export function editedCommandsFeature(handle: (update: Update) => Promise<void>): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('edited_message', async (ctx, next) => {
    const edited = ctx.editedMessage;
    if (!('text' in edited) || !leadingCommand(edited.text, edited.entities)) return next();
    await handle({ update_id: ctx.update.update_id, message: edited } as Update.MessageUpdate);
  });
  return composer;
}
