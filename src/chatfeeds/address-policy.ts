import ipaddr from 'ipaddr.js';

/**
 * Why an address may not be fetched for a chat: the ipaddr.js range it falls in ("loopback",
 * "private", "linkLocal" (cloud metadata at 169.254.169.254 among them), "uniqueLocal",
 * "unspecified", "carrierGradeNat", "reserved", "multicast", ...), "invalid" for text that is no
 * address; undefined for a public unicast address, the only kind a chat's feed may live on.
 * IPv4 written inside IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is.
 */
export function refusedRange(address: string): string | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  // A zone index ("fe80::1%eth0") only ever comes with link-local addresses.
  if (bare.includes('%')) return 'linkLocal';
  if (!ipaddr.isValid(bare)) return 'invalid';
  const parsed = ipaddr.process(bare);
  const range = parsed.range();
  return range === 'unicast' ? undefined : range;
}

/** Whether `address` is a public unicast IPv4 or IPv6 address (see {@link refusedRange}). */
export function isPublicAddress(address: string): boolean {
  return refusedRange(address) === undefined;
}

/** Thrown, and given as a connection's error, when an address a chat's feed would be fetched from is not public. */
export class AddressRefusedError extends Error {
  override readonly name = 'AddressRefusedError';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(
      host === address
        ? `refused: ${address} is a ${describeRange(range)} address; only public addresses are fetched`
        : `refused: ${host} resolves to ${address}, a ${describeRange(range)} address; only public addresses are fetched`,
    );
  }
}

/** The refusal somewhere in an error's `cause` chain (fetch wraps connection errors twice). */
export function refusalIn(error: unknown): AddressRefusedError | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    if (e instanceof AddressRefusedError) return e;
  }
  return undefined;
}

function describeRange(range: string): string {
  const names: Record<string, string> = {
    loopback: 'loopback',
    private: 'private',
    linkLocal: 'link-local (cloud metadata)',
    uniqueLocal: 'private (unique local)',
    unspecified: 'unspecified',
    carrierGradeNat: 'shared (carrier-grade NAT)',
    multicast: 'multicast',
    broadcast: 'broadcast',
    invalid: 'invalid',
  };
  return names[range] ?? `non-public (${range})`;
}
