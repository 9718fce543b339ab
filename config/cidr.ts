/**
 * IPv4 CIDR arithmetic. Parsing is ipaddr.js's; this file only turns parsed blocks into integer
 * ranges so that containment, overlap and free-space questions are exact and cheap.
 */
import * as ipaddr from 'ipaddr.js';

/** A parsed IPv4 CIDR block as an inclusive integer range. */
export interface Cidr {
  readonly text: string;
  readonly prefix: number;
  readonly first: number;
  readonly last: number;
}

/** Result of parsing: the block, or why it is not one (with a corrected suggestion when there is one). */
export type CidrParse = { ok: true; cidr: Cidr } | { ok: false; reason: string; suggestion?: string };

const toInt = (addr: ipaddr.IPv4): number => addr.octets.reduce((acc, o) => acc * 256 + o, 0);

/** Integer to dotted quad. */
export function intToIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Parses `a.b.c.d/n`, rejecting IPv6, missing prefix and host bits. */
export function parseCidr(text: string): CidrParse {
  if (typeof text !== 'string' || !text.includes('/')) {
    return { ok: false, reason: 'is not a CIDR block (expected a.b.c.d/n)' };
  }
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    // IPv4 first: ipaddr.parseCIDR tries IPv6 first, and the exception it throws and catches for every
    // IPv4 block was most of the config load time. No text parses as both (IPv6 needs a colon, IPv4
    // takes none), so the result is the same.
    parsed = ipaddr.IPv4.parseCIDR(text);
  } catch {
    try {
      parsed = ipaddr.parseCIDR(text);
    } catch {
      return { ok: false, reason: 'is not a valid IPv4 CIDR block (expected a.b.c.d/n with n from 0 to 32)' };
    }
  }
  const [addr, prefix] = parsed;
  if (addr.kind() !== 'ipv4' || !ipaddr.IPv4.isValidFourPartDecimal(text.split('/')[0])) {
    return { ok: false, reason: 'is not an IPv4 CIDR block in dotted-quad form' };
  }
  const size = 2 ** (32 - prefix);
  const value = toInt(addr as ipaddr.IPv4);
  const first = value - (value % size);
  if (first !== value) {
    const suggestion = `${intToIp(first)}/${prefix}`;
    return { ok: false, reason: `has host bits set (the network address of /${prefix} is ${suggestion})`, suggestion };
  }
  // "10.0.0.0/016" parses, but `terraform validate` rejects it on aws_vpc: "expected 10.0.0.0/16, got 10.0.0.0/016".
  const canonical = `${intToIp(first)}/${prefix}`;
  if (text !== canonical) return { ok: false, reason: `is not written in canonical form (${canonical})`, suggestion: canonical };
  return { ok: true, cidr: { text, prefix, first, last: first + size - 1 } };
}

/** Parses a CIDR that validation has already accepted; throws otherwise. */
export function cidrOf(text: string): Cidr {
  const result = parseCidr(text);
  if (!result.ok) throw new Error(`internal: ${text} ${result.reason}`);
  return result.cidr;
}

/** Parses a single IPv4 address to an integer, or undefined. */
export function parseIp(text: string): number | undefined {
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return undefined;
  return toInt(ipaddr.IPv4.parse(text));
}

/** An inclusive integer range of addresses (a {@link Cidr} without its text). */
export type AddressRange = Pick<Cidr, 'first' | 'last'>;

/** Number of addresses in a block. */
export const size = (c: AddressRange): number => c.last - c.first + 1;

/** True when `outer` contains all of `inner`. */
export const contains = (outer: AddressRange, inner: AddressRange): boolean => outer.first <= inner.first && inner.last <= outer.last;

/** True when the two blocks share any address. */
export const overlaps = (a: AddressRange, b: AddressRange): boolean => a.first <= b.last && b.first <= a.last;

/** Smallest list of CIDR blocks that exactly covers the inclusive integer range [first, last]. */
export function rangeToCidrs(first: number, last: number): string[] {
  const out: string[] = [];
  let cursor = first;
  while (cursor <= last) {
    let prefix = 32;
    // Grow the block while it stays aligned at `cursor` and inside the range.
    while (prefix > 0) {
      const bigger = 2 ** (32 - prefix + 1);
      if (cursor % bigger !== 0 || cursor + bigger - 1 > last) break;
      prefix -= 1;
    }
    out.push(`${intToIp(cursor)}/${prefix}`);
    cursor += 2 ** (32 - prefix);
  }
  return out;
}

/** Ranges of `outer` not covered by any of `used`, as CIDR blocks in address order. */
export function freeBlocks(outer: Cidr, used: readonly Cidr[]): string[] {
  const sorted = [...used].filter((u) => overlaps(outer, u)).sort((a, b) => a.first - b.first);
  const out: string[] = [];
  let cursor = outer.first;
  for (const u of sorted) {
    if (u.first > cursor) out.push(...rangeToCidrs(cursor, u.first - 1));
    cursor = Math.max(cursor, u.last + 1);
  }
  if (cursor <= outer.last) out.push(...rangeToCidrs(cursor, outer.last));
  return out;
}

/**
 * First aligned block of the given prefix inside `outer` that overlaps none of `used`,
 * or undefined when the VPC has no room left.
 */
export function allocate(outer: Cidr, prefix: number, used: readonly Cidr[]): Cidr | undefined {
  const blockSize = 2 ** (32 - prefix);
  const sorted = [...used].sort((a, b) => a.first - b.first);
  let candidate = outer.first;
  while (candidate + blockSize - 1 <= outer.last) {
    const end = candidate + blockSize - 1;
    const clash = sorted.find((u) => u.first <= end && candidate <= u.last);
    if (!clash) return cidrOf(`${intToIp(candidate)}/${prefix}`);
    const next = clash.last + 1;
    candidate = Math.ceil(next / blockSize) * blockSize;
  }
  return undefined;
}

/** The address `offset` places after the network address (the VPC resolver is base + 2). */
export const addressAt = (c: Cidr, offset: number): string => intToIp(c.first + offset);
