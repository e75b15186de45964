import { parseArgs } from 'node:util';
import { fixedClock } from '../clock.js';
import { requireBotToken } from '../config.js';
import { createSendQueue } from '../delivery/send-queue.js';
import { createTelegramClient, telegramTransport } from '../delivery/telegraf-bridge.js';
import type { StopReason } from '../delivery/digest-sender.js';
import { createDigestRunner } from '../schedule/digest-job.js';
import { type Command } from './command.js';
import { parseAt } from './digest.js';
import { CATALOGUE } from './catalogue.js';

/** What an operator reads when a pass stopped sending early. */
function stoppedLine(stopped: StopReason, pending: number): string {
  const rest = `${pending} digest(s) stay pending`;
  switch (stopped.kind) {
    case 'telegram-unreachable':
      return `Sending stopped: Telegram unreachable (${stopped.reason}). ${rest}; later passes retry them until the catch-up limit.`;
    case 'database':
      return `Sending stopped: a database write failed (${stopped.reason}). ${rest}; fix the database (free disk space), then run send-due again.`;
    case 'lease-lost':
      return `Sending stopped: another process took over sending. ${rest}.`;
  }
}

export const sendDueCommand: Command = {
  ...CATALOGUE['send-due'],
  preflight: { botToken: true },
  async run(args, app, io) {
    const { values } = parseArgs({ args, options: { at: { type: 'string' } } });
    const { config } = app;
    const token = requireBotToken(config);
    const at = parseAt(values.at, app.clock.now());
    const queue = createSendQueue({
      transport: telegramTransport(createTelegramClient(token, config.TELEGRAM_API_ROOT)),
      ratePerSecond: config.PAID_BROADCAST ? config.PAID_BROADCAST_RATE_PER_SECOND : config.SEND_RATE_PER_SECOND,
      paidBroadcast: config.PAID_BROADCAST,
      log: app.log,
      ...app.sendWaits,
    });
    try {
      const runner = createDigestRunner({ config, db: app.db, queue, log: app.log, clock: fixedClock(at), leaseTtlMs: config.LEASE_SECONDS * 1000 });
      const report = await runner.runPass(at);
      if (!report.leaseHeld) {
        io.out('Another process is sending digests on this database; this pass sent nothing.');
        return 0;
      }
      const pending = report.deferred + report.interrupted;
      io.out(
        `${report.at}: due ${report.due}, sent ${report.sent}, skipped ${report.skipped}, failed ${report.failed}, ` +
          `inactive ${report.inactive}, migrated ${report.migrated}, deferred ${pending}, missed ${report.missed} (${report.messages} messages)`,
      );
      if (report.stopped) io.out(stoppedLine(report.stopped, pending));
      return report.failed + report.missed + pending > 0 || report.stopped ? 1 : 0;
    } finally {
      queue.close();
    }
  },
};
