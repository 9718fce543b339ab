/**
 * Shared-endpoints and hybrid DNS rules: catalog services, policy opt-outs with reasons, the
 * endpoints segment every spoke reaches, Resolver inbound addresses (2 to 6 in distinct AZs, static
 * ones inside their subnet and not AWS-reserved) and outbound forwarding rules.
 * Resolver endpoint limits: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-inbound-queries.html
 */
import { cidrOf, contains, parseCidr, parseIp } from '../../lib/net/range';
import { ENDPOINT_CATALOG, endpointService, NOT_CENTRALIZABLE } from '../../lib/aws/endpoints';
import { ConfigIssue, didYouMean } from '../issues';
import { endpointsLayout, expandSubnets } from '../model';
import { AWS_RESERVED_PER_SUBNET, RESOLVER_ADDRESSES } from '../../lib/aws/vpc';
import { Rule } from './context';

// Addresses per Resolver endpoint (2 to 6): RESOLVER_ADDRESSES, lib/aws/vpc.ts.

/** Minimum length of a reason that opts an endpoint out of the organization-only policy. */
export const MIN_REASON_LENGTH = 10;

const catalogNames = (): string[] => ENDPOINT_CATALOG.map((s) => s.name);

/** Services come from the catalog, once each; gateway-only ones are refused with why. */
export const endpointServicesKnown: Rule = ({ config }) => {
  const endpoints = config.hub.endpoints;
  if (!endpoints) return [];
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, number>();
  endpoints.services.forEach((name, i) => {
    const path = ['hub', 'endpoints', 'services', i];
    if (seen.has(name)) issues.push({ path, value: name, message: `is already listed at services[${seen.get(name)}]`, fix: 'list each service once' });
    else if (Object.hasOwn(NOT_CENTRALIZABLE, name)) issues.push({ path, value: name, message: `cannot be centralized: ${NOT_CENTRALIZABLE[name]}`, fix: 'remove it from the central services and follow the alternative the message names' });
    else if (!endpointService(name)) {
      issues.push({ path, value: name, message: `is not in the endpoint catalog${didYouMean(name, catalogNames())}`, fix: `use a catalog name (config/endpoint-catalog.ts): ${catalogNames().join(', ')}` });
    }
    if (!seen.has(name)) seen.set(name, i);
  });
  const opened = new Set<string>();
  endpoints.openPolicy.forEach((o, i) => {
    const path = ['hub', 'endpoints', 'openPolicy', i];
    if (opened.has(o.service)) issues.push({ path: [...path, 'service'], value: o.service, message: 'is opted out twice', fix: 'keep one entry per service' });
    opened.add(o.service);
    if (endpointService(o.service)?.supportsPolicy === false) {
      issues.push({ path: [...path, 'service'], value: o.service, severity: 'warning', message: 'takes no endpoint policy, so there is nothing to open', fix: 'remove the entry' });
    }
    if (!endpoints.services.includes(o.service)) issues.push({ path: [...path, 'service'], value: o.service, message: 'is not one of hub.endpoints.services', fix: 'name a centralized service or remove the entry' });
    if (o.reason.trim().length < MIN_REASON_LENGTH) issues.push({ path: [...path, 'reason'], value: o.reason, message: `is too short to explain opening the endpoint to principals outside the organization`, fix: `write at least ${MIN_REASON_LENGTH} characters saying who needs it and why` });
  });
  return issues;
};

/** The endpoints VPC joins a declared segment that every spoke segment reaches, or spokes could not use it. */
export const endpointsSegmentReachable: Rule = ({ config }) => {
  const endpoints = config.hub.endpoints;
  if (!endpoints) return [];
  const segments = config.hub.transitGateway.segments;
  const names = Object.keys(segments);
  if (!names.includes(endpoints.segment)) {
    return [{ path: ['hub', 'endpoints', 'segment'], value: endpoints.segment, message: `is not a segment of hub.transitGateway.segments${didYouMean(endpoints.segment, names)}`, fix: `use one of: ${names.join(', ') || '(none declared: add the segment under hub.transitGateway.segments)'}` }];
  }
  const target = endpoints.segment;
  // Reachability is symmetric; the endpoints' own segment reaches itself unless its attachments are isolated.
  const reaches = (segment: string) =>
    segment === target ? !segments[target].isolateAttachments : segments[segment].reaches.includes(target) || segments[target].reaches.includes(segment);
  return config.spokes.flatMap((s, i) =>
    !Object.hasOwn(segments, s.segment) || reaches(s.segment)
      ? []
      : [
          {
            path: ['spokes', i, 'segment'],
            value: s.segment,
            message: `does not reach the endpoints segment "${target}", so spoke "${s.name}" cannot use the central endpoints`,
            // A segment cannot list itself in reaches (segmentReachability), so the isolated case needs another fix.
            fix: s.segment === target ? `set isolateAttachments: false on segment ${target}, or move the spoke to a segment that reaches ${target}` : `add ${target} to hub.transitGateway.segments.${s.segment}.reaches`,
          },
        ],
  );
};

/** Resolver endpoints live in the endpoints VPC; the profile mode shares its endpoints. */
export const dnsNeedsEndpointsVpc: Rule = ({ config }) => {
  if (config.hub.endpoints) return [];
  const dns = config.hub.dns;
  const issues: ConfigIssue[] = [];
  for (const key of ['inbound', 'outbound'] as const) {
    if (dns[key]) issues.push({ path: ['hub', 'dns', key], value: undefined, message: 'needs the shared-endpoints VPC (its ENIs live there), but hub.endpoints is not set', fix: 'add hub.endpoints, or remove this section' });
  }
  if (dns.sharing === 'route53-profile') {
    issues.push({ path: ['hub', 'dns', 'sharing'], value: dns.sharing, severity: 'warning', message: 'has no effect without hub.endpoints: there is nothing to put in the profile', fix: 'add hub.endpoints, or drop the setting' });
  }
  return issues;
};

/**
 * The Resolver endpoints talk to the data center: the endpoints segment must reach `onprem`, and
 * forwarding targets must lie in the on-premises ranges (where the Transit Gateway sends them).
 */
export const resolverReachesOnPremises: Rule = ({ config }) => {
  const endpoints = config.hub.endpoints;
  const dns = config.hub.dns;
  if (!endpoints || (!dns.inbound && !dns.outbound)) return [];
  const issues: ConfigIssue[] = [];
  const segment = Object.hasOwn(config.hub.transitGateway.segments, endpoints.segment) ? config.hub.transitGateway.segments[endpoints.segment] : undefined;
  if (segment && !segment.reaches.includes('onprem')) {
    issues.push({ path: ['hub', 'endpoints', 'segment'], value: endpoints.segment, message: 'does not reach onprem, so on-premises cannot query the inbound endpoint and the outbound endpoint cannot reach the data-center DNS servers', fix: `add onprem to hub.transitGateway.segments.${endpoints.segment}.reaches` });
  }
  const onPrem = config.onPremises.cidrs.map(parseCidr).flatMap((p) => (p.ok ? [p.cidr] : []));
  const hubVpc = parseCidr(endpoints.cidr);
  const inHubVpc = (ip: number) => hubVpc.ok && hubVpc.cidr.first <= ip && ip <= hubVpc.cidr.last; // a loop, reported by outboundResolverRules
  dns.outbound?.rules.forEach((rule, i) =>
    rule.targets.forEach((t, j) => {
      const ip = parseIp(t.ip);
      if (ip !== undefined && !inHubVpc(ip) && !onPrem.some((c) => c.first <= ip && ip <= c.last)) {
        issues.push({ path: ['hub', 'dns', 'outbound', 'rules', i, 'targets', j, 'ip'], value: t.ip, message: `is in none of onPremises.cidrs [${config.onPremises.cidrs.join(', ')}], so no route leads to it`, fix: 'add its network to onPremises.cidrs, or target the data-center DNS servers' });
      }
    }),
  );
  return issues;
};

/** 2 to 6 inbound addresses in distinct AZs of the endpoints VPC; static IPs inside their subnet and not AWS-reserved. */
export const inboundResolverAddresses: Rule = ({ config }) => {
  const addresses = config.hub.dns.inbound?.addresses;
  const layout = endpointsLayout(config);
  // An unparsable endpoints range has no subnets: cidrSyntaxAndSize reports it, and every AZ would look foreign here.
  if (!addresses || !layout || !parseCidr(layout.cidr).ok) return [];
  const at = ['hub', 'dns', 'inbound', 'addresses'];
  const issues: ConfigIssue[] = [];
  if (addresses.length < RESOLVER_ADDRESSES.min || addresses.length > RESOLVER_ADDRESSES.max) {
    issues.push({ path: at, value: addresses.length, message: `addresses; a Resolver endpoint takes ${RESOLVER_ADDRESSES.min} to ${RESOLVER_ADDRESSES.max}`, fix: `list ${RESOLVER_ADDRESSES.min} to ${RESOLVER_ADDRESSES.max} addresses, each in its own AZ` });
  }
  const subnets = expandSubnets(layout, ['hub', 'endpoints']).subnets.filter((s) => s.tier === 'endpoint');
  const seen = new Set<string>();
  addresses.forEach((a, i) => {
    const path = [...at, i];
    const subnet = subnets.find((s) => s.az === a.az);
    if (seen.has(a.az)) issues.push({ path: [...path, 'az'], value: a.az, message: 'is used by another address; each address needs its own AZ', fix: 'pick a different AZ of the endpoints VPC' });
    seen.add(a.az);
    if (!subnet) {
      issues.push({ path: [...path, 'az'], value: a.az, message: `is not an AZ of the endpoints VPC [${layout.availabilityZones.join(', ')}]${didYouMean(a.az, layout.availabilityZones)}`, fix: 'use one of the endpoints VPC AZs' });
      return;
    }
    if (a.ip === undefined) return;
    const ip = parseIp(a.ip);
    const block = cidrOf(subnet.cidr);
    if (ip === undefined) issues.push({ path: [...path, 'ip'], value: a.ip, message: 'is not an IPv4 address', fix: 'write a dotted-quad address, or omit it to let AWS assign one' });
    else if (ip < block.first || ip > block.last) issues.push({ path: [...path, 'ip'], value: a.ip, message: `is outside the endpoint subnet ${subnet.cidr} of ${a.az}`, fix: `pick an address inside ${subnet.cidr}` });
    else if (ip - block.first < AWS_RESERVED_PER_SUBNET - 1 || ip === block.last) {
      issues.push({ path: [...path, 'ip'], value: a.ip, message: `is one of the five addresses AWS reserves in ${subnet.cidr} (the first four and the last)`, fix: 'pick another address in the subnet' });
    }
  });
  return issues;
};

const DOMAIN = /^(?=.{1,253}\.?$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** Forwarding rules: valid and unique domains, IPv4 targets on ports 1-65535, never the hub's own resolver (a loop). */
export const outboundResolverRules: Rule = ({ config }) => {
  const rules = config.hub.dns.outbound?.rules;
  if (!rules) return [];
  const hubVpc = config.hub.endpoints && parseCidr(config.hub.endpoints.cidr);
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, number>();
  rules.forEach((rule, i) => {
    const path = ['hub', 'dns', 'outbound', 'rules', i];
    const domain = rule.domain.replace(/\.$/, '').toLowerCase();
    if (!DOMAIN.test(rule.domain)) issues.push({ path: [...path, 'domain'], value: rule.domain, message: 'is not a valid domain name', fix: 'write labels of letters, digits and hyphens separated by dots, e.g. corp.example.com' });
    else if (seen.has(domain)) issues.push({ path: [...path, 'domain'], value: rule.domain, message: `is already forwarded by rules[${seen.get(domain)}]`, fix: 'merge the targets into one rule' });
    if (!seen.has(domain)) seen.set(domain, i);
    rule.targets.forEach((t, j) => {
      const tpath = [...path, 'targets', j];
      const ip = parseIp(t.ip);
      if (ip === undefined) issues.push({ path: [...tpath, 'ip'], value: t.ip, message: 'is not an IPv4 address', fix: 'write the on-premises DNS server as a dotted-quad address' });
      else if (hubVpc?.ok && contains(hubVpc.cidr, { first: ip, last: ip })) {
        issues.push({ path: [...tpath, 'ip'], value: t.ip, message: `is inside the shared-endpoints VPC ${hubVpc.cidr.text}: forwarding to the hub's own resolver endpoints loops`, fix: 'target the on-premises DNS servers' });
      }
      if (t.port < 1 || t.port > 65535) issues.push({ path: [...tpath, 'port'], value: t.port, message: 'is not a TCP/UDP port', fix: 'use 1-65535 (DNS is 53)' });
    });
  });
  return issues;
};
