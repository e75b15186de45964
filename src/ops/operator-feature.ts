import { Composer } from 'telegraf';
import type { BotContext } from '../bot/context.js';
import { replyParts } from '../bot/reply.js';
import type { Clock } from '../clock.js';
import { escapeHtml } from '../render/html.js';
import { splitMessages } from '../render/split.js';
import type { SourceStats } from '../store/sources.js';
import { sourcesReport, statsReport } from './operator-report.js';
import type { ServiceStatsReader } from './service-stats.js';

/** What the operator's commands read. */
export interface OperatorDeps {
  /** ADMIN_IDS: Telegram user ids of the operators. */
  adminIds: readonly number[];
  stats: ServiceStatsReader;
  /** Every source with its health (the source store's `list`). */
  sources(): SourceStats[];
  /** 429s received since start, and the wait they asked for. */
  rateLimited(): Promise<{ count: number; waitSeconds: number }>;
  clock: Clock;
}

/** The operator's commands, beside the people's. */
export const OPERATOR_COMMANDS = ['stats', 'sources'] as const;

/**
 * /stats and /sources for the users in ADMIN_IDS, in a private chat with the bot. For anyone else,
 * or in a group, the command passes on to the catch-all and gets the same "unknown command" as any
 * other: nothing tells that these commands exist.
 */
export function operatorFeature(deps: OperatorDeps): Composer<BotContext> {
  const admins = new Set(deps.adminIds);
  const composer = new Composer<BotContext>();
  composer.command([...OPERATOR_COMMANDS], async (ctx, next) => {
    if (ctx.chat.type !== 'private' || !admins.has(ctx.from.id)) return next();
    const now = deps.clock.now();
    const lines =
      ctx.command === 'stats' ? statsReport(deps.stats.read(now), await deps.rateLimited(), now, ctx.lang) : sourcesReport(deps.sources(), now, ctx.lang);
    await replyParts(ctx, splitMessages(lines.map(escapeHtml), { separator: '\n' }));
  });
  return composer;
}
