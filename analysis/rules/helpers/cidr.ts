/** Rule-pack helpers: CIDR tests (world-open, RFC 1918) over the shared range library. */
import { cidrFamily, cidrOf, contains, maskedRange, type Cidr } from '../../../lib/net/range';

/** RFC 1918 private IPv4 space: the only ranges this pack calls internal. */
export const PRIVATE_IPV4_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
const PRIVATE_BLOCKS: readonly Cidr[] = PRIVATE_IPV4_RANGES.map(cidrOf);

/** A CIDR block of either family, host bits tolerated: family and prefix length, or undefined when not a CIDR. */
export const parseAnyCidr = cidrFamily;

/** True for a block that covers every address of its family (`0.0.0.0/0`, `::/0`). */
export function isWorldCidr(text: string): boolean {
  return parseAnyCidr(text)?.prefix === 0;
}

/** True for an IPv4 block inside RFC 1918 space. */
export function isPrivateIpv4(text: string): boolean {
  // Host bits masked off (lib/net/range), as AWS reads a rule's CIDR.
  const block = maskedRange(text);
  return block !== undefined && PRIVATE_BLOCKS.some((p) => contains(p, block));
}
