import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHostGate } from '../../src/sources/host-gate.js';
import { robotsRules } from '../../src/sources/robots.js';

afterEach(() => {
  vi.useRealTimers();
});

/** Lets pending promise callbacks run (no timers move). */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('one request at a time per host, with a pause', () => {
  it('when two requests go to one host, then the second starts only after the first ends and the pause has passed; another host does not wait', async () => {
    vi.useFakeTimers();
    const gate = createHostGate();
    const started: string[] = [];
    let finishFirst!: () => void;
    const first = gate.run('http://a.example/1', 1000, async () => {
      started.push('a1');
      await new Promise<void>((resolve) => (finishFirst = resolve));
    });
    const second = gate.run('http://a.example/2', 1000, async () => {
      started.push('a2');
    });
    const other = gate.run('http://b.example/1', 1000, async () => {
      started.push('b1');
    });
    await settle();
    expect(started).toEqual(['a1', 'b1']);

    await vi.advanceTimersByTimeAsync(5000);
    expect(started).toEqual(['a1', 'b1']); // the first is still running: no pause counts yet

    finishFirst();
    await first;
    await vi.advanceTimersByTimeAsync(999);
    expect(started).toEqual(['a1', 'b1']);
    await vi.advanceTimersByTimeAsync(1);
    await second;
    await other;
    expect(started).toEqual(['a1', 'b1', 'a2']);
  });

  it('when newsbot stops, then the pauses end at once', async () => {
    vi.useFakeTimers();
    const stop = new AbortController();
    const gate = createHostGate(stop.signal);
    const started: string[] = [];
    await gate.run('http://a.example/1', 60_000, async () => void started.push('1'));
    const next = gate.run('http://a.example/2', 60_000, async () => void started.push('2'));
    await settle();
    expect(started).toEqual(['1']);
    stop.abort();
    await next;
    expect(started).toEqual(['1', '2']);
  });
});

describe('robots.txt', () => {
  const url = 'https://news.example/robots.txt';

  it("when robots.txt has rules for newsbot, then they apply instead of those for every agent, and its Crawl-delay is kept (at most 30 s)", () => {
    const rules = robotsRules(url, {
      status: 200,
      text: 'User-agent: *\nDisallow: /\n\nUser-agent: newsbot\nDisallow: /private/\nCrawl-delay: 120\n',
    });
    expect(rules.allowed('https://news.example/world/asia/')).toBe(true);
    expect(rules.allowed('https://news.example/private/memo')).toBe(false);
    expect(rules.crawlDelayMs).toBe(30_000);
  });

  it('when robots.txt is missing, everything is allowed; when it cannot be read (5xx, network), nothing is', () => {
    expect(robotsRules(url, { status: 404, text: '' }).allowed('https://news.example/a')).toBe(true);
    const down = robotsRules(url, { status: 503, text: '' });
    expect(down.allowed('https://news.example/a')).toBe(false);
    expect(down.unreachable).toBe('robots.txt could not be read (HTTP 503)');
    expect(robotsRules(url, { error: 'network error' }).allowed('https://news.example/a')).toBe(false);
  });
});
