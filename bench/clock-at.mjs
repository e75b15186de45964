// `node --import ./bench/clock-at.mjs dist/cli.js start` with NEWSBOT_BENCH_NOW=<ISO time>: the
// process's wall clock starts at that time and runs on from there (Date.now() and `new Date()`;
// timers are unchanged). The memory scenario starts the real bot this way at the hour of the
// generated store when most digests are due, so its catch-up pass builds real digests.
const at = Date.parse(process.env.NEWSBOT_BENCH_NOW ?? '');
if (Number.isNaN(at)) throw new Error(`NEWSBOT_BENCH_NOW must be an ISO time, not ${process.env.NEWSBOT_BENCH_NOW}`);
const RealDate = Date;
const realNow = RealDate.now.bind(RealDate);
const offset = at - realNow();
RealDate.now = () => realNow() + offset;
// `new Date()` without arguments reads the shifted clock; every other use of Date is untouched,
// and `instanceof Date` still holds for dates made anywhere.
globalThis.Date = new Proxy(RealDate, {
  construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [RealDate.now()] : args, newTarget),
  apply: (target, self, args) => (args.length === 0 ? new target(RealDate.now()).toString() : Reflect.apply(target, self, args)),
});
