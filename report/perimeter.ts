/**
 * "Inspection and perimeter" section: the Network Firewall endpoints and their monthly cost beside
 * the uninspected design, the DNS Firewall rule group with its rules and VPC associations and its
 * cost, and VPC Block Public Access per account with every exclusion and its reason. Read from the
 * synthesized JSON (what will be deployed), priced from the Region's price file.
 */
import { LandingZone } from '../config/model';
import { landingZoneStackList } from '../config/stack-list';
import { code, count, plural, rate, table, usd } from './markdown';
import { ReportNetwork, reportNetwork } from './network';
import { PriceBook } from './prices';
import { nameTag, resourcesOf, SynthesizedApp, SynthesizedStack, TfBody } from './synthesized';

/** One Network Firewall: its endpoints, one per subnet mapping (AZ). */
export interface FirewallSummary {
  readonly workspace: string;
  readonly name: string;
  readonly endpoints: number;
  readonly azs: readonly string[];
  /** The firewall sits in a VPC with its own Transit Gateway attachment (an inspection VPC): one more TGW hop per inspected GB. */
  readonly ownAttachment: boolean;
  /** Its policy, when the firewall references one in the synthesized JSON. */
  readonly policy?: PolicySummary;
  /** Log types with their destination (`ALERT → S3 bucket/prefix`); absent without a logging configuration. */
  readonly logging?: readonly { readonly type: string; readonly destinationType: string; readonly destination: string }[];
}

/** One stateful rule group of a policy, as the report lists it. */
export interface RuleGroupSummary {
  readonly priority: number | 'unknown';
  readonly name: string;
  readonly kind: 'AWS managed' | 'domain allow-list' | 'domain deny-list' | 'Suricata' | 'pass' | 'unknown';
  /** Capacity units reserved; undefined for AWS managed groups (AWS sizes them). */
  readonly capacity?: number;
  /** Domain lists: the domains and what they match (`TLS_SNI`, `HTTP_HOST`). */
  readonly domains?: readonly string[];
  readonly targetTypes?: readonly string[];
  /** Suricata and pass groups: their rules. */
  readonly rules?: readonly string[];
}

/** A firewall policy: default actions, rule order, rule groups in the order they run, HOME_NET. */
export interface PolicySummary {
  readonly name: string;
  readonly statelessDefaultActions: readonly string[];
  readonly statelessFragmentDefaultActions: readonly string[];
  readonly statefulDefaultActions: readonly string[];
  readonly ruleOrder: string;
  readonly ruleGroups: readonly RuleGroupSummary[];
  readonly homeNet?: readonly string[];
}

/** A segment's inspection, from its Transit Gateway route table's `Inspection` / `InspectionOptOut` tags. */
export interface SegmentInspection {
  readonly segment: string;
  readonly inspected: boolean;
  readonly reason?: string;
}

/** The section's figures. */
export interface PerimeterData {
  readonly firewalls: readonly FirewallSummary[];
  /** With hub.inspection: every segment, inspected or opted out with its reason, in config order. */
  readonly segments?: readonly SegmentInspection[];
  readonly dnsFirewall?: {
    readonly ruleGroup: string;
    readonly rules: readonly { readonly name: string; readonly action: string; readonly priority: number; readonly list: string }[];
    readonly associations: readonly { readonly workspace: string; readonly name: string; readonly failOpen: boolean }[];
    /** Domains in the user lists (billed per domain; AWS managed lists are free). */
    readonly userDomains: number;
  };
  readonly blockPublicAccess: {
    readonly settings: readonly { readonly workspace: string; readonly account: string; readonly mode: string }[];
    readonly exclusions: readonly { readonly workspace: string; readonly target: string; readonly mode: string; readonly reason: string }[];
  };
  /** Monthly fixed charges and per-GB or per-query rates; undefined without price data. */
  readonly costs?: {
    readonly firewallEndpointsUsd: number;
    readonly inspectionAttachmentsUsd: number;
    readonly inspectedUsd: number;
    readonly perGbInspected: number;
    readonly dnsFirewallDomainsUsd: number;
  };
}

const REF = /^\$\{([a-z0-9_]+)\.([^.}]+)\.[a-z_]+\}$/;

/** The resource a `${type.name.attr}` reference names inside the same stack. */
function referenced(stack: SynthesizedStack, value: unknown): { type: string; body: TfBody } | undefined {
  const m = typeof value === 'string' ? REF.exec(value) : null;
  const body = m ? (stack.json.resource?.[m[1]] as Record<string, TfBody> | undefined)?.[m[2]] : undefined;
  return m && body ? { type: m[1], body } : undefined;
}

const label = (stack: SynthesizedStack, value: unknown): string => {
  const r = referenced(stack, value);
  return r ? (nameTag(r.body) ?? String(r.body.name ?? r.type)) : String(value);
};

/** A nested block as written: an object, or the first element of a list of them. */
function firstBlock(value: unknown): Record<string, unknown> | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []);

/** Suricata rules of a `rules_string`, one per line, comments and blank lines left out. */
const suricataRules = (text: string): string[] => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));

/** One rule group reference of the model's policy summary, with its name, kind and capacity read from the rule group resource. */
function ruleGroupSummary(graph: ReportNetwork['graph'], ref: { priority: number | 'unknown'; group: string; managed: boolean }): RuleGroupSummary {
  if (ref.managed) return { priority: ref.priority, name: ref.group, kind: 'AWS managed' };
  const attrs = graph.get(ref.group)?.attrs as Record<string, unknown> | undefined;
  if (!attrs) return { priority: ref.priority, name: ref.group, kind: 'unknown' };
  const base = { priority: ref.priority, name: typeof attrs.name === 'string' ? attrs.name : ref.group, ...(typeof attrs.capacity === 'number' && { capacity: attrs.capacity }) };
  const source = firstBlock(firstBlock(attrs.rule_group)?.rules_source);
  const list = firstBlock(source?.rules_source_list);
  if (list) {
    const kind = list.generated_rules_type === 'DENYLIST' ? 'domain deny-list' : list.generated_rules_type === 'ALLOWLIST' ? 'domain allow-list' : 'unknown';
    return { ...base, kind, domains: strings(list.targets), targetTypes: strings(list.target_types) };
  }
  if (typeof source?.rules_string === 'string') {
    const rules = suricataRules(source.rules_string);
    return { ...base, kind: rules.length > 0 && rules.every((r) => r.startsWith('pass ')) ? 'pass' : 'Suricata', rules };
  }
  return { ...base, kind: 'unknown' };
}

/**
 * Reads the perimeter: the firewalls, Block Public Access and DNS Firewall associations from the
 * analysis model (the one `lz check` proves on), the rule group's rules from the hub's JSON (the
 * model holds no DNS Firewall rules).
 */
export function perimeterData(lz: LandingZone, app: SynthesizedApp, prices: PriceBook | undefined): PerimeterData {
  const accounts = new Map(landingZoneStackList(lz).map((e) => [e.name, e.account]));
  const { graph, network } = reportNetwork(app, lz.onPremises.cidrs);
  const stackOf = (id: string) => graph.get(id)?.stack ?? id.split(':')[0];
  const attachedVpcs = new Set(network.tgwAttachments.map((a) => a.vpc));
  const firewalls: FirewallSummary[] = (network.firewalls ?? []).map((f) => ({
    workspace: stackOf(f.id),
    name: f.name,
    endpoints: f.endpoints.length,
    azs: f.endpoints.map((e) => e.az),
    ownAttachment: attachedVpcs.has(f.vpc),
    ...(f.policy && {
      policy: {
        name: f.policy.name,
        statelessDefaultActions: f.policy.statelessDefaultActions,
        statelessFragmentDefaultActions: f.policy.statelessFragmentDefaultActions,
        statefulDefaultActions: f.policy.statefulDefaultActions,
        ruleOrder: f.policy.ruleOrder,
        ruleGroups: [...f.policy.ruleGroups].sort((a, b) => (a.priority === 'unknown' ? 1 : b.priority === 'unknown' ? -1 : a.priority - b.priority)).map((r) => ruleGroupSummary(graph, r)),
        ...(f.policy.homeNet && { homeNet: f.policy.homeNet }),
      },
    }),
    ...(f.logging.length > 0 && { logging: f.logging }),
  }));

  // Segments the design classifies (hub.inspection tags their route tables), in config order.
  const segmentOrder = new Map(lz.hub.transitGateway.segments.map((seg, i) => [seg.name, i]));
  const segments: SegmentInspection[] = network.tgwRouteTables
    .filter((t) => t.inspection !== undefined)
    .map((t) => ({ segment: t.name, inspected: t.inspection!.state === 'inspected', ...(t.inspection!.reason !== undefined && { reason: t.inspection!.reason }) }))
    .sort((a, b) => (segmentOrder.get(a.segment) ?? segmentOrder.size) - (segmentOrder.get(b.segment) ?? segmentOrder.size) || a.segment.localeCompare(b.segment));

  const groupStack = app.stacks.find((s) => resourcesOf(s, 'aws_route53_resolver_firewall_rule_group').length > 0);
  const managedName = new Map((lz.hub.dnsFirewall?.managedDomainLists ?? []).map((l) => [l.id, l.name]));
  const failOpen = new Map((network.dnsFirewallFailOpen ?? []).map((c) => [c.vpc, c.failOpen === true]));
  const dnsFirewall = groupStack && {
    ruleGroup: String(resourcesOf(groupStack, 'aws_route53_resolver_firewall_rule_group')[0][1].name),
    rules: resourcesOf(groupStack, 'aws_route53_resolver_firewall_rule')
      .map(([, r]) => ({ name: String(r.name), action: String(r.action), priority: Number(r.priority), list: managedName.get(String(r.firewall_domain_list_id)) ?? label(groupStack, r.firewall_domain_list_id) }))
      .sort((a, b) => a.priority - b.priority),
    associations: (network.dnsFirewallAssociations ?? []).map((a) => ({ workspace: stackOf(a.id), name: String(graph.get(a.id)?.attrs.name ?? a.id), failOpen: failOpen.get(a.vpc) ?? false })),
    userDomains: resourcesOf(groupStack, 'aws_route53_resolver_firewall_domain_list').reduce((n, [, l]) => n + ((l.domains as unknown[]) ?? []).length, 0),
  };

  const subnetName = new Map(network.subnets.map((sn) => [sn.id, sn.name]));
  const vpcName = new Map(network.vpcs.map((v) => [v.id, v.name]));
  const blockPublicAccess = {
    settings: (network.blockPublicAccess ?? []).map((b) => ({ workspace: b.stack, account: accounts.get(b.stack) ?? '?', mode: b.mode })),
    exclusions: (network.bpaExclusions ?? []).map((e) => ({
      workspace: e.stack,
      target: e.subnet !== undefined ? `subnet ${subnetName.get(e.subnet) ?? e.subnet}` : `VPC ${vpcName.get(e.vpc ?? '') ?? e.vpc ?? '?'}`,
      mode: e.mode,
      reason: e.reason ?? '(no reason)',
    })),
  };

  const costs = prices && (() => {
    const p = prices.prices;
    const endpoints = firewalls.reduce((n, f) => n + f.endpoints, 0);
    const firewallEndpointsUsd = endpoints * prices.hoursPerMonth * p.networkFirewallEndpointHour.usd;
    const inspectionAttachmentsUsd = firewalls.filter((f) => f.ownAttachment).length * prices.hoursPerMonth * p.tgwAttachmentHour.usd;
    return {
      firewallEndpointsUsd,
      inspectionAttachmentsUsd,
      inspectedUsd: firewallEndpointsUsd + inspectionAttachmentsUsd,
      perGbInspected: p.networkFirewallPerGb.usd + (firewalls.some((f) => f.ownAttachment) ? p.tgwPerGb.usd : 0),
      dnsFirewallDomainsUsd: (dnsFirewall?.userDomains ?? 0) * p.dnsFirewallDomainMonth.usd,
    };
  })();
  return { firewalls, ...(segments.length > 0 && { segments }), ...(dnsFirewall && { dnsFirewall }), blockPublicAccess, ...(costs && { costs }) };
}

/** The section. */
export function renderPerimeter(data: PerimeterData, prices: PriceBook | undefined): string {
  const parts = ['## Inspection and perimeter', ''];
  const { firewalls, dnsFirewall, blockPublicAccess: bpa, costs } = data;
  if (firewalls.length === 0 && !dnsFirewall && bpa.settings.length === 0) {
    parts.push('No Network Firewall, DNS Firewall or VPC Block Public Access in this config (`hub.inspection`, `hub.dnsFirewall`, `blockPublicAccess`).');
    return parts.join('\n');
  }

  parts.push('### Network Firewall', '');
  if (firewalls.length === 0) parts.push('No Network Firewall: traffic between segments and to the internet is not inspected.');
  else {
    parts.push(table(['firewall', 'workspace', 'endpoints (AZs)'], firewalls.map((f) => [code(f.name), code(f.workspace), `${count(f.endpoints)} (${f.azs.join(', ')})`]), ['left', 'left', 'left']));
    if (costs && prices) {
      const p = prices.prices;
      parts.push(
        '',
        table(
          ['monthly fixed charge', 'uninspected design', 'inspected (this config)'],
          [
            [`firewall endpoint-hours (${plural(firewalls.reduce((n, f) => n + f.endpoints, 0), 'endpoint')} × ${count(prices.hoursPerMonth)} h × ${rate(p.networkFirewallEndpointHour.usd)})`, usd(0), usd(costs.firewallEndpointsUsd)],
            ['Transit Gateway attachment of the inspection VPC', usd(0), usd(costs.inspectionAttachmentsUsd)],
            ['**total**', `**${usd(0)}**`, `**${usd(costs.inspectedUsd)}**`],
          ],
          ['left', 'right', 'right'],
        ),
        '',
        `Each inspected GB adds ${rate(p.networkFirewallPerGb.usd)} of firewall processing${firewalls.some((f) => f.ownAttachment) ? ` and ${rate(p.tgwPerGb.usd)} for the extra Transit Gateway hop through the inspection VPC` : ''}: ${rate(costs.perGbInspected)} per GB in all. Prices: ${p.networkFirewallEndpointHour.source} (${p.networkFirewallEndpointHour.status}, price file of ${prices.date}).`,
      );
    }
    for (const f of firewalls) parts.push(...renderPolicy(f));
  }
  if (data.segments) parts.push('', ...renderSegments(data.segments));

  parts.push('', '### DNS Firewall', '');
  if (!dnsFirewall) parts.push('No DNS Firewall (`hub.dnsFirewall`): DNS queries of the VPCs are not filtered.');
  else {
    parts.push(
      `Rule group ${code(dnsFirewall.ruleGroup)}, shared through RAM; rules in the order they run (the first match decides):`,
      '',
      table(['priority', 'rule', 'action', 'domain list'], dnsFirewall.rules.map((r) => [String(r.priority), code(r.name), r.action, r.list]), ['right', 'left', 'left', 'left']),
      '',
      table(['workspace', 'association', 'when the firewall cannot answer'], dnsFirewall.associations.map((a) => [code(a.workspace), code(a.name), a.failOpen ? 'fail open (query answered)' : 'fail closed (query blocked)']), ['left', 'left', 'left']),
    );
    if (costs && prices) {
      const p = prices.prices;
      parts.push(
        '',
        `Cost: ${plural(dnsFirewall.userDomains, 'domain')} in the user lists × ${rate(p.dnsFirewallDomainMonth.usd)} = ${usd(costs.dnsFirewallDomainsUsd)} a month (AWS managed lists are free), plus ${rate(p.dnsFirewallPerMillionQueries.usd)} per million queries of the associated VPCs (usage). Prices: ${p.dnsFirewallPerMillionQueries.source} (${p.dnsFirewallPerMillionQueries.status}).`,
      );
    }
  }

  parts.push('', '### VPC Block Public Access', '');
  if (bpa.settings.length === 0) parts.push('Not set (`blockPublicAccess`): an internet gateway route and a public address are all an instance needs to be reachable.');
  else {
    parts.push(table(['workspace', 'account', 'mode'], bpa.settings.map((s) => [code(s.workspace), s.account, code(s.mode)]), ['left', 'left', 'left']));
    parts.push('', bpa.exclusions.length === 0 ? 'No exclusions.' : `Every exclusion (${count(bpa.exclusions.length)}):`);
    if (bpa.exclusions.length > 0) parts.push('', table(['workspace', 'excluded', 'mode', 'reason'], bpa.exclusions.map((e) => [code(e.workspace), e.target, code(e.mode), e.reason]), ['left', 'left', 'left', 'left']));
  }
  return parts.join('\n');
}

const codes = (items: readonly string[]): string => items.map(code).join(', ') || '—';

/** What a rule group matches, for its row. */
function ruleGroupMatches(g: RuleGroupSummary): string {
  if (g.kind === 'AWS managed') return 'AWS managed rules, kept current by AWS';
  if (g.domains) return `${plural(g.domains.length, 'domain')} on ${g.targetTypes?.join(' and ') || 'no target type'}: ${codes(g.domains)}`;
  if (g.rules) return g.kind === 'pass' ? codes(g.rules.map((r) => r.replace(/\s*\(.*$/, ''))) : plural(g.rules.length, 'rule');
  return '?';
}

/** A firewall's policy: its defaults, HOME_NET and log destinations, then its stateful rule groups in the order they run. */
function renderPolicy(f: FirewallSummary): string[] {
  const lines = ['', !f.policy ? `${code(f.name)} references no firewall policy in the synthesized output.` : `Policy ${code(f.policy.name)} of ${code(f.name)}:`];
  if (f.policy) {
    const p = f.policy;
    lines.push(
      '',
      table(
        ['setting', 'value'],
        [
          ['stateless default actions', `${codes(p.statelessDefaultActions)} (fragments: ${codes(p.statelessFragmentDefaultActions)})`],
          ['stateful rule order', code(p.ruleOrder)],
          ['stateful default actions', codes(p.statefulDefaultActions)],
          ['HOME_NET', p.homeNet ? codes(p.homeNet) : 'not set (the inspection VPC range)'],
          ...(f.logging ?? []).map((l) => [`${l.type} logs`, `${l.destinationType} ${code(l.destination)}`]),
          ...(f.logging ? [] : [['logs', 'none: no logging configuration']]),
        ],
        ['left', 'left'],
      ),
      '',
      `Stateful rule groups in the order they run (${p.ruleOrder === 'STRICT_ORDER' ? 'strict order: lowest priority first' : 'default action order: pass, then drop, then alert'}):`,
      '',
      table(
        ['priority', 'rule group', 'type', 'capacity', 'matches'],
        p.ruleGroups.map((g) => [String(g.priority), code(g.name), g.kind, g.capacity === undefined ? '—' : count(g.capacity), ruleGroupMatches(g)]),
        ['right', 'left', 'left', 'right', 'left'],
      ),
    );
  }
  return lines;
}

/** Every segment the design classifies: inspected, or opted out with the reason recorded in the config. */
function renderSegments(segments: readonly SegmentInspection[]): string[] {
  return [
    'Segments (from the `Inspection` and `InspectionOptOut` tags of their Transit Gateway route tables):',
    '',
    table(['segment', 'inspection', 'reason'], segments.map((s) => [code(s.segment), s.inspected ? 'inspected' : 'opted out', s.inspected ? '—' : (s.reason ?? '(no reason)')]), ['left', 'left', 'left']),
  ];
}
