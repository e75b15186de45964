import type { Telegram } from 'telegraf';
import { MENU_COMMANDS, type MenuCommand } from '../i18n/bot-texts.js';
import { catalogues } from '../i18n/index.js';

/** The command menu in one language, as setMyCommands takes it, without the `hidden` commands (turned off by a setting). */
export function menuCommands(language: keyof typeof catalogues, hidden: readonly MenuCommand[] = []): { command: string; description: string }[] {
  const texts = catalogues[language].bot;
  return MENU_COMMANDS.filter((command) => !hidden.includes(command)).map((command) => ({ command, description: texts.commands[command] }));
}

/** Commands a setting turns off, left out of the menu and /help: /addfeed and /feeds with ALLOW_CHAT_FEEDS=false. */
export function hiddenCommands(settings: { chatFeeds: boolean }): MenuCommand[] {
  return settings.chatFeeds ? [] : ['addfeed', 'feeds'];
}

/**
 * Registers the command menu Telegram shows next to the message box: English for everyone
 * (the default), Russian for Russian-language clients.
 */
export async function registerCommandMenu(telegram: Pick<Telegram, 'setMyCommands'>, hidden: readonly MenuCommand[] = []): Promise<void> {
  await telegram.setMyCommands(menuCommands('en', hidden));
  await telegram.setMyCommands(menuCommands('ru', hidden), { language_code: 'ru' });
}
