import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingestSources } from '../../src/ingest/ingest-sources.js';
import { useFeedStore } from '../helpers/feed-world.js';
import { rss } from './fixtures.js';

const world = useFeedStore();

/** Deterministic pseudo-random bytes (mulberry32), so a failure can be replayed. */
function randomBytes(n: number, seed: number): Buffer {
  let a = seed;
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

/** Only characters a terminal shows: no controls, U+FFFD, private-use, unassigned or lone surrogates. */
const PRINTABLE = /^[^\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\uFFFD]*$/u;

describe('feed error texts', () => {
  it('when a feed body is binary (an image, gzip without its header, random bytes, XML cut by binary), then the recorded error is short printable text', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('IHDR'), randomBytes(3000, 1)]);
    const bodies: [string, Buffer][] = [
      ['png', png],
      ['gzip', gzipSync(Buffer.from(rss([{ title: 'Hidden', link: 'https://e.example/1' }])))],
      ['random', randomBytes(5000, 2)],
      ['xml-then-binary', Buffer.concat([Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><title>'), randomBytes(4000, 3)])],
      ['json-then-binary', Buffer.concat([Buffer.from('{"version":"https://jsonfeed.org/version/1.1","items":["'), randomBytes(4000, 4)])],
    ];
    for (const [name, body] of bodies) world.server.route(`/${name}`, { body, contentType: 'application/rss+xml' });

    const summary = await ingestSources(
      bodies.map(([name]) => ({ name, url: world.server.url(`/${name}`) })),
      world.deps(),
      { limits: { timeoutMs: 15_000, maxBytes: 1_000_000, maxRedirects: 3 }, concurrency: 2, respectBackoff: false },
    );

    expect(summary.failed).toBe(bodies.length);
    for (const [name] of bodies) {
      const error = world.store.articles.sources.get(name)?.lastError ?? '';
      expect(error, name).toMatch(/^(not a feed|malformed|truncated)/);
      expect(error, name).toMatch(PRINTABLE);
      expect(error.length, name).toBeLessThanOrEqual(300);
    }
    expect(world.store.articles.sources.get('png')?.lastError).toMatch(/binary/);
  });
});
