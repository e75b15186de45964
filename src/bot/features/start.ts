import { Composer } from 'telegraf';
import { type Region, parseRegionList } from '../../regions/regions.js';
import { mayChangeSettings } from '../admin.js';
import type { BotContext } from '../context.js';
import { digestWhenLine } from '../cadence-text.js';
import type { BotDeps } from '../deps.js';
import { quote, suggestFor } from '../input.js';
import { REGION_WORDS, regionNames } from '../names.js';
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
    const sections: string[][] = [[b.greeting(ctx.from.first_name), b.about]];
    const status: string[] = [];
    let added: Region[] = [];
    const payload = ctx.payload.trim();
    if (payload !== '') {
      const { regions, unknown } = parseRegionList(payload.split(/[-_\s,+]+/u).filter((w) => w !== ''));
      // The regions there are, right after the error: the chat's own regions come later, worded as its own.
      if (unknown[0] !== undefined) status.push(b.noSuchRegion(quote(unknown[0]), suggestFor(unknown[0])), b.regionNames(REGION_WORDS));
      if (regions.length > 0) {
        if (await mayChangeSettings(ctx)) {
          added = deps.chats.subscribe(ctx.chat.id, regions);
          const already = regions.filter((r) => !added.includes(r));
          if (added.length > 0) status.push(b.subscribed(regionNames(ctx.texts, added)));
          if (already.length > 0) status.push(b.alreadySubscribed(regionNames(ctx.texts, already)));
        } else {
          status.push(b.adminsOnly);
        }
      }
    }
    // Someone coming back (after /stop's buttons, after blocking the bot, a second /start) sees
    // what they already get and when.
    const chat = deps.chats.get(ctx.chat.id);
    if (chat && chat.regions.length > 0) {
      if (added.length < chat.regions.length) status.push(b.yourRegions(regionNames(ctx.texts, chat.regions)));
      status.push(digestWhenLine(ctx.texts, chat.cadence, chat.timezone));
      if (chat.paused) status.push(b.pausedNote);
    }
    if (status.length > 0) sections.push(status);
    sections.push([b.pickRegions]);
    await replyText(ctx, sections.flatMap((section, i) => (i === 0 ? section : ['', ...section])), regionKeyboard(ctx.texts, chat?.regions ?? []));
  });
  return composer;
}
