/** What every scenario gets from the runner. */
export interface BenchContext {
  /** The small, seconds-long version for CI. */
  quick: boolean;
  /** Where generated stores are cached between runs. */
  cacheDir: string;
  /** A scratch directory for this run, removed at the end. */
  workDir: string;
  /** The `scale` scenario's chat counts, when not its defaults (`--scale-sizes 10000,100000`). */
  scaleSizes?: number[];
  /** Progress to stderr (stdout carries only the JSON lines). */
  log(message: string): void;
}

/** One scenario's printed figures: `scenario` plus numbers (and a few descriptive fields). */
export type Figures = { scenario: string } & Record<string, unknown>;

export interface Scenario {
  name: string;
  /**
   * Runs the scenario; returns its figures (several lines when it measures at several sizes), or
   * `{ skipped }` when a piece it measures is missing.
   */
  run(ctx: BenchContext): Promise<Figures | Figures[]>;
}
