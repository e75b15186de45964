import type { Telegram } from 'telegraf';
import { MENU_COMMANDS } from '../i18n/bot-texts.js';
import { catalogues } from '../i18n/index.js';

/** The command menu in one language, as setMyCommands takes it. */
export function menuCommands(language: keyof typeof catalogues): { command: string; description: string }[] {
  const texts = catalogues[language].bot;
  return MENU_COMMANDS.map((command) => ({ command, description: texts.commands[command] }));
}

/**
 * Registers the command menu Telegram shows next to the message box: English for everyone
 * (the default), Russian for Russian-language clients.
 */
export async function registerCommandMenu(telegram: Pick<Telegram, 'setMyCommands'>): Promise<void> {
  await telegram.setMyCommands(menuCommands('en'));
  await telegram.setMyCommands(menuCommands('ru'), { language_code: 'ru' });
}
