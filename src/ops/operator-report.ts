import { REGIONS } from '../regions/regions.js';
import type { Language } from '../store/chats.js';
import type { SourceStats } from '../store/sources.js';
import { VERSION } from '../version.js';
import { ADMIN_TEXTS } from './admin-texts.js';
import type { ServiceStats } from './service-stats.js';

/** /stats: chats by state, subscriptions by region, today's digests, 429s, failing sources, store size (lines of plain text). */
export function statsReport(stats: ServiceStats, rateLimited: { count: number; waitSeconds: number }, now: number, lang: Language): string[] {
  const t = ADMIN_TEXTS[lang];
  const lastOk = (at: number | null) => (at === null ? t.never : t.ago(now - at));
  const { chats, digestsToday: d } = stats;
  return [
    t.statsTitle(VERSION),
    t.chats(chats.active, chats.paused, chats.inactive),
    t.subscriptions(REGIONS.map((r) => `${r} ${stats.subscriptions[r]}`).join(', ')),
    t.digestsToday(d.sent, d.failed, d.missed, d.skipped),
    t.digestsPending(stats.digestsPending, Math.round(stats.digestLagMs / 60_000)),
    t.rateLimited(rateLimited.count, Math.round(rateLimited.waitSeconds)),
    t.sourcesLine(stats.sources.ok, stats.sources.failing.length),
    ...stats.sources.failing.map((s) => t.failingSource(s.name, oneLine(s.error), lastOk(s.lastSuccessAt))),
    t.store((stats.storeBytes / 1_000_000).toFixed(1)),
  ];
}

/** /sources: every source read from an address, failing ones first, with its last read and error. */
export function sourcesReport(sources: readonly SourceStats[], now: number, lang: Language): string[] {
  const t = ADMIN_TEXTS[lang];
  const read = sources.filter((s) => s.url !== null);
  if (read.length === 0) return [t.noSources];
  const lastOk = (at: number | null) => (at === null ? t.never : t.ago(now - at));
  const ordered = [...read].sort((a, b) => Number(b.failures > 0) - Number(a.failures > 0) || a.name.localeCompare(b.name));
  return [
    t.sourcesTitle(read.length),
    ...ordered.map((s) => {
      if (s.failures > 0) return t.sourceFailing(s.name, oneLine(s.lastError ?? '?'), lastOk(s.lastSuccessAt), s.failures);
      if (s.lastSuccessAt === null) return t.sourceNeverRead(s.name);
      return t.sourceOk(s.name, lastOk(s.lastSuccessAt), s.itemCount);
    }),
  ];
}

/** An error as one short line (source errors may carry newlines or a long body excerpt). */
function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
