/**
 * Perimeter rules: the DNS Firewall lists and answers (`hub.dnsFirewall`) and VPC Block Public
 * Access (`blockPublicAccess`): every exclusion names a VPC of the landing zone, and the mode never
 * blocks an internet path the config itself builds (central or local NAT, internet-facing ALBs)
 * without an exclusion for it. https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa.html
 */
import { DNS_FIREWALL_NAME, DOMAIN_LIST_ID, FIREWALL_DOMAIN, MANAGED_DOMAIN_LIST_NAMES, MAX_DOMAINS_PER_LIST } from '../../lib/aws/dns-firewall';
import { ConfigIssue, didYouMean } from '../issues';
import { egressModeOf, firewallDomain, natModeOf } from '../model';
import { LandingZoneConfig } from '../schema';
import { Rule } from './context';

const FW = ['hub', 'dnsFirewall'];

/** Managed lists are known AWS names with a domain-list id; user domains are valid, in one list only; OVERRIDE has its answer. */
export const dnsFirewallLists: Rule = ({ config }) => {
  const fw = config.hub.dnsFirewall;
  if (!fw) return [];
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  fw.managedDomainLists.forEach((l, i) => {
    const at = [...FW, 'managedDomainLists', i];
    if (!MANAGED_DOMAIN_LIST_NAMES.includes(l.name)) {
      issues.push({ path: [...at, 'name'], value: l.name, message: `is not an AWS managed domain list${didYouMean(l.name, MANAGED_DOMAIN_LIST_NAMES)}`, fix: `use one of: ${MANAGED_DOMAIN_LIST_NAMES.join(', ')}` });
    } else if (seen.has(l.name)) {
      issues.push({ path: [...at, 'name'], value: l.name, message: 'is listed twice', fix: 'list each managed domain list once' });
    }
    seen.add(l.name);
    if (!DOMAIN_LIST_ID.test(l.id)) {
      issues.push({ path: [...at, 'id'], value: l.id, message: 'is not a DNS Firewall domain list id like rslvr-fdl-0123456789abcdef', fix: `look it up in this Region: aws route53resolver list-firewall-domain-lists --query "FirewallDomainLists[?Name=='${l.name}'].Id"` });
    }
  });
  for (const key of ['blockDomains', 'allowDomains'] as const) {
    fw[key].forEach((d, i) => {
      if (!FIREWALL_DOMAIN.test(d.trim()) || d.trim().length > 255) {
        issues.push({ path: [...FW, key, i], value: d, message: 'is not a domain DNS Firewall accepts (letters, digits, "-" and dots, optionally starting with "*.", at most 255 characters)', fix: 'write a name such as example.com or *.example.com' });
      }
    });
    const distinct = new Set(fw[key].map(firewallDomain)).size;
    if (distinct > MAX_DOMAINS_PER_LIST) {
      issues.push({ path: [...FW, key], value: `${distinct} domains`, message: `holds more than the ${MAX_DOMAINS_PER_LIST} domains the provider can write in one UpdateFirewallDomains request`, fix: `keep at most ${MAX_DOMAINS_PER_LIST}, or block whole zones with "*." entries` });
    }
  }
  const blocked = new Set(fw.blockDomains.map(firewallDomain));
  fw.allowDomains.forEach((d, i) => {
    if (blocked.has(firewallDomain(d))) {
      issues.push({ path: [...FW, 'allowDomains', i], value: d, message: 'is also in blockDomains; the allow rule runs first, so the block entry would never apply', fix: 'remove it from one of the two lists' });
    }
  });
  if (fw.blockResponse === 'OVERRIDE' && !fw.blockOverride) {
    issues.push({ path: [...FW, 'blockResponse'], value: fw.blockResponse, message: 'needs blockOverride: the name blocked queries are answered with', fix: 'add blockOverride: { domain: blocked.example.com }, or use NXDOMAIN' });
  }
  if (fw.blockOverride && fw.blockResponse !== 'OVERRIDE') {
    issues.push({ path: [...FW, 'blockOverride'], value: fw.blockOverride, message: `is never used: blockResponse is ${fw.blockResponse}`, fix: 'set blockResponse: OVERRIDE, or remove blockOverride' });
  }
  if (fw.managedDomainLists.length === 0 && fw.blockDomains.length === 0) {
    issues.push({ path: FW, value: fw, message: 'blocks nothing: it has neither managedDomainLists nor blockDomains', fix: 'add AWSManagedDomainsAggregateThreatList (with its id) or a blockDomains entry' });
  }
  // Rule and list names derive from the landing-zone name: `<name>-dns-firewall-block` etc.
  if (!DNS_FIREWALL_NAME.test(`${config.name}-dns-firewall-allow`)) {
    issues.push({ path: ['name'], value: config.name, message: 'makes DNS Firewall names AWS refuses', fix: 'use letters, digits and "-" only' });
  }
  return issues;
};

/** The VPCs an exclusion may name: `egress` and `inspection` of the hub when present, and every spoke. */
function exclusionTargets(config: LandingZoneConfig): string[] {
  // `hub.inspection` comes with the inspection VPC (issue 20); read it without depending on its shape.
  const inspection = (config.hub as { readonly inspection?: unknown }).inspection !== undefined;
  return [...(config.hub.egress ? ['egress'] : []), ...(inspection ? ['inspection'] : []), ...config.spokes.map((s) => s.name)];
}

/** Every exclusion names an existing VPC once, `subnets: public` finds public subnets there, and each mode has an effect. */
export const blockPublicAccessExclusions: Rule = ({ config, spokes }) => {
  const bpa = config.blockPublicAccess;
  if (!bpa) return [];
  const issues: ConfigIssue[] = [];
  const targets = exclusionTargets(config);
  const seen = new Set<string>();
  bpa.exclusions.forEach((e, i) => {
    const at = ['blockPublicAccess', 'exclusions', i];
    if (!targets.includes(e.vpc)) {
      issues.push({ path: [...at, 'vpc'], value: e.vpc, message: `is not a VPC of this landing zone that can have an internet gateway${didYouMean(e.vpc, targets)}`, fix: `use one of: ${targets.join(', ') || '(none: the config has no egress VPC and no spokes)'}` });
      return;
    }
    if (seen.has(e.vpc)) issues.push({ path: [...at, 'vpc'], value: e.vpc, message: 'already has an exclusion', fix: 'keep one exclusion per VPC' });
    seen.add(e.vpc);
    // Synth excludes the public subnets of the VPC: where there are none, the exclusion would be dropped silently.
    const spoke = spokes.find((s) => s.spoke.name === e.vpc);
    if (e.subnets === 'public' && spoke && !spoke.subnets.some((s) => s.tier === 'public')) {
      issues.push({ path: [...at, 'subnets'], value: e.subnets, message: `finds nothing: spoke "${e.vpc}" has no public subnets`, fix: 'remove the exclusion, or add a public tier' });
    } else if (e.subnets === 'public' && !spoke && e.vpc === 'inspection') {
      issues.push({
        path: [...at, 'subnets'],
        value: e.subnets,
        message: 'finds nothing: the hub inspection VPC has no public subnets (only firewall and attachment subnets, and no internet gateway)',
        fix: 'remove the exclusion: internet traffic of inspected segments leaves through the egress VPC, whose exclusion covers it',
      });
    }
    if (bpa.mode === 'ingress' && e.mode === 'allow-egress') {
      issues.push({
        path: [...at, 'mode'],
        value: e.mode,
        message: 'changes nothing under mode ingress (allow-egress only lifts the outbound block of bidirectional)',
        fix: 'use allow-bidirectional to admit inbound internet traffic, or remove the exclusion',
        severity: 'warning',
      });
    }
  });
  return issues;
};

/** One internet path the config builds, and what it needs of Block Public Access. */
interface InternetPath {
  readonly vpc: string;
  readonly what: string;
  /** Blocked by `ingress` too (inbound), or only by `bidirectional` (outbound through NAT). */
  readonly inbound: boolean;
  readonly path: readonly (string | number)[];
}

/**
 * The mode never blocks a path the config needs without an exclusion: under `bidirectional` the NAT
 * gateways of the hub egress VPC and of spokes with local NAT need at least `allow-egress`; under
 * either mode an internet-facing ALB needs `allow-bidirectional` on its spoke. Without them BPA
 * silently cuts central egress or the load balancer.
 */
export const blockPublicAccessCoversPaths: Rule = ({ config, spokes }) => {
  const bpa = config.blockPublicAccess;
  if (!bpa) return [];
  const needs: InternetPath[] = [];
  if (config.hub.egress) needs.push({ vpc: 'egress', what: 'the NAT gateways of the hub egress VPC (central egress)', inbound: false, path: ['blockPublicAccess', 'mode'] });
  for (const { spoke, path, subnets } of spokes) {
    const egress = egressModeOf(config, spoke);
    if (egress === 'local' && natModeOf(spoke.vpc, subnets, egress) !== 'none') needs.push({ vpc: spoke.name, what: `the NAT gateways of spoke "${spoke.name}" (local egress)`, inbound: false, path: ['blockPublicAccess', 'mode'] });
    if (spoke.alb) needs.push({ vpc: spoke.name, what: `the internet-facing load balancer of spoke "${spoke.name}"`, inbound: true, path: [...path, 'alb'] });
  }
  const issues: ConfigIssue[] = [];
  for (const need of needs) {
    if (!need.inbound && bpa.mode !== 'bidirectional') continue;
    const index = bpa.exclusions.findIndex((e) => e.vpc === need.vpc);
    const exclusion = index >= 0 ? bpa.exclusions[index] : undefined;
    const wanted = need.inbound ? 'allow-bidirectional' : 'allow-egress';
    const example = `{ vpc: ${need.vpc}, subnets: public, mode: ${wanted}, reason: ... }`;
    if (!exclusion) {
      issues.push({
        path: need.path,
        value: need.inbound ? need.vpc : bpa.mode,
        message: `${need.inbound ? 'is blocked by' : 'blocks'} VPC Block Public Access (mode ${bpa.mode}): ${need.what} ${need.inbound ? 'needs inbound internet traffic' : 'need outbound internet traffic'} and ${need.vpc} has no exclusion`,
        fix: `add to blockPublicAccess.exclusions ${example}${need.inbound ? '' : ', or use mode: ingress'}`,
      });
    } else if (need.inbound && exclusion.mode !== 'allow-bidirectional') {
      issues.push({
        path: ['blockPublicAccess', 'exclusions', index, 'mode'],
        value: exclusion.mode,
        message: `admits no inbound internet traffic, which ${need.what} needs`,
        fix: 'use mode: allow-bidirectional',
      });
    }
  }
  return issues;
};
