/**
 * IPv4 addresses and ranges as integers for the engine. Parsing is lenient (a synthesized value is
 * what it is): anything that is not `a.b.c.d/n` or `a.b.c.d` parses to undefined, which the engine
 * reports as unknown rather than guessing.
 */
import { contains, holds as rangeHolds, intToIp, type Ipv4Range, maskedRange, overlaps, parseIp } from '../../lib/net/range';

/** An inclusive integer range with its prefix length (lib/net/range's {@link Ipv4Range}). */
export type Range = Ipv4Range;

/** Parses a dotted quad (octets 0-255) or undefined. */
export const parseAddress = parseIp;

/** Parses `a.b.c.d/n` (host bits are masked off, as AWS does for NACL entries) or undefined; cached in lib/net/range. */
export const parseRange = maskedRange;

/** Dotted quad of an integer address. */
export const formatAddress = intToIp;

/** True when `range` holds `address`. */
export const holds: (range: Range, address: number) => boolean = rangeHolds;

/** True when the two ranges share an address. */
export const rangesOverlap = overlaps;

/** True when `outer` holds all of `inner`. */
export const rangeContains = contains;

/**
 * The address a query uses for "a workload in this subnet": AWS reserves the network address and the
 * next three (router, DNS, future use), so the first an instance can get is network + 4.
 * https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
 */
export function firstInstanceAddress(range: Range): number {
  return Math.min(range.first + 4, range.last);
}

/**
 * The address the engine gives a managed interface that shares a subnet with workloads (a NAT
 * gateway, a Client VPN network interface): the last one AWS does not reserve (broadcast - 1).
 */
export function lastInstanceAddress(range: Range): number {
  return Math.max(range.last - 1, range.first);
}

/** The first host of a range given for a remote network (on-premises): network + 1, or the address itself for a /32. */
export function firstHost(range: Range): number {
  return range.prefix >= 31 ? range.first : range.first + 1;
}

// Special-purpose blocks that never appear as a public source or destination on the internet
// (RFC 6890): this network, private, shared CGN, loopback, link-local, multicast and reserved.
// (Documentation ranges such as 198.51.100.0/24 count as public: the engine uses one as "the internet".)
const NON_PUBLIC = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3'].map(
  (c) => parseRange(c)!,
);

/** The first public address inside `range`, or undefined when the range is all special-purpose space. */
export function firstPublicAddress(range: Range): number | undefined {
  let cursor = range.first;
  while (cursor <= range.last) {
    const special = NON_PUBLIC.find((r) => holds(r, cursor));
    if (!special) return cursor;
    cursor = special.last + 1;
  }
  return undefined;
}
