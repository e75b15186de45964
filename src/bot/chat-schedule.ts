import type { Cadence } from '../cadence/cadence.js';
import type { BotDeps } from './deps.js';

/**
 * A chat's digest schedule as the settings commands show and change it: its time, cadence and zone,
 * the configured defaults for a chat not yet stored (daily at `DEFAULT_DIGEST_TIME`).
 */
export function chatSchedule(deps: Pick<BotDeps, 'chats' | 'config'>, chatId: number) {
  const chat = deps.chats.get(chatId);
  const time = chat?.digestTime ?? deps.config.DEFAULT_DIGEST_TIME;
  const cadence: Cadence = chat?.cadence ?? { kind: 'daily', time };
  return { time, cadence, zone: chat?.timezone ?? deps.config.DEFAULT_TIMEZONE, chat };
}
