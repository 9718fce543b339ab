/**
 * IPv4 address ranges, the one library for them: config validation, the stacks, the constructs, the
 * report and the reachability engine all parse CIDR text here, once, into an {@link Ipv4Range}, an
 * inclusive integer range with its prefix length, so that containment, overlap and free-space
 * questions are exact and cheap. Parsing is ipaddr.js's; this file only turns parsed blocks into
 * integers.
 *
 * Two readings of CIDR text:
 * - strict ({@link parseCidr}, {@link parseIpv4Range}): what a config may write. Dotted quad, prefix
 *   0-32, no host bits, canonical form, because `terraform validate` rejects the rest on aws_vpc and
 *   aws_subnet ("expected 10.0.0.0/16, got 10.0.0.0/016").
 * - masked ({@link maskedRange}): what synthesized Terraform holds. Host bits are masked off, as AWS
 *   does for network ACL entries, and anything else parses to undefined for the caller to report as
 *   unknown. https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
 */
import * as ipaddr from 'ipaddr.js';

/** An IPv4 range as an inclusive integer interval (`first` is the network address) and its prefix length. */
export interface Ipv4Range {
  readonly first: number;
  readonly last: number;
  readonly prefix: number;
}

/** A range parsed from canonical CIDR text, with that text. */
export interface Cidr extends Ipv4Range {
  readonly text: string;
}

/** Result of parsing: the block, or why it is not one (with a corrected suggestion when there is one). */
export type CidrParse = { ok: true; cidr: Cidr } | { ok: false; reason: string; suggestion?: string };

/** An inclusive integer interval of addresses (a range without its prefix: any two ends). */
export type AddressRange = Pick<Ipv4Range, 'first' | 'last'>;

const toInt = (addr: ipaddr.IPv4): number => addr.octets.reduce((acc, o) => acc * 256 + o, 0);

/** Integer to dotted quad. */
export function intToIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Parses a single IPv4 address in dotted-quad form (octets 0-255) to an integer, or undefined. */
export function parseIp(text: string): number | undefined {
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return undefined;
  return toInt(ipaddr.IPv4.parse(text));
}

/** Number of addresses in a block of this prefix length. */
const blockSize = (prefix: number): number => 2 ** (32 - prefix);

// A config names the same blocks many times (every rule reads the VPC ranges): each text is parsed
// once, and every caller gets the same frozen result.
const strict = new Map<string, CidrParse>();

/** Strict parse of `a.b.c.d/n`, rejecting IPv6, a missing prefix, host bits and non-canonical text; cached per text. */
export function parseCidr(text: string): CidrParse {
  if (typeof text !== 'string') return parseStrict(text);
  let result = strict.get(text);
  if (result === undefined) {
    result = parseStrict(text);
    if (result.ok) Object.freeze(result.cidr);
    strict.set(text, Object.freeze(result));
  }
  return result;
}

function parseStrict(text: string): CidrParse {
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
  const size = blockSize(prefix);
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

/** Strict parse that throws a RangeError naming the text and the reason (for values that must be valid). */
export function parseIpv4Range(text: string): Cidr {
  const result = parseCidr(text);
  if (!result.ok) throw new RangeError(`"${text}" ${result.reason}`);
  return result.cidr;
}

/** Parses a CIDR that validation has already accepted; throws (as an internal error) otherwise. */
export function cidrOf(text: string): Cidr {
  const result = parseCidr(text);
  if (!result.ok) throw new Error(`internal: ${text} ${result.reason}`);
  return result.cidr;
}

// The engine and the report parse the same few hundred CIDRs (subnets, rules, routes) over and over.
const masked = new Map<string, Ipv4Range | undefined>();

/**
 * Lenient parse of `a.b.c.d/n` as synthesized Terraform holds it: host bits are masked off (as AWS
 * does for NACL entries); anything else (IPv6, a token, no prefix) is undefined. Results are cached.
 */
export function maskedRange(text: string): Ipv4Range | undefined {
  if (masked.has(text)) return masked.get(text);
  const slash = text.indexOf('/');
  const address = slash > 0 ? parseIp(text.slice(0, slash)) : undefined;
  const prefixText = slash > 0 ? text.slice(slash + 1) : '';
  const prefix = /^\d{1,2}$/.test(prefixText) ? Number(prefixText) : 33;
  let range: Ipv4Range | undefined;
  if (address !== undefined && prefix <= 32) {
    const size = blockSize(prefix);
    const first = address - (address % size);
    range = { first, last: first + size - 1, prefix };
  }
  masked.set(text, range);
  return range;
}

/**
 * An interface address written with its prefix (`169.254.100.1/30`, as BGP peer addresses are):
 * the address itself and the range it sits in, or undefined when the text is not one.
 */
export function parseInterfaceAddress(text: string): { readonly address: number; readonly range: Ipv4Range } | undefined {
  const slash = text.indexOf('/');
  const address = slash > 0 ? parseIp(text.slice(0, slash)) : undefined;
  const range = address === undefined ? undefined : maskedRange(text);
  return address === undefined || range === undefined ? undefined : { address, range };
}

/** The address of an interface address written with its prefix (`169.254.100.1/30` gives `169.254.100.1`), or undefined when the text is not one. */
export function interfaceAddressOf(text: string): string | undefined {
  const parsed = parseInterfaceAddress(text);
  return parsed === undefined ? undefined : intToIp(parsed.address);
}

/**
 * Family and prefix length of a CIDR block of either family, host bits tolerated, or undefined when the
 * text is not one: for the few questions asked of IPv6 blocks too ("is it the whole family?").
 */
export function cidrFamily(text: string): { readonly family: 4 | 6; readonly prefix: number } | undefined {
  try {
    const [addr, prefix] = ipaddr.parseCIDR(text);
    return { family: addr.kind() === 'ipv4' ? 4 : 6, prefix };
  } catch {
    return undefined;
  }
}

/** `a.b.c.d/n` of a range. */
export const formatRange = (r: Ipv4Range): string => `${intToIp(r.first)}/${r.prefix}`;

/** The range of a single address (a /32). */
export const hostRange = (address: number): Ipv4Range => ({ first: address, last: address, prefix: 32 });

/** Number of addresses in a range. */
export const size = (c: AddressRange): number => c.last - c.first + 1;

/** True when `range` holds `address`. */
export const holds = (range: AddressRange, address: number): boolean => range.first <= address && address <= range.last;

/** True when `outer` contains all of `inner`. */
export const contains = (outer: AddressRange, inner: AddressRange): boolean => outer.first <= inner.first && inner.last <= outer.last;

/** True when the two blocks share any address. */
export const overlaps = (a: AddressRange, b: AddressRange): boolean => a.first <= b.last && b.first <= a.last;

/**
 * The `index`-th block of length `prefix` inside `range` (index 0 is the first), or undefined when
 * the prefix is shorter than the range's or the index runs past its end.
 */
export function subnet(range: Ipv4Range, prefix: number, index: number): Cidr | undefined {
  if (!Number.isInteger(prefix) || prefix < range.prefix || prefix > 32 || !Number.isInteger(index) || index < 0) return undefined;
  const first = range.first + index * blockSize(prefix);
  if (first + blockSize(prefix) - 1 > range.last) return undefined;
  return { text: `${intToIp(first)}/${prefix}`, first, last: first + blockSize(prefix) - 1, prefix };
}

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
export function freeBlocks(outer: AddressRange, used: readonly AddressRange[]): string[] {
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
export function allocate(outer: AddressRange, prefix: number, used: readonly AddressRange[]): Cidr | undefined {
  const size = blockSize(prefix);
  const sorted = [...used].sort((a, b) => a.first - b.first);
  let candidate = outer.first;
  while (candidate + size - 1 <= outer.last) {
    const end = candidate + size - 1;
    const clash = sorted.find((u) => u.first <= end && candidate <= u.last);
    if (!clash) return cidrOf(`${intToIp(candidate)}/${prefix}`);
    const next = clash.last + 1;
    candidate = Math.ceil(next / size) * size;
  }
  return undefined;
}

/** The address `offset` places after the network address (the VPC resolver is base + 2). */
export const addressAt = (c: AddressRange, offset: number): string => intToIp(c.first + offset);
