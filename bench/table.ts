import type { Figures } from './context.js';

/** Issue 14's targets (issue 5's for delivery): figure, what it must satisfy, and the same-run floor it is printed beside. */
export const TARGETS: readonly {
  scenario: string;
  figure: string;
  target: string;
  ok: (f: Record<string, unknown>) => boolean;
  floor?: string;
}[] = [
  {
    scenario: 'ingest',
    figure: 'itemsPerSec',
    target: '≥ 5,000 items/s and ≥ 20% of the parser',
    ok: (f) => num(f.itemsPerSec) >= 5000 && num(f.itemsPerSec) >= 0.2 * num(f.parserItemsPerSec),
    floor: 'parserItemsPerSec',
  },
  {
    scenario: 'ingest',
    figure: 'reingestItemsPerSec',
    target: '≥ 5,000 items/s and ≥ 20% of the parser',
    ok: (f) => num(f.reingestItemsPerSec) >= 5000 && num(f.reingestItemsPerSec) >= 0.2 * num(f.parserItemsPerSec),
    floor: 'parserItemsPerSec',
  },
  { scenario: 'latest', figure: 'p99Ms', target: '≤ 1 ms', ok: (f) => num(f.p99Ms) <= 1, floor: 'selectP99Ms' },
  { scenario: 'digest', figure: 'buildSeconds', target: '≤ 1 s for 100k chats', ok: (f) => num(f.buildSeconds) * (100_000 / Math.max(1, num(f.chats))) <= 1, floor: 'sendSeconds' },
  {
    scenario: 'delivery',
    figure: 'achievedPerSec',
    target: '≥ 95% of configured, 0 × 429',
    ok: (f) => num(f.achievedPerSec) >= 0.95 * num(f.configuredPerSec) && f.provoked429 === 0,
    floor: 'configuredPerSec',
  },
  { scenario: 'delivery', figure: 'paidAchievedPerSec', target: '≥ 800 msg/s', ok: (f) => num(f.paidAchievedPerSec) >= 800, floor: 'paidConfiguredPerSec' },
  { scenario: 'memory', figure: 'peakRssMb', target: '≤ 150 MB', ok: (f) => num(f.peakRssMb) <= 150, floor: 'idleRssMb' },
];

function num(v: unknown): number {
  return typeof v === 'number' ? v : Number.NaN;
}

/** Names of the figures in `figures` that miss their target (none for a skipped scenario). */
export function misses(figures: Figures): string[] {
  if ('skipped' in figures || 'error' in figures) return [];
  return TARGETS.filter((t) => t.scenario === figures.scenario && !t.ok(figures)).map((t) => t.figure);
}

/** The README's table: each target figure with its floor, from one run, and the machine. */
export function markdownTable(machine: Record<string, unknown>, results: readonly Figures[]): string {
  const lines = [
    `Machine: ${String(machine.nproc)} × ${String(machine.cpu)}, ${String(machine.memGb)} GB, Node ${String(machine.node)}.`,
    '',
    '| scenario | figure | value | same-run floor | target | met |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const t of TARGETS) {
    const f = results.find((r) => r.scenario === t.scenario);
    if (!f) continue;
    if ('skipped' in f || 'error' in f) {
      lines.push(`| ${t.scenario} | ${t.figure} | ${'skipped' in f ? `skipped: ${String(f.skipped)}` : `error`} | | ${t.target} | |`);
      continue;
    }
    const floor = t.floor ? `${t.floor} ${fmt(f[t.floor])}` : '';
    lines.push(`| ${t.scenario} | ${t.figure} | ${fmt(f[t.figure])} | ${floor} | ${t.target} | ${t.ok(f) ? 'yes' : '**no**'} |`);
  }
  return lines.join('\n');
}

function fmt(v: unknown): string {
  return typeof v === 'number' ? v.toLocaleString('en-US') : String(v);
}
