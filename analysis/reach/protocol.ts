/** Protocol names and numbers as security groups and NACLs write them. */
import type { Protocol } from './types';

/** `tcp`/`6` → `tcp`, `udp`/`17` → `udp`, `icmp`/`1` → `icmp`, `-1`/`all` → `all`; anything else stays as written. */
export function normalizeProtocol(protocol: string): Protocol | 'all' | string {
  switch (protocol.toLowerCase()) {
    case '-1':
    case 'all':
      return 'all';
    case 'tcp':
    case '6':
      return 'tcp';
    case 'udp':
    case '17':
      return 'udp';
    case 'icmp':
    case '1':
      return 'icmp';
    default:
      return protocol;
  }
}

/** True when a rule's protocol covers the query's. */
export function protocolMatches(ruleProtocol: string, query: Protocol): boolean {
  const p = normalizeProtocol(ruleProtocol);
  return p === 'all' || p === query;
}

/** True when ports do not apply to the rule (all protocols, or ICMP whose "ports" are type and code). */
export function portsIgnored(ruleProtocol: string, query: Protocol): boolean {
  return normalizeProtocol(ruleProtocol) === 'all' || query === 'icmp';
}

/** `tcp/443`, `udp/53`, `icmp`, `tcp/1024-65535`. */
export function flowText(protocol: Protocol, ports: readonly [number, number]): string {
  if (protocol === 'icmp') return 'icmp';
  return ports[0] === ports[1] ? `${protocol}/${ports[0]}` : `${protocol}/${ports[0]}-${ports[1]}`;
}
