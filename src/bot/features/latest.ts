import { Composer } from 'telegraf';
import { parseRegionList, REGION_COMMAND_ALIASES, REGION_COMMANDS, REGIONS, type Region } from '../../regions/regions.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { quote, suggestFor, words } from '../input.js';
import { renderLatest } from '../latest-stories.js';
import { LATEST_DEFAULT, LATEST_MAX } from '../limits.js';
import { REGION_WORDS, regionNames } from '../names.js';
import { replyParts, replyText } from '../reply.js';
import { newestStories } from '../../stories/newest.js';
import { mutedBy } from '../../follows/mutes.js';
import { createRuleCache } from '../../follows/rule-cache.js';

/** The region shortcut commands, without the slash: /asia is `/latest asia`, /mideast `/latest middle-east`. */
const SHORTCUTS: [command: string, region: Region][] = [
  ...REGIONS.map((region) => [REGION_COMMANDS[region].slice(1), region] as [string, Region]),
  ...Object.entries(REGION_COMMAND_ALIASES).map(([command, region]) => [command.slice(1), region] as [string, Region]),
];

/** A parsed `/latest` request, or what is wrong with it. */
type LatestRequest =
  | { kind: 'ok'; regions: Region[]; count: number; capped: boolean }
  | { kind: 'bad-region'; name: string; suggestion: Region | undefined }
  | { kind: 'bad-count'; text: string };

/** `/latest [region …] [n]`: region names in any order with at most one number; n is capped at {@link LATEST_MAX}. */
export function parseLatestArgs(args: readonly string[]): LatestRequest {
  let count = LATEST_DEFAULT;
  let capped = false;
  const names: string[] = [];
  for (const arg of args) {
    if (/^[+-]?\d+([.,]\d+)?$/u.test(arg)) {
      const n = Number(arg.replace(',', '.'));
      if (!Number.isInteger(n) || n < 1) return { kind: 'bad-count', text: quote(arg) };
      capped = n > LATEST_MAX;
      count = Math.min(n, LATEST_MAX);
    } else names.push(arg);
  }
  const { regions, unknown } = parseRegionList(names);
  const first = unknown[0];
  if (first !== undefined) return { kind: 'bad-region', name: quote(first), suggestion: suggestFor(first) };
  return { kind: 'ok', regions, count, capped };
}

/**
 * /latest [region] [n] and the region shortcuts (/asia, /europe, /mideast, /middleeast, /africa,
 * /americas, /world): the newest stories of the named regions, else of the chat's regions, else of
 * all (each once, near-duplicates left out: see `newestStories`), without the stories the chat
 * muted (/mute). Open to everyone in groups.
 */
export function latestFeature(deps: Pick<BotDeps, 'articles' | 'chats' | 'clock'>): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const rules = createRuleCache();

  async function answer(ctx: BotContext, args: readonly string[]): Promise<void> {
    const b = ctx.texts.bot;
    const request = parseLatestArgs(args);
    if (request.kind === 'bad-region') {
      await replyText(ctx, [b.noSuchRegion(request.name, request.suggestion), b.regionNames(REGION_WORDS)]);
      return;
    }
    if (request.kind === 'bad-count') {
      await replyText(ctx, b.latestBadCount(request.text, LATEST_MAX));
      return;
    }
    const chatId = ctx.chat?.id;
    const chat = chatId === undefined ? undefined : deps.chats.get(chatId);
    const own = chat?.regions ?? [];
    const regions = request.regions.length > 0 ? request.regions : own;
    const scope = regions.length > 0 ? regionNames(ctx.texts, regions) : b.allRegions;
    const articles = newestStories(deps.articles, { ...(regions.length > 0 ? { regions } : {}), limit: request.count }, mutedBy(rules.rules(chat?.mutes)));
    if (articles.length === 0) {
      if (regions.length === 0) {
        await replyText(ctx, b.latestNoneAnywhere);
        return;
      }
      // Nothing here yet, but maybe elsewhere: point at the regions that have stories.
      const elsewhere = REGIONS.filter((r) => !regions.includes(r) && deps.articles.latest({ regions: [r], limit: 1, distinctStories: false }).length > 0);
      await replyText(ctx, [b.latestNone(scope), ...(elsewhere.length > 0 ? [b.latestElsewhere(elsewhere.map((r) => REGION_COMMANDS[r]).join(', '))] : [])]);
      return;
    }
    await replyParts(
      ctx,
      renderLatest(articles, {
        language: ctx.lang,
        now: deps.clock.now(),
        title: b.latestTitle(scope),
        ...(request.capped ? { note: b.latestCapped(LATEST_MAX) } : {}),
      }),
    );
  }

  composer.command('latest', (ctx) => answer(ctx, words(ctx.payload)));
  for (const [command, region] of SHORTCUTS) {
    // "/asia 10" works too; extra words are read as in /latest.
    composer.command(command, (ctx) => answer(ctx, [region, ...words(ctx.payload)]));
  }
  return composer;
}
