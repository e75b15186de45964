import type { Telegram } from 'telegraf';
import { menuCommands } from '../bot/menu.js';
import type { Logger } from '../log.js';
import { ADMIN_TEXTS } from './admin-texts.js';
import { OPERATOR_COMMANDS } from './operator-feature.js';

/**
 * Gives each admin (ADMIN_IDS) a menu of their own in their private chat with the bot: everyone's
 * commands plus /stats and /sources, in English and Russian. Nobody else's menu changes. Telegram
 * refuses a chat scope for a user who never started the bot: that admin is logged and skipped
 * (their menu comes at the next start after they did).
 */
export async function registerOperatorMenu(telegram: Pick<Telegram, 'setMyCommands'>, adminIds: readonly number[], log: Logger): Promise<void> {
  for (const id of adminIds) {
    try {
      for (const lang of ['en', 'ru'] as const) {
        const commands = [...menuCommands(lang), ...OPERATOR_COMMANDS.map((command) => ({ command, description: ADMIN_TEXTS[lang].menu[command] }))];
        await telegram.setMyCommands(commands, { scope: { type: 'chat', chat_id: id }, ...(lang === 'en' ? {} : { language_code: lang }) });
      }
    } catch (error: unknown) {
      log.warn('could not set the operator menu for an admin (has this user started the bot?)', { adminId: id, error });
    }
  }
}
