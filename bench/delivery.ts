import { loadConfig } from '../src/config.js';
import { startFakeBotApi } from '../test/helpers/fake-bot-api.js';
import { startCli } from './child.js';
import type { BenchContext, Figures } from './context.js';
import { DELIVERY_AT, deliveryStore } from './delivery-store.js';
import { check, round } from './stats.js';

interface RunFigures {
  configuredPerSec: number;
  achievedPerSec: number;
  provoked429: number;
  messages: number;
  seconds: number;
}

/**
 * One `newsbot send-due` (the real CLI: config, digest runner, send queue, Telegraf) delivering the
 * digests due for `chats` chats through a fake Bot API in Telegram-limits mode. The achieved rate is
 * taken from the server's own clock: accepted sendMessage calls from the first to the last.
 */
async function deliver(ctx: BenchContext, chats: number, paid: boolean): Promise<RunFigures> {
  const file = deliveryStore(ctx, chats, paid ? 'delivery-paid' : 'delivery');
  const fake = await startFakeBotApi({ limits: true });
  try {
    const env: Record<string, string> = {
      BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      DATABASE_PATH: file,
      LOG_LEVEL: 'warn',
      PAID_BROADCAST: paid ? 'true' : 'false',
    };
    const config = loadConfig(env);
    const configuredPerSec = paid ? config.PAID_BROADCAST_RATE_PER_SECOND : config.SEND_RATE_PER_SECOND;
    const run = startCli(['send-due', '--at', DELIVERY_AT], env, ctx.workDir);
    const code = await run.exited;
    check(code === 0, `send-due exited with ${code}: ${run.output().slice(-2000)}`);
    const sent = fake.calls.filter((c) => c.method === 'sendMessage' && c.ok);
    const perChat = new Map<number, number>();
    for (const c of sent) perChat.set(Number(c.params.chat_id), (perChat.get(Number(c.params.chat_id)) ?? 0) + 1);
    check(perChat.size === chats, `${perChat.size} of ${chats} chats got their digest`);
    check([...perChat.values()].every((n) => n === 1), 'some chat got its one-message digest more than once');
    check(!paid || sent.every((c) => c.params.allow_paid_broadcast === true), 'paid broadcast mode sent a digest without allow_paid_broadcast');
    const first = sent[0]?.at ?? 0;
    const last = sent[sent.length - 1]?.at ?? 0;
    const seconds = (last - first) / 1000;
    return {
      configuredPerSec,
      achievedPerSec: seconds > 0 ? round((sent.length - 1) / seconds) : Number.NaN,
      provoked429: fake.stats.limitsRateLimited,
      messages: sent.length,
      seconds: round(seconds),
    };
  } finally {
    await fake.close();
  }
}

/**
 * Scenario 4: 5,000 digests to 5,000 chats (100 with --quick) through a fake Bot API enforcing
 * Telegram's limits (429 past 30/s overall or 1/s per chat), at the configured SEND_RATE_PER_SECOND;
 * then the same with PAID_BROADCAST=true (allow_paid_broadcast, limit 1000/s) at
 * PAID_BROADCAST_RATE_PER_SECOND.
 */
export async function deliveryScenario(ctx: BenchContext): Promise<Figures> {
  const chats = ctx.quick ? 100 : 5_000;
  const free = await deliver(ctx, chats, false);
  ctx.log(`delivery: ${free.messages} messages at ${free.achievedPerSec}/s; now paid broadcast`);
  const paid = await deliver(ctx, ctx.quick ? 500 : 5_000, true);
  return {
    scenario: 'delivery',
    chats,
    configuredPerSec: free.configuredPerSec,
    achievedPerSec: free.achievedPerSec,
    provoked429: free.provoked429,
    paidConfiguredPerSec: paid.configuredPerSec,
    paidAchievedPerSec: paid.achievedPerSec,
    paidProvoked429: paid.provoked429,
    achievedShareOfConfigured: round(free.achievedPerSec / free.configuredPerSec),
    sendSeconds: free.seconds,
    paidMessages: paid.messages,
    paidSendSeconds: paid.seconds,
    path: 'newsbot send-due (dist/cli.js) → fake Bot API, limits mode',
  };
}
