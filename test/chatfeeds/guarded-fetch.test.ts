import { afterEach, describe, expect, it } from 'vitest';
import { isPublicAddress, refusalIn, refusedRange } from '../../src/chatfeeds/address-policy.js';
import { createGuardedFetch, type GuardedFetch } from '../../src/chatfeeds/guarded-fetch.js';
import { fetchFeed } from '../../src/ingest/feeds/fetch-feed.js';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.js';
import { rss } from '../ingest/fixtures.js';

const LIMITS = { timeoutMs: 20_000, maxBytes: 1_000_000, maxRedirects: 5 };
const FEED = rss([{ title: 'Harbour reopens', link: 'https://feeds.example/1' }], { title: 'Harbour News' });

const servers: FeedServer[] = [];
const fetches: GuardedFetch[] = [];
afterEach(async () => {
  await Promise.all(fetches.splice(0).map((f) => f.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(): Promise<FeedServer> {
  const s = await startFeedServer();
  servers.push(s);
  return s;
}
function guarded(options: Parameters<typeof createGuardedFetch>[0] = {}): GuardedFetch {
  const f = createGuardedFetch(options);
  fetches.push(f);
  return f;
}
/** "127.0.0.1:port" of a test server, for the tests-only allow-list. */
const endpoint = (s: FeedServer) => new URL(s.url('/')).host;

/** The error a fetch failed with, and the refusal in it. */
async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error === undefined) throw new Error('the fetch was not refused');
  return { error, refusal: refusalIn(error), message: String((error as Error).message) };
}

describe('which addresses a chat feed may be fetched from', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['100.100.100.200', 'carrierGradeNat'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['224.0.0.1', 'multicast'],
    ['not-an-address', 'invalid'],
  ])('when the address is %s, then it is refused as %s', (address, range) => {
    expect(refusedRange(address)).toBe(range);
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:93.184.216.34'])('when the address is the public %s, then it is allowed', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('the guarded fetch', () => {
  it('when a URL names a loopback address, then nothing is fetched and the refusal says why', async () => {
    const s = await server();
    s.route('/feed', { body: FEED });
    const { refusal, message } = await failure(fetchFeed(s.url('/feed'), {}, LIMITS, guarded()));
    expect(refusal).toMatchObject({ address: '127.0.0.1', range: 'loopback' });
    expect(message).toContain('127.0.0.1 is a loopback address');
    expect(s.requests).toEqual([]);
  });

  it('when the tests allow a local feed server, then it is fetched', async () => {
    const s = await server();
    s.route('/feed', { body: FEED });
    const got = await fetchFeed(s.url('/feed'), {}, LIMITS, guarded({ testOnlyAllow: [endpoint(s)] }));
    expect(got.kind).toBe('fetched');
    expect(got.kind === 'fetched' ? got.body.toString() : '').toContain('Harbour reopens');
  });

  it('when a host name resolves to 127.0.0.1, then it is refused after resolution and nothing is fetched', async () => {
    const s = await server();
    s.route('/feed', { body: FEED });
    const port = new URL(s.url('/')).port;
    const resolve = async (host: string) => (host === 'news.example' ? [{ address: '127.0.0.1', family: 4 }] : []);
    const { refusal, message } = await failure(fetchFeed(`http://news.example:${port}/feed`, {}, LIMITS, guarded({ resolve, testOnlyAllow: [endpoint(s)] })));
    expect(refusal).toMatchObject({ host: 'news.example', address: '127.0.0.1', range: 'loopback' });
    expect(message).toContain('news.example resolves to 127.0.0.1');
    expect(s.requests).toEqual([]);
  });

  it('when a host name resolves to a public and an internal address, then it is refused whole', async () => {
    const resolve = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ];
    const { refusal } = await failure(fetchFeed('http://mixed.example/feed', {}, LIMITS, guarded({ resolve })));
    expect(refusal).toMatchObject({ address: '10.0.0.7', range: 'private' });
  });

  it.each(['127.0.0.1', 'localhost', '[::1]'])('when an allowed feed redirects to an internal service at %s, then the redirect is refused and the service sees nothing', async (host) => {
    const outside = await server();
    const inside = await server();
    inside.route('/admin/feed', { body: rss([{ title: 'Internal secrets', link: 'https://intranet.example/1' }]) });
    const insidePort = new URL(inside.url('/')).port;
    outside.route('/feed', { kind: 'redirect', to: `http://${host}:${insidePort}/admin/feed` });
    const resolve = async (name: string) => (name === 'localhost' ? [{ address: '127.0.0.1', family: 4 }] : []);
    const { refusal } = await failure(fetchFeed(outside.url('/feed'), {}, LIMITS, guarded({ resolve, testOnlyAllow: [endpoint(outside)] })));
    expect(refusal?.range).toBe('loopback');
    expect(outside.requestsTo('/feed')).toHaveLength(1);
    expect(inside.requests).toEqual([]);
  });

  it('when the address is not http(s), then it is refused', async () => {
    const { message } = await failure(guarded()('file:///etc/passwd'));
    expect(message).toContain('only http: and https:');
  });
});
