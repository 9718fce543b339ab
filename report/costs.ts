/**
 * Costs section: a monthly estimate of the fixed, hourly-billed parts of the network, counted from
 * the synthesized resources and priced from the Region's price file, and the same spokes priced
 * with their own NAT gateways and interface endpoints, so the saving of centralization is a number.
 * Usage charges (data processing and transfer) are listed as per-GB rates; no volumes are guessed.
 */
import { landingZoneStackList } from '../config/stack-list';
import { LandingZone } from '../config/model';
import { hubStackName, spokeStackName } from '../lib/stack-names';
import { code, count, plural, rate, table, usd } from './markdown';
import { Price, PriceBook, PriceKey } from './prices';
import { resourcesOf, SynthesizedApp, SynthesizedStack } from './synthesized';

/** Connection-hours per Client VPN user and month: 8 hours on 21 working days. */
export const CLIENT_VPN_HOURS_PER_USER = 8 * 21;

/** Hosted zones per account billed at the first-tier price; more are billed at the lower one. */
export const HOSTED_ZONES_FIRST_TIER = 25;

/** One priced line of the estimate. */
export interface CostLine {
  readonly component: string;
  /** Workspace (stack) whose account pays. */
  readonly workspace: string;
  readonly account: string;
  /** How many billed units: resources, ENIs, zones, or connection-hours. */
  readonly quantity: number;
  /** Hours each unit is billed for in a month; 1 for monthly prices and for quantities already in hours. */
  readonly hours: number;
  readonly price: PriceKey;
  /** quantity × hours × unit price; undefined without price data. */
  readonly monthly?: number;
}

/** Centralized versus per-VPC for the components centralization changes. */
export interface CentralizationComparison {
  readonly rows: readonly { readonly component: string; readonly central: number; readonly perVpc: number; readonly centralUsd: number; readonly perVpcUsd: number }[];
  readonly centralUsd: number;
  readonly perVpcUsd: number;
  /** perVpc − central: positive when centralizing saves money. */
  readonly savingUsd: number;
  /** What one more spoke in the hub's AZs would add per month with its own NAT gateways and endpoints. */
  readonly perAdditionalSpokeUsd: number;
  /** What one more spoke adds to the centralized side (its Route 53 Profile account-hours, else nothing). */
  readonly perAdditionalSpokeCentralUsd: number;
  /** Monthly GB through the Transit Gateway at which its processing charge eats the saving. */
  readonly breakEvenGb?: number;
  readonly spokes: number;
  /** NAT layout each spoke would copy from the hub egress VPC. */
  readonly natLayout: 'per-az' | 'single' | 'none';
  readonly hubAzs: number;
}

/** The whole estimate. */
export interface CostEstimate {
  readonly region: string;
  /** Undefined: no price data for the Region. */
  readonly prices?: PriceBook;
  readonly hoursPerMonth: number;
  readonly lines: readonly CostLine[];
  readonly totalUsd?: number;
  readonly comparison?: CentralizationComparison;
}

/** Hours in the month the estimate uses when there is no price file (AWS's own convention). */
const DEFAULT_HOURS_PER_MONTH = 730;

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** Which account a workspace deploys into. */
function accountOf(lz: LandingZone, stack: string): string {
  return landingZoneStackList(lz).find((e) => e.name === stack)?.account ?? lz.logArchive.account;
}

/** Counts the billed resources of one workspace. */
function stackLines(lz: LandingZone, stack: SynthesizedStack, hours: number): Omit<CostLine, 'monthly'>[] {
  const n = (type: string) => resourcesOf(stack, type).length;
  const base = { workspace: stack.name, account: accountOf(lz, stack.name) };
  const albs = resourcesOf(stack, 'aws_lb').filter(([, lb]) => lb.load_balancer_type === 'application');
  const publicAlbIps = sum(albs.filter(([, lb]) => lb.internal !== true).map(([, lb]) => ((lb.subnets as unknown[]) ?? []).length));
  const endpointEnis = sum(resourcesOf(stack, 'aws_vpc_endpoint').filter(([, e]) => e.vpc_endpoint_type === 'Interface').map(([, e]) => ((e.subnet_ids as unknown[]) ?? []).length));
  const resolverEnis = sum(resourcesOf(stack, 'aws_route53_resolver_endpoint').map(([, e]) => ((e.ip_address as unknown[]) ?? []).length));
  const vpnAttachments = resourcesOf(stack, 'aws_vpn_connection').filter(([, v]) => v.transit_gateway_id !== undefined).length;
  const dxAttachments = Object.keys(stack.json.data?.aws_ec2_transit_gateway_dx_gateway_attachment ?? {}).length;
  const zones = n('aws_route53_zone');
  // One endpoint per subnet mapping (AZ) of each firewall: https://aws.amazon.com/network-firewall/pricing/
  const firewallEndpoints = sum(resourcesOf(stack, 'aws_networkfirewall_firewall').map(([, f]) => (Array.isArray(f.subnet_mapping) ? f.subnet_mapping.length : f.subnet_mapping ? 1 : 0)));
  const firewallDomains = sum(resourcesOf(stack, 'aws_route53_resolver_firewall_domain_list').map(([, l]) => ((l.domains as unknown[]) ?? []).length));
  const spoke = lz.spokes.find((s) => stack.name === spokeStackName(lz, s.name));
  const vpnUsers = n('aws_ec2_client_vpn_endpoint') > 0 ? (spoke?.clientVpn?.users.length ?? 0) : 0;
  const lines: Omit<CostLine, 'monthly'>[] = [
    { ...base, component: 'NAT gateways', quantity: n('aws_nat_gateway'), hours, price: 'natGatewayHour' },
    { ...base, component: 'public IPv4 addresses of NAT gateways', quantity: n('aws_eip'), hours, price: 'publicIpv4Hour' },
    { ...base, component: 'interface endpoint ENIs (endpoint × AZ)', quantity: endpointEnis, hours, price: 'interfaceEndpointHourPerAz' },
    { ...base, component: 'Route 53 Resolver endpoint ENIs', quantity: resolverEnis, hours, price: 'resolverEndpointEniHour' },
    { ...base, component: 'Transit Gateway VPC attachments', quantity: n('aws_ec2_transit_gateway_vpc_attachment'), hours, price: 'tgwAttachmentHour' },
    { ...base, component: 'Transit Gateway VPN attachments', quantity: vpnAttachments, hours, price: 'tgwAttachmentHour' },
    { ...base, component: 'Transit Gateway Direct Connect gateway attachments', quantity: dxAttachments, hours, price: 'tgwAttachmentHour' },
    { ...base, component: 'Site-to-Site VPN connections', quantity: n('aws_vpn_connection'), hours, price: 'vpnConnectionHour' },
    { ...base, component: 'Client VPN subnet associations', quantity: n('aws_ec2_client_vpn_network_association'), hours, price: 'clientVpnAssociationHour' },
    { ...base, component: `Client VPN connection-hours (${plural(vpnUsers, 'user')} × ${CLIENT_VPN_HOURS_PER_USER} h)`, quantity: vpnUsers * CLIENT_VPN_HOURS_PER_USER, hours: 1, price: 'clientVpnConnectionHour' },
    { ...base, component: 'Route 53 Profile (account with VPC associations)', quantity: n('aws_route53profiles_association') > 0 ? 1 : 0, hours, price: 'route53ProfileHour' },
    { ...base, component: 'private hosted zones', quantity: Math.min(zones, HOSTED_ZONES_FIRST_TIER), hours: 1, price: 'hostedZoneMonth' },
    { ...base, component: `private hosted zones beyond ${HOSTED_ZONES_FIRST_TIER}`, quantity: Math.max(0, zones - HOSTED_ZONES_FIRST_TIER), hours: 1, price: 'hostedZoneMonthBeyond25' },
    { ...base, component: 'Application Load Balancers (hours; LCUs are usage)', quantity: albs.length, hours, price: 'albHour' },
    { ...base, component: 'public IPv4 addresses of ALBs (one per AZ at least)', quantity: publicAlbIps, hours, price: 'publicIpv4Hour' },
    { ...base, component: 'Network Firewall endpoints (firewall × AZ)', quantity: firewallEndpoints, hours, price: 'networkFirewallEndpointHour' },
    { ...base, component: 'DNS Firewall domains in user lists (managed lists are free)', quantity: firewallDomains, hours: 1, price: 'dnsFirewallDomainMonth' },
  ];
  return lines.filter((l) => l.quantity > 0);
}

const priced = (line: Omit<CostLine, 'monthly'>, prices: PriceBook | undefined): CostLine => (prices ? { ...line, monthly: line.quantity * line.hours * prices.prices[line.price].usd } : line);

/**
 * The centralized parts of this config against the same spokes each running their own: NAT
 * gateways (the hub's layout, per AZ or single) with their public addresses for spokes with central
 * egress, and every central interface endpoint in each spoke AZ. The centralized side pays the
 * hub's NAT gateways, endpoints, the two hub VPC attachments and the endpoint DNS (hosted zones, or
 * a Route 53 Profile per spoke account). Spoke attachments exist either way and are left out.
 */
function compare(lz: LandingZone, app: SynthesizedApp, prices: PriceBook): CentralizationComparison | undefined {
  const { egress, endpoints } = lz.hub;
  if (!egress && !endpoints) return undefined;
  const hours = prices.hoursPerMonth;
  const p = (key: PriceKey) => prices.prices[key].usd;
  const hub = app.stacks.find((s) => s.name === hubStackName(lz));
  const hubNats = resourcesOf(hub, 'aws_nat_gateway').length;
  const hubEnis = sum(resourcesOf(hub, 'aws_vpc_endpoint').filter(([, e]) => e.vpc_endpoint_type === 'Interface').map(([, e]) => ((e.subnet_ids as unknown[]) ?? []).length));
  const natsFor = (azs: number) => (egress ? (egress.natGateways === 'per-az' ? azs : 1) : 0);
  // Interface endpoints a spoke already runs itself (the closed-VPC Session Manager setup) exist either way.
  const localServices = (s: (typeof lz.spokes)[number]) =>
    resourcesOf(app.stacks.find((st) => st.name === spokeStackName(lz, s.name)), 'aws_vpc_endpoint')
      .filter(([, e]) => e.vpc_endpoint_type === 'Interface')
      .map(([, e]) => String(e.service_name).replace(`com.amazonaws.${lz.region}.`, ''));
  const spokeNats = sum(lz.spokes.filter((s) => s.vpc.egress === 'central').map((s) => natsFor(s.vpc.availabilityZones.length)));
  const spokeEnis = sum(lz.spokes.map((s) => (endpoints?.services.filter((e) => !localServices(s).includes(e.name)).length ?? 0) * s.vpc.availabilityZones.length));
  const hubAttachments = (egress ? 1 : 0) + (endpoints ? 1 : 0);
  const zones = resourcesOf(hub, 'aws_route53_zone').length;
  const profileAccounts = app.stacks.filter((s) => resourcesOf(s, 'aws_route53profiles_association').length > 0).length;
  const rows = [
    { component: 'NAT gateways', central: hubNats, perVpc: spokeNats, unit: hours * p('natGatewayHour') },
    { component: 'their public IPv4 addresses', central: hubNats, perVpc: spokeNats, unit: hours * p('publicIpv4Hour') },
    { component: 'interface endpoint ENIs', central: hubEnis, perVpc: spokeEnis, unit: hours * p('interfaceEndpointHourPerAz') },
    { component: 'Transit Gateway attachments of the hub egress and endpoints VPCs', central: hubAttachments, perVpc: 0, unit: hours * p('tgwAttachmentHour') },
    { component: 'endpoint private hosted zones (per-VPC endpoints use their own private DNS)', central: zones, perVpc: 0, unit: p('hostedZoneMonth') },
    { component: 'Route 53 Profile accounts', central: profileAccounts, perVpc: 0, unit: hours * p('route53ProfileHour') },
  ]
    .filter((r) => r.central > 0 || r.perVpc > 0)
    .map((r) => ({ component: r.component, central: r.central, perVpc: r.perVpc, centralUsd: r.central * r.unit, perVpcUsd: r.perVpc * r.unit }));
  const centralUsd = sum(rows.map((r) => r.centralUsd));
  const perVpcUsd = sum(rows.map((r) => r.perVpcUsd));
  const azs = lz.hub.availabilityZones.length;
  const perAdditionalSpokeUsd = natsFor(azs) * hours * (p('natGatewayHour') + p('publicIpv4Hour')) + (endpoints?.services.length ?? 0) * azs * hours * p('interfaceEndpointHourPerAz');
  // Centrally a spoke adds nothing, except its account's Route 53 Profile hours in that DNS mode.
  const perAdditionalSpokeCentralUsd = profileAccounts > 0 ? hours * p('route53ProfileHour') : 0;
  const savingUsd = perVpcUsd - centralUsd;
  return {
    rows,
    centralUsd,
    perVpcUsd,
    savingUsd,
    perAdditionalSpokeUsd,
    perAdditionalSpokeCentralUsd,
    breakEvenGb: savingUsd > 0 ? savingUsd / p('tgwPerGb') : undefined,
    spokes: lz.spokes.length,
    natLayout: egress?.natGateways ?? 'none',
    hubAzs: azs,
  };
}

/** Counts and prices the network; without a price file the lines carry no amounts. */
export function estimateCosts(lz: LandingZone, app: SynthesizedApp, prices: PriceBook | undefined): CostEstimate {
  const hours = prices?.hoursPerMonth ?? DEFAULT_HOURS_PER_MONTH;
  const lines = app.stacks.flatMap((s) => stackLines(lz, s, hours)).map((l) => priced(l, prices));
  return {
    region: lz.region,
    prices,
    hoursPerMonth: hours,
    lines,
    totalUsd: prices ? sum(lines.map((l) => l.monthly ?? 0)) : undefined,
    comparison: prices ? compare(lz, app, prices) : undefined,
  };
}

const MARK: Record<Price['status'], string> = { verified: '', corroborated: ' †', unverified: ' ‡' };

/** Monthly amount per paying account, largest first. */
export function byAccount(lines: readonly CostLine[]): [string, number][] {
  const out = new Map<string, number>();
  for (const l of lines) out.set(l.account, (out.get(l.account) ?? 0) + (l.monthly ?? 0));
  return [...out].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The costs section. */
export function renderCosts(estimate: CostEstimate): string {
  const prices = estimate.prices;
  const quantity = (l: CostLine) => (l.hours === 1 ? count(l.quantity) : `${count(l.quantity)} × ${count(l.hours)} h`);
  if (!prices) {
    return [
      '## Costs',
      '',
      `**No price data for ${code(estimate.region)}**: the report prices only Regions with a file in ${code('report/prices/')}. What would be billed by the hour:`,
      '',
      table(['component', 'workspace', 'quantity'], estimate.lines.map((l) => [l.component, code(l.workspace), quantity(l)]), ['left', 'left', 'right']),
    ].join('\n');
  }
  const unit = (l: CostLine) => `${rate(prices.prices[l.price].usd)}${MARK[prices.prices[l.price].status]}`;
  const unverified = estimate.lines.filter((l) => prices.prices[l.price].status === 'unverified');
  const parts = [
    '## Costs',
    '',
    `Monthly estimate of what is billed by the hour or month, ${prices.regionName} (${code(prices.region)}) on-demand list prices as of ${prices.date}, ${count(prices.hoursPerMonth)} hours a month. ` +
      'Data processing and transfer are usage: their per-GB rates are listed below, not guessed.',
    '',
    table(
      ['component', 'workspace (account)', 'quantity', 'unit price', 'per month'],
      [
        ...estimate.lines.map((l) => [l.component, `${code(l.workspace)} (${l.account})`, quantity(l), unit(l), usd(l.monthly ?? 0)]),
        ['**total**', '', '', '', `**${usd(estimate.totalUsd ?? 0)}**`],
      ],
      ['left', 'left', 'right', 'right', 'right'],
    ),
    '',
    `By account: ${byAccount(estimate.lines).map(([account, amount]) => `${account} ${usd(amount)}`).join(' · ')}.`,
    '',
    `† corroborated: the AWS Price List figure as quoted by independent sources. ‡ unverified: no figure for this Region was found, the US East price stands in${unverified.length > 0 ? ` (${plural(unverified.length, 'line')}, ${usd(sum(unverified.map((l) => l.monthly ?? 0)))} of the total)` : ''}. Sources are listed under "Prices used".`,
  ];
  const c = estimate.comparison;
  if (c) {
    parts.push(
      '',
      '### Centralized versus per-VPC',
      '',
      `The same ${plural(c.spokes, 'spoke')}, each with its own NAT gateways (${c.natLayout === 'per-az' ? 'one per AZ, like the hub' : c.natLayout === 'single' ? 'one, like the hub' : 'none: the hub has no egress VPC'}) and its own copy of every central interface endpoint in each of its AZs, against what this config runs centrally. ` +
        'Spoke attachments, Resolver endpoints and everything else are the same either way.',
      '',
      table(
        ['component', 'centralized (this config)', 'per VPC'],
        [
          ...c.rows.map((r) => [r.component, `${count(r.central)} → ${usd(r.centralUsd)}`, `${count(r.perVpc)} → ${usd(r.perVpcUsd)}`]),
          ['**total**', `**${usd(c.centralUsd)}**`, `**${usd(c.perVpcUsd)}**`],
        ],
        ['left', 'right', 'right'],
      ),
      '',
      [
        c.savingUsd >= 0
          ? `**Centralizing saves ${usd(c.savingUsd)} a month** (${usd(c.savingUsd * 12)} a year) with ${plural(c.spokes, 'spoke')}.`
          : `**Centralizing costs ${usd(-c.savingUsd)} a month more** with ${plural(c.spokes, 'spoke')}.`,
        `Each further spoke in ${plural(c.hubAzs, 'AZ')} would cost ${usd(c.perAdditionalSpokeUsd)} a month with its own NAT gateways and endpoints, ` +
          (c.perAdditionalSpokeCentralUsd > 0 ? `and ${usd(c.perAdditionalSpokeCentralUsd)} centrally (its account's Route 53 Profile hours).` : 'and nothing more centrally.'),
        ...(c.breakEvenGb !== undefined
          ? [`Traffic from spokes to the internet and the endpoints crosses the Transit Gateway at ${rate(prices.prices.tgwPerGb.usd)} per GB, so centralizing stays cheaper below about ${count(Math.round(c.breakEvenGb))} GB a month of it.`]
          : []),
      ].join(' '),
    );
  }
  const perGb: [PriceKey, string][] = [
    ['natGatewayPerGb', 'NAT gateway data processing'],
    ['interfaceEndpointPerGb', 'interface endpoint data processing'],
    ['tgwPerGb', 'Transit Gateway data processing'],
    ['dataTransferOutInternetPerGb', 'data transfer out to the internet'],
    ['interAzPerGb', 'data transfer between AZs'],
    ['networkFirewallPerGb', 'Network Firewall data processing'],
    ['dnsFirewallPerMillionQueries', 'DNS Firewall queries'],
    ['albLcuHour', 'ALB capacity units'],
  ];
  parts.push(
    '',
    '### Usage rates (not in the total)',
    '',
    table(['charge', 'rate', 'per'], perGb.map(([k, name]) => [name, `${rate(prices.prices[k].usd)}${MARK[prices.prices[k].status]}`, prices.prices[k].unit]), ['left', 'right', 'left']),
    '',
    'Not included: Direct Connect port hours and data transfer out (the connection is ordered outside this config), EC2 Instance Connect Endpoint, KMS keys, S3 storage and requests of the log archive, CloudWatch Logs, flow-log delivery, Route 53 queries.',
    '',
    '<details><summary>Prices used</summary>',
    '',
    table(
      ['price', 'USD', 'per', 'status', 'source', 'evidence'],
      Object.entries(prices.prices).map(([k, v]) => [code(k), rate(v.usd), v.unit, v.status, v.source, v.evidence]),
      ['left', 'right', 'left', 'left', 'left', 'left'],
    ),
    '',
    '</details>',
  );
  return parts.join('\n');
}
