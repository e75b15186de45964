/**
 * One request at a time per host, and a pause between two: each task for a host starts only after
 * the previous one for that host has finished and its pause has passed. Hosts do not wait for
 * each other. An aborted `signal` ends the pauses at once (the tasks themselves check it).
 */
export interface HostGate {
  /** Runs `task` in the turn of `url`'s host; the next task for that host waits `pauseMs` after it ends. */
  run<T>(url: string, pauseMs: number, task: () => Promise<T>): Promise<T>;
}

export function createHostGate(signal?: AbortSignal): HostGate {
  const tails = new Map<string, Promise<void>>();
  return {
    async run(url, pauseMs, task) {
      const host = new URL(url).host;
      const previous = tails.get(host) ?? Promise.resolve();
      let release!: () => void;
      const done = new Promise<void>((resolve) => (release = resolve));
      const tail = previous.then(() => done);
      tails.set(host, tail);
      await previous;
      try {
        return await task();
      } finally {
        void pause(pauseMs, signal).then(() => {
          release();
          if (tails.get(host) === tail) tails.delete(host);
        });
      }
    },
  };
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
