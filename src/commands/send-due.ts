import { parseArgs } from 'node:util';
import { fixedClock } from '../clock.js';
import { requireBotToken } from '../config.js';
import { createSendQueue } from '../delivery/send-queue.js';
import { createTelegramClient, telegramTransport } from '../delivery/telegraf-bridge.js';
import { createDigestRunner } from '../schedule/digest-job.js';
import { type Command } from './command.js';
import { parseAt } from './digest.js';

export const sendDueCommand: Command = {
  summary: 'run one digest scheduling pass and send what is due, then exit',
  usage: 'newsbot send-due [--at <ISO time>]',
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
    });
    try {
      const runner = createDigestRunner({ config, db: app.db, queue, log: app.log, clock: fixedClock(at) });
      const report = await runner.runPass(at);
      if (!report.leaseHeld) {
        io.out('Another process is sending digests on this database; this pass sent nothing.');
        return 0;
      }
      io.out(
        `${report.at}: due ${report.due}, sent ${report.sent}, skipped ${report.skipped}, failed ${report.failed}, ` +
          `inactive ${report.inactive}, migrated ${report.migrated} (${report.messages} messages)`,
      );
      return report.failed > 0 ? 1 : 0;
    } finally {
      queue.close();
    }
  },
};
