/**
 * The output of a `newsbot` run (a spawned process or an in-process `main`) as it comes, and
 * `waitForOutput`: resolves when stdout or stderr (so far or later) matches `pattern`, rejects if
 * the run ends first or after `timeoutMs` (default 20 s, a bound for a clear failure, not a pause).
 */
export function createOutputWatch(ended: string) {
  let out = '';
  let err = '';
  let done = false;
  const watchers = new Set<() => void>();
  const notify = () => {
    for (const w of [...watchers]) w();
  };
  return {
    stdout: () => out,
    stderr: () => err,
    /** Adds text printed on stdout (`out`) or stderr (`err`). */
    add(stream: 'out' | 'err', text: string): void {
      if (stream === 'out') out += text;
      else err += text;
      notify();
    },
    /** The run has ended: waits still unmatched reject. */
    end(): void {
      done = true;
      notify();
    },
    waitForOutput: (pattern: RegExp, timeoutMs = 60_000) =>
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const check = () => {
          const match = `${out}\n${err}`.match(pattern);
          if (!match && !done) return;
          watchers.delete(check);
          clearTimeout(timer);
          if (match) resolve(match);
          else reject(new Error(`newsbot ${ended} before printing ${pattern}:\n${out}\n${err}`));
        };
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(new Error(`newsbot did not print ${pattern} within ${timeoutMs} ms:\n${out}\n${err}`));
        }, timeoutMs);
        watchers.add(check);
        check();
      }),
  };
}
