/**
 * AWS Network Firewalls: each firewall's VPC and per-AZ endpoints (one per `subnet_mapping`), the
 * summary of its policy (default actions, rule order, rule groups by priority, HOME_NET) and the log
 * types its logging configuration delivers. Routes that target an endpoint are read in
 * route-tables.ts (`firewall` targets).
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/networkfirewall_firewall
 */
import type { TfResource, Value } from '../graph/types';
import { compare, optional } from './collect';
import { absent, blocks, isRecord, ModelReader, UNKNOWN } from './reader';
import type { FirewallPolicySummary, NetworkFirewall, Subnet } from './types';

const MANAGED_GROUP = /^arn:[\w-]+:network-firewall:[\w-]+:aws-managed:stateful-rulegroup\/(.+)$/;

/** Every firewall, ordered by id. */
export function buildFirewalls(read: ModelReader, subnets: readonly Subnet[]): NetworkFirewall[] {
  const azOf = new Map(subnets.map((s) => [s.id, s.az]));
  return read.graph
    .byType('aws_networkfirewall_firewall')
    .map((f): NetworkFirewall => {
      const endpoints = blocks(f.attrs.subnet_mapping).map((m, i) => {
        const subnet = read.ref(f, `subnet_mapping[${i}].subnet_id`, m.subnet_id, ['aws_subnet']) ?? UNKNOWN;
        return { subnet, az: azOf.get(subnet) ?? UNKNOWN };
      });
      const policyId = read.ref(f, 'firewall_policy_arn', f.attrs.firewall_policy_arn, ['aws_networkfirewall_firewall_policy'], ['arn', 'id']);
      const policy = policyId && policyId !== UNKNOWN ? read.graph.get(policyId) : undefined;
      const logging = read.graph.referrers(f, 'aws_networkfirewall_logging_configuration', 'firewall_arn')[0];
      return {
        id: f.id,
        name: read.text(f, 'name') ?? f.name,
        vpc: read.requiredRef(f, 'vpc_id', ['aws_vpc']),
        endpoints,
        ...optional('policy', policy && policySummary(read, policy)),
        logging: logging ? loggingOf(read, logging) : [],
        ...optional('loggingSource', logging?.id),
      };
    })
    .sort((a, b) => compare(a.id, b.id));
}

function policySummary(read: ModelReader, p: TfResource): FirewallPolicySummary {
  const body = blocks(p.attrs.firewall_policy)[0] ?? {};
  const texts = (field: string) => read.texts(p, `firewall_policy.${field}`, body[field]);
  const engine = blocks(body.stateful_engine_options)[0];
  const ruleGroups = blocks(body.stateful_rule_group_reference).map((r, i) => {
    const arn = read.follow(r.resource_arn);
    const managed = typeof arn === 'string' ? MANAGED_GROUP.exec(arn) : null;
    const own = read.ref(p, `firewall_policy.stateful_rule_group_reference[${i}].resource_arn`, r.resource_arn, ['aws_networkfirewall_rule_group'], ['arn', 'id']);
    const priority = read.num(p, `firewall_policy.stateful_rule_group_reference[${i}].priority`, r.priority);
    return { priority: priority === undefined ? UNKNOWN : priority, group: managed ? managed[1] : (own ?? UNKNOWN), managed: !!managed };
  });
  const homeNet = blocks(blocks(body.policy_variables)[0]?.rule_variables).find((v) => read.follow(v.key) === 'HOME_NET');
  return {
    id: p.id,
    name: read.text(p, 'name') ?? p.name,
    statelessDefaultActions: texts('stateless_default_actions'),
    statelessFragmentDefaultActions: texts('stateless_fragment_default_actions'),
    statefulDefaultActions: texts('stateful_default_actions'),
    // The provider's default when stateful_engine_options is absent.
    ruleOrder: (engine && read.text(p, 'firewall_policy.stateful_engine_options.rule_order', engine.rule_order)) ?? 'DEFAULT_ACTION_ORDER',
    ruleGroups,
    ...optional('homeNet', homeNet ? read.texts(p, 'firewall_policy.policy_variables.HOME_NET', blocks(homeNet.ip_set)[0]?.definition) : undefined),
  };
}

function loggingOf(read: ModelReader, c: TfResource): NetworkFirewall['logging'] {
  const config = blocks(c.attrs.logging_configuration)[0] ?? {};
  return blocks(config.log_destination_config).map((d, i) => ({
    type: read.text(c, `log_destination_config[${i}].log_type`, d.log_type) ?? UNKNOWN,
    destinationType: read.text(c, `log_destination_config[${i}].log_destination_type`, d.log_destination_type) ?? UNKNOWN,
    destination: destinationText(read, i, d.log_destination),
  }));
}

/** `bucketName/prefix` for S3, the log group or stream otherwise; `unknown` when computed. */
function destinationText(read: ModelReader, i: number, value: Value | undefined): string {
  const v = read.follow(value);
  if (!isRecord(v)) return absent(v) ? '' : UNKNOWN;
  const part = (key: string) => (absent(v[key]) ? undefined : typeof read.follow(v[key]) === 'string' ? (read.follow(v[key]) as string) : '${...}');
  return [part('bucketName'), part('prefix'), part('logGroup'), part('deliveryStream')].filter((x) => x !== undefined).join('/') || `log_destination_config[${i}]`;
}
