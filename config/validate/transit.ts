/**
 * Transit Gateway rules: ASN, segments and their reachability, attachment subnets, central egress,
 * the RAM share, internal ranges and the route quotas.
 */
import { contains, parseCidr } from '../../lib/net/range';
import { ConfigIssue, didYouMean } from '../issues';
import { egressModeOf } from '../model';
import { QUOTAS, quotaText } from '../../lib/aws/quotas';
import { ON_PREMISES, RESERVED_SEGMENT_NAMES } from '../schema';
import { TGW_ASN_RANGES } from '../../lib/aws/vpc';
import { Rule } from './context';
import { landingZoneRanges } from './network';

// Private ASN ranges AWS accepts for the Amazon side of a Transit Gateway: TGW_ASN_RANGES, lib/aws/vpc.ts.

/** The Transit Gateway ASN is a private ASN AWS accepts. */
export const transitGatewayAsn: Rule = ({ config }) => {
  const asn = config.hub.transitGateway.asn;
  return TGW_ASN_RANGES.some(([lo, hi]) => asn >= lo && asn <= hi)
    ? []
    : [{ path: ['hub', 'transitGateway', 'asn'], value: asn, message: 'is not a private ASN a Transit Gateway accepts', fix: 'use 64512-65534 or 4200000000-4294967294 (default 64512)' }];
};

/** Segment names do not take the hub's own route table names; `reaches` names existing segments or onprem, never itself. */
export const segmentReachability: Rule = ({ config }) => {
  const segments = config.hub.transitGateway.segments;
  const names = Object.keys(segments);
  const issues: ConfigIssue[] = [];
  for (const name of names) {
    if ((RESERVED_SEGMENT_NAMES as readonly string[]).includes(name)) {
      issues.push({ path: ['hub', 'transitGateway', 'segments', name], value: name, message: 'is the name of a route table the hub creates itself', fix: `rename the segment (reserved: ${RESERVED_SEGMENT_NAMES.join(', ')})` });
    }
    segments[name].reaches.forEach((target, i) => {
      const path = ['hub', 'transitGateway', 'segments', name, 'reaches', i];
      if (target === name) issues.push({ path, value: target, message: 'is the segment itself', fix: 'remove it; spokes of one segment reach each other unless isolateAttachments is true' });
      else if (target !== ON_PREMISES && !names.includes(target)) {
        issues.push({ path, value: target, message: `is not a segment${didYouMean(target, [...names, ON_PREMISES])}`, fix: `use one of: ${[...names, ON_PREMISES].join(', ')}` });
      }
    });
  }
  return issues;
};

/** Every spoke joins a declared segment. */
export const spokeSegmentExists: Rule = ({ config }) => {
  const names = Object.keys(config.hub.transitGateway.segments);
  return config.spokes.flatMap((s, i) =>
    names.includes(s.segment)
      ? []
      : [{ path: ['spokes', i, 'segment'], value: s.segment, message: `is not a segment of hub.transitGateway.segments${didYouMean(s.segment, names)}`, fix: `use one of: ${names.join(', ') || '(none declared: add the segment under hub.transitGateway.segments)'}` }],
  );
};

/**
 * Attachment subnets: in at least two AZs (AWS recommends one per AZ for resilience), and in every AZ
 * that has other subnets, because a VPC's traffic reaches the Transit Gateway only through an
 * attachment ENI in its own AZ. https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html
 */
export const attachmentSubnets: Rule = ({ spokes }) =>
  spokes.flatMap(({ spoke, path, subnets }) => {
    const tgw = subnets.filter((s) => s.tier === 'tgw');
    // Generated ones (explicit tgw subnets come first) fewer than asked for: generation ran out of room, reported where it failed.
    const requested = spoke.vpc.tiers?.tgw?.count ?? spoke.vpc.availabilityZones.length;
    if (tgw.length === 0 || (tgw[0].generated && tgw.length < requested)) return [];
    const at = tgw[0].generated ? [...path, 'vpc', 'availabilityZones'] : [...tgw[0].path, 'az'];
    const tgwAzs = new Set(tgw.map((s) => s.az));
    const issues: ConfigIssue[] = [];
    if (tgwAzs.size < 2) {
      issues.push({ path: at, value: [...tgwAzs].join(', '), message: 'is the only AZ with a Transit Gateway attachment subnet; the attachment needs at least two AZs', fix: 'add a tgw subnet in a second AZ (or list two AZs so they are generated)' });
    }
    const missing = [...new Set(subnets.filter((s) => s.tier !== 'tgw').map((s) => s.az))].filter((az) => !tgwAzs.has(az));
    for (const az of missing) {
      issues.push({ path: [...path, 'vpc', 'subnets'], value: az, message: `has subnets but no tgw subnet, so its traffic cannot reach the Transit Gateway (spoke "${spoke.name}")`, fix: `add a tgw subnet (a /28 is enough) in ${az}` });
    }
    return issues;
  });

/** `egress: central` needs the hub egress VPC and a segment that sends its default route there; it makes local NAT pointless. */
export const centralEgress: Rule = ({ config }) =>
  config.spokes.flatMap((s, i) => {
    if (egressModeOf(config, s) !== 'central') return [];
    const path = ['spokes', i, 'vpc', 'egress'];
    const segments = config.hub.transitGateway.segments;
    const segment = Object.hasOwn(segments, s.segment) ? segments[s.segment] : undefined;
    const issues: ConfigIssue[] = [];
    if (!config.hub.egress) issues.push({ path, value: 'central', message: 'needs the hub egress VPC, but hub.egress is not set', fix: 'add hub.egress, or use egress: local' });
    else if (segment && segment.centralEgress === false) {
      issues.push({ path, value: 'central', message: `sends 0.0.0.0/0 to the Transit Gateway, but segment "${s.segment}" has centralEgress: false`, fix: `set centralEgress: true on segment ${s.segment}, or use egress: local` });
    }
    if (s.vpc.natGateways && s.vpc.natGateways !== 'none') {
      issues.push({ path: ['spokes', i, 'vpc', 'natGateways'], value: s.vpc.natGateways, message: 'would never be used: with central egress the default route goes to the Transit Gateway', fix: 'remove natGateways, or use egress: local' });
    }
    return issues;
  });

const OU_ARN = /^arn:aws[a-z-]*:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/;
const ORG_ARN = /^arn:aws[a-z-]*:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/;

/** The RAM share targets the organization (which needs the management account for its ARN) or valid principals. */
export const transitGatewayShare: Rule = ({ config }) => {
  const share = config.hub.transitGateway.shareWith;
  if (share === 'organization') {
    return config.organization.managementAccount
      ? []
      : [{ path: ['organization', 'managementAccount'], value: undefined, message: 'is required to share the Transit Gateway with the organization: the organization ARN of the RAM share names the management account', fix: 'add organization.managementAccount (the 12-digit id of the management account), or list principals in hub.transitGateway.shareWith' }];
  }
  return share.flatMap((p, i) =>
    /^\d{12}$/.test(p) || OU_ARN.test(p) || ORG_ARN.test(p)
      ? []
      : [{ path: ['hub', 'transitGateway', 'shareWith', i], value: p, message: 'is not a RAM principal inside an organization', fix: 'use a 12-digit account id or an OU ARN such as arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/ou-ab12-cd34ef56' }],
  );
};

/**
 * Every VPC and on-premises range lies inside an internal range: spokes route the internal ranges to
 * the Transit Gateway, and segments with central egress blackhole them so that unreachable ranges
 * cannot hairpin through the egress VPC. An on-premises range equal to an internal range would lose
 * to that static blackhole (a static route beats a propagated one of the same prefix).
 */
export const rangesInsideInternal: Rule = (ctx) => {
  const internal = ctx.config.hub.transitGateway.internalRanges.map((r) => parseCidr(r)).flatMap((p) => (p.ok ? [p.cidr] : []));
  if (internal.length === 0) return [];
  const issues: ConfigIssue[] = [];
  for (const range of landingZoneRanges(ctx)) {
    if (!internal.some((i) => contains(i, range.cidr))) {
      issues.push({ path: range.path, value: range.cidr.text, message: `of ${range.owner} is in none of hub.transitGateway.internalRanges [${internal.map((i) => i.text).join(', ')}]`, fix: 'add a supernet of it to internalRanges, or pick a range inside them' });
    } else if (range.owner === 'on-premises' && internal.some((i) => i.first === range.cidr.first && i.last === range.cidr.last)) {
      issues.push({ path: range.path, value: range.cidr.text, message: 'equals an internal range, so the static blackhole for it would override the route learned from on-premises', fix: 'list the on-premises networks more specifically, or widen internalRanges' });
    }
  }
  return issues;
};

/** Route tables and routes stay within the AWS quotas (values and links in config/quotas.ts). */
export const routeQuotas: Rule = ({ config }) => {
  const issues: ConfigIssue[] = [];
  const tgw = config.hub.transitGateway;
  const segments = Object.keys(tgw.segments);
  const inspection = config.hub.inspection;
  const tables = segments.length + 2 + (inspection ? 1 : 0);
  if (tables > QUOTAS.tgwRouteTables.value) {
    issues.push({ path: ['hub', 'transitGateway', 'segments'], value: segments.length, message: `segments make ${tables} route tables with egress${inspection ? ', inspection' : ''} and onprem, over ${quotaText(QUOTAS.tgwRouteTables)}`, fix: 'merge segments or raise the quota and QUOTAS.tgwRouteTables' });
  }
  const attachments = config.spokes.length + (config.hub.egress ? 1 : 0) + (inspection ? 1 : 0);
  if (attachments > QUOTAS.tgwAttachments.value) {
    issues.push({ path: ['spokes'], value: config.spokes.length, message: `make ${attachments} attachments, over ${quotaText(QUOTAS.tgwAttachments)}`, fix: 'split the landing zone over several Transit Gateways' });
  }
  // Spoke route tables hold the default route and one route per internal range and on-premises network.
  const vpcRoutes = tgw.internalRanges.length + 1;
  if (vpcRoutes > QUOTAS.vpcRoutesPerRouteTable.value) {
    issues.push({ path: ['hub', 'transitGateway', 'internalRanges'], value: tgw.internalRanges.length, message: `give each spoke route table ${vpcRoutes} routes, over ${quotaText(QUOTAS.vpcRoutesPerRouteTable)}`, fix: 'summarize the internal ranges into fewer supernets' });
  }
  // Every spoke propagates into its own table, its peers', egress and onprem; central-egress tables add static routes.
  const count = new Map<string, number>();
  for (const s of config.spokes) count.set(s.segment, (count.get(s.segment) ?? 0) + 1);
  let routes = config.spokes.length * 2 + config.onPremises.cidrs.length * (segments.length + 1);
  for (const name of segments) {
    const reach = segments.filter((o) => o !== name && (tgw.segments[name].reaches.includes(o) || tgw.segments[o].reaches.includes(name)));
    routes += (count.get(name) ?? 0) + reach.reduce((n, o) => n + (count.get(o) ?? 0), 0);
    if (tgw.segments[name].centralEgress ?? !!config.hub.egress) routes += 1 + tgw.internalRanges.length;
    // Inspection (stacks/inspection.ts): a propagation into the inspection table, a static route per
    // member of each inspected peer (east-west) and a return route in the egress table per spoke.
    if (inspection && tgw.segments[name].inspect !== false) {
      const inspectedPeers = reach.filter((o) => tgw.segments[o].inspect !== false);
      routes += (count.get(name) ?? 0) * (inspection.inspect.includes('egress') ? 2 : 1);
      if (inspection.inspect.includes('east-west')) routes += inspectedPeers.reduce((n, o) => n + (count.get(o) ?? 0), 0);
    }
  }
  if (inspection) routes += 1 + tgw.internalRanges.length;
  if (routes > QUOTAS.tgwRoutes.value) {
    issues.push({ path: ['spokes'], value: config.spokes.length, message: `make about ${routes} Transit Gateway routes, over ${quotaText(QUOTAS.tgwRoutes)}`, fix: 'summarize spoke ranges, reduce segment reachability or raise the quota' });
  }
  return issues;
};
