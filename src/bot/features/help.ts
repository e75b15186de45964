import { Composer } from 'telegraf';
import { MENU_COMMANDS, type MenuCommand } from '../../i18n/bot-texts.js';
import { escapeHtml } from '../../render/html.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../reply.js';

/** /help: every command, one line each, in the chat's language; `hidden` ones (turned off by a setting) left out. */
export function helpFeature(hidden: readonly MenuCommand[] = []): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.help(async (ctx) => {
    const b = ctx.texts.bot;
    const lines = MENU_COMMANDS.filter((command) => !hidden.includes(command)).map((command) => {
      const args = b.commandArgs[command];
      return `/${command}${args ? ` ${escapeHtml(args)}` : ''} — ${escapeHtml(b.commands[command])}`;
    });
    await replyHtml(ctx, [`<b>${escapeHtml(b.helpTitle)}</b>`, ...lines, '', escapeHtml(b.helpFooter)].join('\n'));
  });
  return composer;
}
