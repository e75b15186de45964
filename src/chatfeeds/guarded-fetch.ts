import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import type { Agent, buildConnector } from 'undici';
import type { FetchLike } from '../ingest/feeds/fetch-feed.js';
import { AddressRefusedError, refusedRange } from './address-policy.js';

/** Resolves a host name to its addresses (all of them, as `dns.lookup` with `all: true` does). */
export type Resolve = (hostname: string) => Promise<readonly LookupAddress[]>;

export interface GuardOptions {
  /** The resolver; the system's (`dns.lookup`) by default. Tests inject one. */
  resolve?: Resolve;
  /**
   * FOR TESTS ONLY: "ip:port" endpoints (IP literals, e.g. "127.0.0.1:41234") that may be
   * connected to although they are not public, because the tests' feed servers listen on the
   * loopback address. Wired only by test code: no setting, flag or environment variable reaches it.
   */
  testOnlyAllow?: readonly string[];
}

/** A `fetch` that connects only to public addresses; `close()` ends its connections. */
export interface GuardedFetch extends FetchLike {
  close(): Promise<void>;
}

/**
 * A `fetch` for addresses people give the bot (/addfeed), safe against server-side request
 * forgery by construction: the check is made where the connection is opened, on the address
 * connected to. A host name is resolved once, every address it gives must be public (see
 * `refusedRange`: loopback, private, link-local and cloud metadata, unique-local, unspecified,
 * carrier-grade NAT, reserved and multicast ranges are refused), and the socket connects to that
 * same checked address, so DNS rebinding between check and use cannot happen; an IP literal is
 * checked as it is. Every connection goes through this check, so every redirect hop does too.
 * Only http: and https: URLs are fetched. A refusal fails the request with an
 * {@link AddressRefusedError} in its `cause` chain (see `refusalIn`).
 */
export function createGuardedFetch(options: GuardOptions = {}): GuardedFetch {
  const resolve: Resolve = options.resolve ?? ((hostname) => dnsLookup(hostname, { all: true, verbatim: true }));
  const allowed = new Set(options.testOnlyAllow ?? []);

  const lookup = (hostname: string, opts: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void => {
    resolve(hostname).then(
      (answers) => {
        if (answers.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
        // Every answer must be public: a name that also resolves to an internal address is refused whole.
        for (const answer of answers) {
          const range = refusedRange(answer.address);
          if (range) throw new AddressRefusedError(hostname, answer.address, range);
        }
        const wanted = opts.family === 4 || opts.family === 6 ? answers.filter((a) => a.family === opts.family) : [...answers];
        if (opts.all) return callback(null, wanted);
        const first = wanted[0];
        if (!first) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (IPv${String(opts.family)})`), { code: 'ENOTFOUND' });
        callback(null, first.address, first.family);
      },
    ).catch((error: unknown) => callback(error as NodeJS.ErrnoException, '', 0));
  };

  // undici (its own HTTP client and WASM parser) is loaded with the first fetch: most bots never
  // have a chat feed to read, and the module costs a few MB of memory held for the process's life.
  let client: Promise<{ agent: Agent; fetch: typeof import('undici').fetch }> | undefined;
  const load = async () => {
    const undici = await import('undici');
    const connectChecked = undici.buildConnector({ lookup } as buildConnector.BuildOptions);
    const agent = new undici.Agent({
      connect(opts, callback) {
        const host = opts.hostname.replace(/^\[(.*)\]$/, '$1');
        if (isIP(host)) {
          // The socket connects to a literal without any lookup: check it here.
          const port = opts.port || (opts.protocol === 'https:' ? '443' : '80');
          const range = allowed.has(`${host}:${port}`) ? undefined : refusedRange(host);
          if (range) {
            callback(new AddressRefusedError(host, host, range), null);
            return;
          }
        }
        connectChecked(opts, callback);
      },
    });
    return { agent, fetch: undici.fetch };
  };

  const guarded = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`only http: and https: addresses are fetched, not ${url.protocol}`);
    const { agent, fetch } = await (client ??= load());
    return fetch(url, { ...(init as object), dispatcher: agent } as Parameters<typeof fetch>[1]);
  }) as unknown as GuardedFetch;
  guarded.close = async () => {
    if (client) await (await client).agent.close();
  };
  return guarded;
}
