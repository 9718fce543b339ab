/**
 * Hybrid connectivity rules: transit VIFs only (with the AWS error and the remedy), VIF fields,
 * ASNs, BGP peer addresses, allowed prefixes, VPN tunnel inside CIDRs, and onprem reachability that needs one of them.
 * https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-transit-gateways.html
 * https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
 */
import { cidrOf, contains, parseCidr, parseInterfaceAddress, parseIp } from '../../lib/net/range';
import { ConfigIssue, ConfigPath } from '../issues';
import { ON_PREMISES } from '../schema';
import { advertisedPrefixes, onPremisesRanges, summarizeRanges, vpcRanges } from '../model';
import { QUOTAS, quotaText } from '../../lib/aws/quotas';
import { Rule } from './context';
import { TGW_ASN_RANGES } from '../../lib/aws/vpc';
import { PRIVATE_VIF_ERROR, RESERVED_TUNNEL_CIDRS } from '../../lib/aws/hybrid';

// The reserved tunnel inside CIDRs and the private VIF association error are AWS facts: lib/aws/hybrid.ts.

const LINK_LOCAL = parseCidr('169.254.0.0/16');
const dxPath = (...rest: (string | number)[]): ConfigPath => ['hub', 'directConnect', ...rest];

/** Only transit VIFs can reach a Transit Gateway; anything else fails with the AWS error, so say how to fix it. */
export const transitVifsOnly: Rule = ({ config }) =>
  (config.hub.directConnect?.virtualInterfaces ?? []).flatMap((v, i) =>
    v.type === 'transit'
      ? []
      : [
          {
            path: dxPath('virtualInterfaces', i, 'type'),
            value: v.type,
            message: `cannot be used with a Transit Gateway: AWS refuses the association with "${PRIVATE_VIF_ERROR}"`,
            fix: 'delete the private (or public) VIF, create it again as a transit VIF on the same connection, download the new BGP sample configuration (Direct Connect console > Virtual interfaces > the VIF > Actions > Download > Sample configuration) and send it to the network team at the Direct Connect location; then set type: transit',
          },
        ],
  );

/** Owned VIFs need a connection, VLAN 1-4094, a customer ASN and peer addresses both set or both unset; hosted ones the VIF id. */
export const virtualInterfaceFields: Rule = ({ config }) => {
  const issues: ConfigIssue[] = [];
  const vifs = config.hub.directConnect?.virtualInterfaces ?? [];
  if (vifs.length > QUOTAS.vifsPerDxGateway.value) issues.push({ path: dxPath('virtualInterfaces'), value: vifs.length, message: `VIFs exceed ${quotaText(QUOTAS.vifsPerDxGateway)}`, fix: 'use fewer VIFs per gateway' });
  const seen = new Set<string>();
  vifs.forEach((v, i) => {
    const at = (...k: string[]) => dxPath('virtualInterfaces', i, ...k);
    if (seen.has(v.name)) issues.push({ path: at('name'), value: v.name, message: 'is already used by another VIF', fix: 'give every VIF its own name' });
    seen.add(v.name);
    if (v.ownership === 'hosted') {
      if (!v.virtualInterfaceId) issues.push({ path: at('virtualInterfaceId'), value: undefined, message: 'is required to accept a hosted VIF', fix: 'copy the dxvif-... id the partner gave you' });
      return;
    }
    if (!v.connectionId) issues.push({ path: at('connectionId'), value: undefined, message: 'is required for an owned VIF', fix: 'add the dxcon-... (or dxlag-...) id of the connection' });
    if (v.vlan === undefined || v.vlan < 1 || v.vlan > 4094) issues.push({ path: at('vlan'), value: v.vlan, message: 'is not a VLAN id from 1 to 4094', fix: 'use the VLAN agreed with the Direct Connect location' });
    if (v.customerAsn === undefined || v.customerAsn < 1 || v.customerAsn > 4294967294) issues.push({ path: at('customerAsn'), value: v.customerAsn, message: 'is not a BGP ASN (1-4294967294)', fix: "use the on-premises router's ASN" });
    if ((v.amazonAddress === undefined) !== (v.customerAddress === undefined)) {
      issues.push({ path: at(v.amazonAddress === undefined ? 'amazonAddress' : 'customerAddress'), value: undefined, message: 'must be set together with the other peer address', fix: 'set both amazonAddress and customerAddress, or neither (AWS then assigns them)' });
    } else if (v.amazonAddress !== undefined && v.customerAddress !== undefined) {
      issues.push(...peerAddresses(v.amazonAddress, v.customerAddress, at('amazonAddress'), at('customerAddress')));
    }
  });
  return issues;
};

function peerAddresses(amazon: string, customer: string, amazonPath: ConfigPath, customerPath: ConfigPath): ConfigIssue[] {
  const parse = (text: string, path: ConfigPath): { ip: number; prefix: number; network: number } | ConfigIssue => {
    const parsed = parseInterfaceAddress(text);
    return parsed === undefined || !(parsed.range.prefix === 30 || parsed.range.prefix === 31)
      ? { path, value: text, message: 'is not an address with a /30 or /31 prefix', fix: 'write it like 169.254.100.1/30' }
      : { ip: parsed.address, prefix: parsed.range.prefix, network: parsed.range.first };
  };
  const a = parse(amazon, amazonPath);
  const c = parse(customer, customerPath);
  const issues = [a, c].filter((x): x is ConfigIssue => 'path' in x);
  if (issues.length > 0) return issues;
  const pa = a as { ip: number; prefix: number; network: number };
  const pc = c as { ip: number; prefix: number; network: number };
  if (pa.ip === pc.ip) return [{ path: customerPath, value: customer, message: 'is the same address as amazonAddress', fix: 'use the other address of the /30 (or /31)' }];
  if (pa.prefix !== pc.prefix || pa.network !== pc.network) return [{ path: customerPath, value: customer, message: `is not in the same /${pa.prefix} as amazonAddress ${amazon}`, fix: 'put both peer addresses in one /30 or /31' }];
  return [];
}

/** The Direct Connect gateway ASN is private and differs from the Transit Gateway's and every customer ASN. */
export const directConnectAsn: Rule = ({ config }) => {
  const dx = config.hub.directConnect;
  const issues: ConfigIssue[] = [];
  if (dx) {
    if (!TGW_ASN_RANGES.some(([lo, hi]) => dx.asn >= lo && dx.asn <= hi)) issues.push({ path: dxPath('asn'), value: dx.asn, message: 'is not a private ASN a Direct Connect gateway accepts', fix: 'use 64512-65534 or 4200000000-4294967294' });
    else if (dx.asn === config.hub.transitGateway.asn) issues.push({ path: dxPath('asn'), value: dx.asn, message: 'equals the Transit Gateway ASN', fix: 'give the Direct Connect gateway its own ASN' });
    dx.virtualInterfaces.forEach((v, i) => {
      if (v.customerAsn === dx.asn) issues.push({ path: dxPath('virtualInterfaces', i, 'customerAsn'), value: v.customerAsn, message: 'equals the Direct Connect gateway ASN; BGP would see its own AS', fix: 'use the on-premises ASN, different from the AWS side' });
    });
  }
  // Checked with or without Direct Connect: a VPN-only hub still peers with the Transit Gateway ASN.
  (config.hub.vpn?.connections ?? []).forEach((c, i) => {
    if (c.asn === dx?.asn || c.asn === config.hub.transitGateway.asn) issues.push({ path: ['hub', 'vpn', 'connections', i, 'asn'], value: c.asn, message: 'equals an AWS-side ASN (Transit Gateway or Direct Connect gateway)', fix: 'use the on-premises ASN' });
  });
  return issues;
};

/** Allowed prefixes parse, fit the quota and cover every spoke (a spoke outside them is unreachable from on-premises: a warning). */
export const allowedPrefixes: Rule = ({ config }) => {
  const dx = config.hub.directConnect;
  if (!dx) return [];
  if (dx.allowedPrefixes === 'auto' && vpcRanges(config).some((r) => !parseCidr(r).ok)) return []; // reported by the CIDR rule
  const issues: ConfigIssue[] = [];
  if (Array.isArray(dx.allowedPrefixes)) {
    dx.allowedPrefixes.forEach((p, i) => {
      const parsed = parseCidr(p);
      if (!parsed.ok) issues.push({ path: dxPath('allowedPrefixes', i), value: p, message: parsed.reason, fix: parsed.suggestion ? `write ${parsed.suggestion}` : 'write an IPv4 block' });
    });
  }
  // What the gateway advertises (config/model.ts), less what does not parse: a listed prefix is
  // reported above, an internal range by the transit rules.
  const prefixes = advertisedPrefixes(config)!.filter((p) => parseCidr(p).ok);
  if (dx.allowedPrefixes === 'auto' && prefixes.length === 0) {
    issues.push({ path: dxPath('allowedPrefixes'), value: 'auto', message: 'advertises nothing: no spoke segment (and not the endpoints VPC segment) reaches onprem', fix: 'let a segment reach onprem (reaches: [onprem]), or list the prefixes to advertise' });
    return issues;
  }
  if (prefixes.length > QUOTAS.allowedPrefixesPerTgwAssociation.value) {
    issues.push({
      path: dxPath('allowedPrefixes'),
      value: prefixes.length,
      message: `prefixes exceed ${quotaText(QUOTAS.allowedPrefixesPerTgwAssociation)}`,
      fix: `advertise summaries: allowedPrefixes: internal (or a list of summaries)${config.hub.vpn ? ', with hub.vpn.customerGatewayRoutes: floating-summaries so that Direct Connect stays preferred' : ''}`,
    });
  }
  // Merged first: a spoke covered by two adjacent prefixes together (10.0.0.0/17 + 10.0.128.0/17) is reachable.
  const blocks = summarizeRanges(prefixes).map((p) => cidrOf(p));
  // Only spokes on-premises should reach: a spoke of a segment without onprem is meant to be outside.
  const reachesOnPremises = new Set(Object.entries(config.hub.transitGateway.segments).filter(([, seg]) => seg.reaches.includes(ON_PREMISES)).map(([name]) => name));
  config.spokes.forEach((s, i) => {
    const vpc = parseCidr(s.vpc.cidr);
    if (vpc.ok && reachesOnPremises.has(s.segment) && !blocks.some((b) => contains(b, vpc.cidr))) {
      issues.push({ path: ['spokes', i, 'vpc', 'cidr'], value: s.vpc.cidr, severity: 'warning', message: `is not inside hub.directConnect.allowedPrefixes, so on-premises cannot reach spoke "${s.name}" over Direct Connect`, fix: 'add a summary that covers it to allowedPrefixes, or use allowedPrefixes: auto' });
    }
  });
  // With a VPN backup the data center learns each VPC range itself over the VPN, and the most specific
  // prefix wins before any BGP preference: a summary on Direct Connect makes the VPN the primary path.
  // With floating-summaries the data center drops the VPN-learned routes, so summaries are safe.
  if (dx.allowedPrefixes !== 'auto' && (config.hub.vpn?.connections.length ?? 0) > 0 && config.hub.vpn?.customerGatewayRoutes !== 'floating-summaries' && !vpcRanges(config).some((r) => !parseCidr(r).ok)) {
    const listed = prefixes.map((p) => cidrOf(p));
    const preferVpn = onPremisesRanges(config).filter((r) => {
      const range = cidrOf(r);
      return !listed.some((p) => contains(range, p)) && listed.some((p) => contains(p, range));
    });
    if (preferVpn.length > 0) {
      issues.push({
        path: dxPath('allowedPrefixes'),
        value: dx.allowedPrefixes,
        severity: 'warning',
        message: `summarizes ${preferVpn.join(', ')}, which the VPN backup advertises exactly: the data center prefers the more specific VPN routes, so the VPN carries all traffic towards AWS`,
        fix: 'set hub.vpn.customerGatewayRoutes: floating-summaries (the routers drop the VPN-learned specifics and use floating static routes for the summaries; REPORT.md prints the configuration), or use allowedPrefixes: auto',
      });
    }
  }
  return issues;
};

/** VPN connections have unique names and IPv4 devices; tunnel inside CIDRs are /30 blocks in 169.254.0.0/16, not reserved by AWS, each used once. */
export const vpnTunnelCidrs: Rule = ({ config }) => {
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, string>();
  const names = new Set<string>();
  (config.hub.vpn?.connections ?? []).forEach((c, i) => {
    if (names.has(c.name)) issues.push({ path: ['hub', 'vpn', 'connections', i, 'name'], value: c.name, message: 'is already used by another VPN connection', fix: 'give every connection its own name (it names resources and key variables)' });
    names.add(c.name);
    if (parseIp(c.ip) === undefined) issues.push({ path: ['hub', 'vpn', 'connections', i, 'ip'], value: c.ip, message: 'is not an IPv4 address', fix: "write the on-premises device's public IPv4 address" });
    (c.tunnelInsideCidrs ?? []).forEach((t, j) => {
      const path = ['hub', 'vpn', 'connections', i, 'tunnelInsideCidrs', j];
      const parsed = parseCidr(t);
      if (!parsed.ok) issues.push({ path, value: t, message: parsed.reason, fix: parsed.suggestion ? `write ${parsed.suggestion}` : 'write a /30 such as 169.254.200.0/30' });
      else if (parsed.cidr.prefix !== 30 || !LINK_LOCAL.ok || !contains(LINK_LOCAL.cidr, parsed.cidr)) issues.push({ path, value: t, message: 'is not a /30 inside 169.254.0.0/16', fix: 'pick a /30 such as 169.254.200.0/30' });
      else if (RESERVED_TUNNEL_CIDRS.includes(t)) issues.push({ path, value: t, message: 'is reserved by AWS for tunnel inside addresses', fix: `avoid ${RESERVED_TUNNEL_CIDRS.join(', ')}` });
      else if (seen.has(t)) issues.push({ path, value: t, message: `is already used by ${seen.get(t)}`, fix: 'give every tunnel its own /30' });
      seen.set(t, `connections[${i}].tunnelInsideCidrs[${j}]`);
    });
  });
  return issues;
};

/** Direct Connect or VPN without any segment reaching onprem, or without on-premises ranges, connects nothing: a warning. */
export const hybridHasPurpose: Rule = ({ config }) => {
  if (!config.hub.directConnect && !config.hub.vpn) return [];
  const issues: ConfigIssue[] = [];
  const at = config.hub.directConnect ? ['hub', 'directConnect'] : ['hub', 'vpn'];
  if (!Object.values(config.hub.transitGateway.segments).some((s) => s.reaches.includes('onprem'))) {
    issues.push({ path: at, value: undefined, severity: 'warning', message: 'connects the data center, but no segment reaches onprem', fix: 'add onprem to the reaches of the segments that need it' });
  }
  if (config.onPremises.cidrs.length === 0) issues.push({ path: ['onPremises', 'cidrs'], value: [], severity: 'warning', message: 'is empty, so no security group or route admits the data center', fix: 'list the on-premises ranges' });
  return issues;
};

/**
 * A segment that reaches onprem needs a path to the data center: without Direct Connect or VPN the
 * `onprem` route table has no attachment, so the reachability the config promises cannot exist.
 */
export const onPremisesNeedsHybrid: Rule = ({ config }) => {
  if (config.hub.directConnect || config.hub.vpn) return [];
  return Object.entries(config.hub.transitGateway.segments).flatMap(([name, segment]) =>
    segment.reaches.includes(ON_PREMISES)
      ? [
          {
            path: ['hub', 'transitGateway', 'segments', name, 'reaches'],
            value: segment.reaches,
            message: `reaches ${ON_PREMISES}, but the hub has no Direct Connect or VPN, so nothing connects the data center`,
            fix: `add hub.directConnect or hub.vpn, or remove ${ON_PREMISES} from reaches`,
          },
        ]
      : [],
  );
};

/**
 * `customerGatewayRoutes: floating-summaries` routes the Direct Connect allowed prefixes into the VPN
 * tunnels: without Direct Connect there are no prefixes, so on-premises would send nothing to AWS.
 */
export const floatingSummariesNeedDirectConnect: Rule = ({ config }) =>
  config.hub.vpn?.customerGatewayRoutes === 'floating-summaries' && !config.hub.directConnect
    ? [
        {
          path: ['hub', 'vpn', 'customerGatewayRoutes'],
          value: 'floating-summaries',
          message: 'routes the Direct Connect allowed prefixes into the tunnels, but the hub has no Direct Connect, so the data center would route nothing to AWS',
          fix: 'use customerGatewayRoutes: learned, or add hub.directConnect',
        },
      ]
    : [];
