/**
 * Addresses and ports the negative intents try. "Nothing from the internet" cannot be tried address
 * by address, so the probes are the default internet address plus the first public address of every
 * range a security group or NACL of the VPC names: an address any rule treats differently from the
 * default is tried too.
 */
import type { LoadBalancer } from '../network/types';
import { firstPublicAddress, formatAddress, holds, parseRange } from '../reach/address';
import type { ModelIndex } from '../reach/model-index';
import { DEFAULT_INTERNET_ADDRESS } from '../reach/types';

/** Internet source addresses to try against interfaces of `vpc`. */
export function internetProbes(index: ModelIndex, vpc: string): string[] {
  const cidrs: string[] = [];
  for (const group of index.model.securityGroups) {
    if (group.vpc !== vpc) continue;
    for (const rule of group.ingress) if (rule.peer.kind === 'cidr') cidrs.push(rule.peer.cidr);
  }
  for (const acl of index.model.networkAcls) {
    if (acl.vpc !== vpc) continue;
    for (const rule of acl.rules) if (!rule.egress) cidrs.push(rule.cidr);
  }
  const probes = new Set([DEFAULT_INTERNET_ADDRESS]);
  const fallback = parseRange(`${DEFAULT_INTERNET_ADDRESS}/32`)!.first;
  for (const cidr of cidrs) {
    const range = parseRange(cidr);
    // A range holding the default address treats it like any of its own: nothing new to try.
    if (!range || holds(range, fallback)) continue;
    const address = firstPublicAddress(range);
    if (address !== undefined) probes.add(formatAddress(address));
  }
  return [...probes];
}

/** An internet address the load balancer's groups admit on `port`, so that the positive check tries an allowed client. */
export function allowedClient(index: ModelIndex, lb: LoadBalancer, port: number): string {
  for (const id of lb.securityGroups) {
    for (const rule of index.securityGroups.get(id)?.ingress ?? []) {
      if (rule.peer.kind !== 'cidr' || port < rule.fromPort || port > rule.toPort) continue;
      const range = parseRange(rule.peer.cidr);
      const address = range && firstPublicAddress(range);
      const fallback = parseRange(`${DEFAULT_INTERNET_ADDRESS}/32`)!;
      // Prefer the default address when the rule admits it: evidence then reads the same everywhere.
      if (range && holds(range, fallback.first)) return DEFAULT_INTERNET_ADDRESS;
      if (address !== undefined) return formatAddress(address);
    }
  }
  return DEFAULT_INTERNET_ADDRESS;
}

/** Administrative ports nobody outside a VPC may open a connection to (SSH, RDP). */
export const ADMIN_PORTS = [22, 3389] as const;

/** Distinct numbers in first-seen order. */
export function uniquePorts(ports: readonly number[]): number[] {
  return [...new Set(ports)];
}
