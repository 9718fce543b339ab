/**
 * Client VPN and load balancer rules: the client range, associated subnets, users; ALB subnets,
 * host rules and ports.
 * https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/cvpn-working-endpoints.html (client CIDR /12 to /22)
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html
 */
import { overlaps, parseCidr } from '../cidr';
import { ConfigIssue, didYouMean } from '../issues';
import { clientVpnSubnets } from '../model';
import { Rule } from './context';
import { landingZoneRanges } from './network';

/** Prefix range AWS accepts for a Client VPN client CIDR. */
export const CLIENT_CIDR_PREFIX = { min: 12, max: 22 } as const;
/** Listener rules per Application Load Balancer (default quota, excluding default rules). */
export const ALB_RULES_PER_LOAD_BALANCER = 100;

/** `<name>-<spoke> Client VPN CA` must fit a 64-character common name. */
export const MAX_PKI_NAME = 50;

const COMMON_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** The client range is /12-/22 and overlaps no VPC, hub VPC or on-premises range; Direct Connect never advertises it. */
export const clientVpnRange: Rule = (ctx) => {
  const ranges = landingZoneRanges(ctx);
  return ctx.config.spokes.flatMap((s, i) => {
    if (!s.clientVpn) return [];
    const path = ['spokes', i, 'clientVpn', 'clientCidr'];
    const parsed = parseCidr(s.clientVpn.clientCidr);
    if (!parsed.ok) return [{ path, value: s.clientVpn.clientCidr, message: parsed.reason, fix: parsed.suggestion ? `write ${parsed.suggestion}` : 'write an IPv4 block such as 10.100.0.0/22' }];
    const issues: ConfigIssue[] = [];
    if (parsed.cidr.prefix < CLIENT_CIDR_PREFIX.min || parsed.cidr.prefix > CLIENT_CIDR_PREFIX.max) {
      issues.push({ path, value: s.clientVpn.clientCidr, message: `is a /${parsed.cidr.prefix}; a Client VPN client range is /${CLIENT_CIDR_PREFIX.min} to /${CLIENT_CIDR_PREFIX.max}`, fix: 'use a /22 (1,024 addresses) or larger up to /12' });
    }
    const clash = ranges.find((r) => overlaps(r.cidr, parsed.cidr));
    if (clash) issues.push({ path, value: s.clientVpn.clientCidr, message: `overlaps ${clash.cidr.text} of ${clash.owner}`, fix: 'pick a range no VPC or on-premises network uses' });
    const dx = ctx.config.hub.directConnect?.allowedPrefixes;
    if (Array.isArray(dx)) {
      dx.forEach((p, j) => {
        const prefix = parseCidr(p);
        if (prefix.ok && overlaps(prefix.cidr, parsed.cidr)) {
          issues.push({ path: ['hub', 'directConnect', 'allowedPrefixes', j], value: p, message: `includes the Client VPN range ${s.clientVpn!.clientCidr} of spoke "${s.name}", which on-premises must not route to`, fix: 'narrow the allowed prefixes or move the client range' });
        }
      });
    }
    return issues;
  });
};

/** Associated subnets exist, are db-tier and sit in distinct AZs; users are unique valid common names. */
export const clientVpnSubnetsAndUsers: Rule = ({ config, spokes }) =>
  spokes.flatMap(({ spoke, path, subnets }) => {
    const vpn = spoke.clientVpn;
    if (!vpn) return [];
    const at = [...path, 'clientVpn'];
    const issues: ConfigIssue[] = [];
    const names = clientVpnSubnets(spoke, subnets);
    if (names.length === 0) issues.push({ path: at, value: undefined, message: 'has no db subnet to associate with', fix: 'add db-tier subnets, or list subnets under clientVpn.subnets' });
    const seenAz = new Map<string, string>();
    names.forEach((name, j) => {
      const p = vpn.subnets ? [...at, 'subnets', j] : at;
      const subnet = subnets.find((s) => s.name === name);
      if (!subnet) return void issues.push({ path: p, value: name, message: `is not a subnet of this VPC${didYouMean(name, subnets.map((s) => s.name))}`, fix: 'name a db subnet' });
      if (subnet.tier !== 'db') issues.push({ path: p, value: name, message: `is in the ${subnet.tier} tier; Client VPN associates with the db tier`, fix: 'name a db subnet' });
      if (seenAz.has(subnet.az)) issues.push({ path: p, value: name, message: `is in ${subnet.az} like "${seenAz.get(subnet.az)}"; associations need distinct AZs`, fix: 'keep one subnet per AZ' });
      seenAz.set(subnet.az, name);
    });
    const seen = new Map<string, string>();
    vpn.users.forEach((u, j) => {
      const p = [...at, 'users', j];
      // Users name Terraform outputs (letters, digits, _ and -) and certificates (case-insensitive in practice).
      const key = u.replace(/[^A-Za-z0-9_-]/g, '_').toLowerCase();
      if (!COMMON_NAME.test(u)) issues.push({ path: p, value: u, message: 'is not a valid certificate common name', fix: 'use up to 64 letters, digits, dots, underscores, hyphens or @' });
      else if (seen.has(key)) issues.push({ path: p, value: u, message: `collides with user "${seen.get(key)}" (same certificate and output name)`, fix: 'list each user once, with names that differ in more than case or punctuation' });
      if (!seen.has(key)) seen.set(key, u);
    });
    const pkiName = `${config.name}-${spoke.name}`;
    if (pkiName.length > MAX_PKI_NAME) {
      issues.push({ path: [...path, 'name'], value: spoke.name, message: `makes the VPN CA name "${pkiName} Client VPN CA" longer than the 64 characters a certificate common name allows`, fix: `keep "<name>-<spoke>" at ${MAX_PKI_NAME} characters or fewer` });
    }
    (vpn.authorizedCidrs ?? []).forEach((c, j) => {
      const parsed = parseCidr(c);
      if (!parsed.ok) issues.push({ path: [...at, 'authorizedCidrs', j], value: c, message: parsed.reason, fix: parsed.suggestion ? `write ${parsed.suggestion}` : 'write an IPv4 block' });
    });
    return issues;
  });

/** The ALB needs public subnets in two AZs; host names are valid and unique; the rule count fits; ports are ports. */
export const loadBalancerRules: Rule = ({ spokes }) =>
  spokes.flatMap(({ spoke, path, subnets }) => {
    const alb = spoke.alb;
    if (!alb) return [];
    const at = [...path, 'alb'];
    const issues: ConfigIssue[] = [];
    const publicAzs = new Set(subnets.filter((s) => s.tier === 'public').map((s) => s.az));
    if (publicAzs.size < 2) issues.push({ path: at, value: undefined, message: `needs public subnets in two AZs, but the VPC has them in ${publicAzs.size}`, fix: 'add public subnets in at least two AZs' });
    if (alb.hosts.length > ALB_RULES_PER_LOAD_BALANCER) issues.push({ path: [...at, 'hosts'], value: alb.hosts.length, message: `rules exceed the ${ALB_RULES_PER_LOAD_BALANCER} rules per load balancer AWS allows by default`, fix: 'use wildcard hosts or a second load balancer' });
    const seen = new Set<string>();
    alb.hosts.forEach((h, j) => {
      const p = [...at, 'hosts', j];
      const host = h.host.toLowerCase();
      if (!HOST.test(host)) issues.push({ path: [...p, 'host'], value: h.host, message: 'is not a valid host name', fix: 'write a domain such as shop.example.com (a leading *. is allowed)' });
      else if (seen.has(host)) issues.push({ path: [...p, 'host'], value: h.host, message: 'already has a rule', fix: 'give every host one rule' });
      seen.add(host);
      if (h.port < 1 || h.port > 65535) issues.push({ path: [...p, 'port'], value: h.port, message: 'is not a TCP port', fix: 'use 1-65535' });
    });
    alb.allowedCidrs.forEach((c, j) => {
      const parsed = parseCidr(c);
      if (!parsed.ok) issues.push({ path: [...at, 'allowedCidrs', j], value: c, message: parsed.reason, fix: parsed.suggestion ? `write ${parsed.suggestion}` : 'write an IPv4 block' });
    });
    return issues;
  });

/** Without a certificate the ALB serves plain HTTP: allowed, but said out loud. */
export const loadBalancerWithoutTls: Rule = ({ config }) =>
  config.spokes.flatMap((s, i) =>
    s.alb && !s.alb.certificateArn
      ? [{ path: ['spokes', i, 'alb', 'certificateArn'], value: undefined, severity: 'warning' as const, message: 'is not set, so the load balancer serves HTTP only (no TLS)', fix: 'add the ARN of an ACM certificate for the hosts' }]
      : [],
  );
