import { Composer } from 'telegraf';
import { parseRegionList, suggestRegion } from '../../regions/regions.js';
import { mayChangeSettings } from '../admin.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { quote } from '../input.js';
import { regionNames } from '../names.js';
import { regionKeyboard } from '../region-keyboard.js';
import { replyText } from '../reply.js';

/**
 * /start: a greeting, what the bot does and the region picker. A deep link (t.me/bot?start=asia,
 * "asia-europe", "middle_east") subscribes at once; in a group only an admin's does.
 */
export function startFeature(deps: Pick<BotDeps, 'chats'>): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.start(async (ctx) => {
    const b = ctx.texts.bot;
    const lines = [b.greeting(ctx.from.first_name), b.about];
    const payload = ctx.payload.trim();
    if (payload !== '') {
      const { regions, unknown } = parseRegionList(payload.split(/[-_\s,+]+/u).filter((w) => w !== ''));
      if (unknown[0] !== undefined) lines.push('', b.noSuchRegion(quote(unknown[0]), suggestRegion(unknown[0])));
      if (regions.length > 0) {
        if (await mayChangeSettings(ctx)) {
          deps.chats.subscribe(ctx.chat.id, regions);
          const chat = deps.chats.get(ctx.chat.id);
          lines.push('', b.subscribed(regionNames(ctx.texts, regions)));
          if (chat) lines.push(b.digestAt(chat.digestTime, chat.timezone));
        } else {
          lines.push('', b.adminsOnly);
        }
      }
    }
    lines.push('', b.pickRegions);
    await replyText(ctx, lines, regionKeyboard(ctx.texts, deps.chats.get(ctx.chat.id)?.regions ?? []));
  });
  return composer;
}
