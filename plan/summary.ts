/**
 * Summarizes one Terraform plan (`terraform show -json <planfile>`) for review: counts per action and
 * the replacements and deletions that can cut network traffic. Pure: no file or process access.
 *
 * Format reference: https://developer.hashicorp.com/terraform/internals/json-format. Minor format
 * versions only add fields, so unknown fields are ignored; another major version is refused. An action
 * combination this reader does not know is an error, never a guess: a blast-radius guard fails closed.
 */
import { z } from 'zod';

/**
 * Resource types whose replacement or deletion can interrupt traffic, each with why. Replacing is
 * deleting plus creating, so the object is gone for a while (or, for `create_before_destroy`, a
 * duplicate competes with it) and anything that pointed at its id must follow.
 */
export const CONNECTIVITY_TYPES: Readonly<Record<string, string>> = {
  // VPC routing
  aws_route: 'a VPC route: until it exists again, traffic to its destination falls back to a less specific route or is dropped',
  aws_route_table: 'a VPC route table: its routes go with it and its subnets fall back to the main route table (local routes only)',
  aws_route_table_association: "a subnet's route table association: until it exists again the subnet uses the main route table (local routes only)",
  aws_main_route_table_association: "the VPC's main route table: every subnet without an explicit association changes its routes",
  // Transit Gateway
  aws_ec2_transit_gateway: 'the Transit Gateway: every attachment, route table and route of the network goes with it',
  aws_ec2_transit_gateway_route_table: 'a Transit Gateway route table (a segment): its associations, propagations and routes go with it',
  aws_ec2_transit_gateway_route: 'a static Transit Gateway route: a default route to egress disappears, or an isolating blackhole stops blocking',
  aws_ec2_transit_gateway_route_table_association: 'an attachment-to-route-table association: until it exists again the attachment has no route table and its traffic is dropped',
  aws_ec2_transit_gateway_route_table_propagation: "a propagation: the attachment's ranges leave that route table, so that segment can no longer reach them",
  aws_ec2_transit_gateway_vpc_attachment: "a VPC's Transit Gateway attachment: every path through the Transit Gateway to and from the VPC stops",
  aws_ec2_transit_gateway_vpc_attachment_accepter: "the hub-side acceptance of a VPC attachment: deleting it deletes the attachment, and the spoke's paths stop",
  aws_ec2_transit_gateway_peering_attachment: 'a Transit Gateway peering: traffic to the peered Region or network stops',
  aws_ec2_transit_gateway_peering_attachment_accepter: 'the acceptance of a Transit Gateway peering: deleting it deletes the peering',
  aws_ec2_transit_gateway_prefix_list_reference: 'a prefix-list route in a Transit Gateway route table: its destinations lose their route',
  // Direct Connect and Site-to-Site VPN
  aws_dx_gateway: 'the Direct Connect gateway: on-premises traffic over Direct Connect stops until the gateway, its association and virtual interfaces are rebuilt',
  aws_dx_gateway_association: "the Direct Connect gateway's association with the Transit Gateway: on-premises traffic over Direct Connect stops",
  aws_dx_transit_virtual_interface: 'a transit virtual interface: its BGP session with the data center goes down',
  aws_dx_hosted_transit_virtual_interface: 'a hosted transit virtual interface: its BGP session with the data center goes down',
  aws_dx_private_virtual_interface: 'a private virtual interface: its BGP session with the data center goes down',
  aws_customer_gateway: "a VPN customer gateway: its VPN connections must be rebuilt, with new tunnel addresses and keys for the data center's device",
  aws_vpn_connection: "a Site-to-Site VPN connection: both tunnels go down, and a new one has new outside addresses and keys the data center must configure",
  aws_vpn_connection_route: 'a static VPN route: its on-premises range loses the VPN path',
  aws_vpn_gateway: 'a virtual private gateway: its VPN and Direct Connect paths stop',
  aws_vpn_gateway_attachment: "a virtual private gateway's attachment to its VPC: its VPN and Direct Connect paths stop",
  // DNS
  aws_route53_resolver_endpoint: 'a Route 53 Resolver endpoint: on-premises lookups of AWS private names (inbound) or AWS lookups of on-premises names (outbound) fail, and inbound addresses may change',
  aws_route53_resolver_rule: 'a Resolver forwarding rule: its on-premises domain stops resolving in every VPC the rule is associated with',
  aws_route53_resolver_rule_association: "a forwarding rule's association with a VPC: that VPC stops resolving the on-premises domain",
  aws_route53_zone: "a private hosted zone: its records and VPC associations go with it, so the endpoints' private names stop resolving",
  aws_route53_zone_association: "a private hosted zone's association with a VPC: that VPC resolves the service to public addresses instead of the shared endpoint",
  aws_route53profiles_association: "a VPC's Route 53 Profile association: the VPC loses the profile's endpoint names and forwarding rules",
  aws_route53profiles_resource_association: "a resource's Route 53 Profile association: every VPC using the profile loses that endpoint name or forwarding rule",
  // Client VPN
  aws_ec2_client_vpn_endpoint: 'the Client VPN endpoint: every user is disconnected, and a new endpoint has a new DNS name, so every profile must be reissued',
  aws_ec2_client_vpn_network_association: "a Client VPN subnet association: clients lose that path into the VPC (with none left, the endpoint is unavailable)",
  aws_ec2_client_vpn_authorization_rule: 'a Client VPN authorization rule: users lose access to its destination network',
  aws_ec2_client_vpn_route: 'a Client VPN route: clients lose the path to its destination',
  // Egress
  aws_nat_gateway: 'a NAT gateway: internet egress of every subnet routed to it stops',
  aws_eip: 'an Elastic IP: a NAT gateway or VPN address changes, so allowlists outside AWS stop matching',
  aws_internet_gateway: 'the internet gateway: public subnets and NAT gateways lose the internet',
  aws_egress_only_internet_gateway: 'the egress-only internet gateway: IPv6 egress stops',
  // Foundation and shared services
  aws_vpc: 'a VPC: every subnet, attachment, endpoint and instance in it must go first',
  aws_subnet: 'a subnet: every network interface in it (instances, endpoints, attachments, NAT gateways, Client VPN) must go first',
  aws_vpc_endpoint: 'a VPC endpoint: its service is unreachable privately (for the shared interface endpoints, from every spoke) until it exists again',
  aws_vpc_peering_connection: 'a VPC peering: traffic between the peered VPCs stops',
  aws_ram_resource_share: 'a RAM share: spoke accounts lose the shared Transit Gateway, Resolver rules or query-log configuration',
  aws_ram_resource_association: 'a resource in a RAM share: spoke accounts lose that shared resource',
  aws_ram_principal_association: 'a principal of a RAM share: those accounts lose every resource of the share',
};

/**
 * Replacements whose cause deserves its own words, by type and the attribute that forces them. A new
 * BGP key replaces the VIF (`bgp_auth_key` is ForceNew in provider 5.100): a planned interruption of
 * that BGP session, done in a maintenance window with the router's key changed at the same time.
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/dx_transit_virtual_interface
 */
export const REPLACE_CAUSES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  aws_dx_transit_virtual_interface: {
    bgp_auth_key:
      'BGP key rotation: the new dx_bgp_auth_key_<vif> replaces the VIF, so its BGP session is down until it is recreated and the router has the new key; plan it as an interruption (docs/direct-connect.md) and acknowledge it with --allow-connectivity-impact',
  },
};

/** What Terraform will do to one object, with the replace variants folded into `replace`. */
export type PlanAction = 'create' | 'update' | 'replace' | 'delete' | 'forget' | 'read' | 'no-op';

/** One entry of `resource_changes`, reduced to what a reviewer needs. */
export interface ResourceChangeSummary {
  readonly address: string;
  readonly type: string;
  readonly mode: 'managed' | 'data';
  readonly action: PlanAction;
  /** Terraform's own action list, e.g. `["delete","create"]`. */
  readonly actions: readonly string[];
  /** Set when a `moved` block (or cdktf `moveTo`) gave the object a new address. */
  readonly previousAddress?: string;
  /** The change is (also) an import. */
  readonly importing: boolean;
  /** Set for a deposed object a failed `create_before_destroy` left behind. */
  readonly deposed?: string;
  /** Terraform's `action_reason`, e.g. `replace_because_cannot_update`. */
  readonly reason?: string;
  /** Attributes that force the replacement, e.g. `subnet_id`, `ingress[0].cidr_blocks`. */
  readonly replacePaths: readonly string[];
}

/** A replacement or deletion of a {@link CONNECTIVITY_TYPES} resource. */
export interface ConnectivityImpact extends ResourceChangeSummary {
  readonly action: 'replace' | 'delete';
  /** Why this type matters, from {@link CONNECTIVITY_TYPES}. */
  readonly why: string;
}

/** How many objects each action touches. Moves and imports are counted besides the action they come with. */
export interface PlanCounts {
  readonly create: number;
  readonly update: number;
  readonly replace: number;
  readonly delete: number;
  readonly forget: number;
  readonly move: number;
  readonly import: number;
  readonly read: number;
  readonly noOp: number;
}

/** One stack's plan, summarized. */
export interface PlanSummary {
  readonly stack: string;
  readonly formatVersion: string;
  readonly terraformVersion?: string;
  /** False when Terraform deferred changes to a later round (`complete: false`). */
  readonly complete: boolean;
  readonly counts: PlanCounts;
  /** Every change except plain no-ops, in plan order. */
  readonly changes: readonly ResourceChangeSummary[];
  readonly connectivityImpacts: readonly ConnectivityImpact[];
}

/** The input is not a usable plan; the message says what it is instead and how to get a plan. */
export class PlanFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanFormatError';
  }
}

const HOW = 'expected the output of `terraform show -json <planfile>` for a plan saved with `terraform plan -out=<planfile>`';

const step = z.union([z.string(), z.number()]);
const resourceChangeSchema = z.object({
  address: z.string().min(1),
  previous_address: z.string().min(1).optional(),
  mode: z.enum(['managed', 'data']),
  type: z.string().min(1),
  deposed: z.string().optional(),
  action_reason: z.string().optional(),
  change: z.object({
    actions: z.array(z.enum(['no-op', 'create', 'read', 'update', 'delete', 'forget'])).min(1),
    replace_paths: z.array(z.array(step)).optional(),
    importing: z.looseObject({}).nullable().optional(),
  }),
});
const planSchema = z.object({
  format_version: z.string().regex(/^\d+\.\d+$/),
  terraform_version: z.string().optional(),
  // Terraform omits resource_changes when nothing changes.
  resource_changes: z.array(resourceChangeSchema).optional(),
  complete: z.boolean().optional(),
  errored: z.boolean().optional(),
});
type RawChange = z.infer<typeof resourceChangeSchema>;

/** Terraform's action lists (json-format "Change Representation") and what each means here. */
const ACTIONS: Readonly<Record<string, PlanAction>> = {
  'no-op': 'no-op',
  create: 'create',
  read: 'read',
  update: 'update',
  delete: 'delete',
  forget: 'forget',
  'delete,create': 'replace',
  'create,delete': 'replace',
  'create,forget': 'replace',
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Recognizes the JSON people pass by mistake, so the error says what it is. */
function rejectNonPlan(plan: unknown): void {
  if (!isObject(plan)) throw new PlanFormatError(`not a Terraform plan: the JSON is ${Array.isArray(plan) ? 'an array' : plan === null ? 'null' : `a ${typeof plan}`}; ${HOW}`);
  if (!('format_version' in plan)) {
    if ('version' in plan && 'resources' in plan) throw new PlanFormatError(`not a Terraform plan: this is a raw state file (terraform.tfstate: "version" and "resources"); ${HOW}`);
    if ('resource' in plan || ('terraform' in plan && 'provider' in plan)) throw new PlanFormatError(`not a Terraform plan: this is Terraform configuration (cdk.tf.json: "resource", "provider"); plan it first, then ${HOW}`);
    throw new PlanFormatError(`not a Terraform plan: "format_version" is missing; ${HOW}`);
  }
  const planKeys = ['resource_changes', 'planned_values', 'configuration', 'output_changes'];
  if ('values' in plan && !planKeys.some((k) => k in plan)) {
    throw new PlanFormatError(`not a Terraform plan: this is a state ("values" but no "resource_changes", "planned_values" or "configuration": \`terraform show -json\` of a state file); ${HOW}`);
  }
  if (!planKeys.some((k) => k in plan)) throw new PlanFormatError(`not a Terraform plan: none of ${planKeys.map((k) => `"${k}"`).join(', ')} is present; ${HOW}`);
  const version = plan.format_version;
  if (typeof version === 'string' && /^\d+\./.test(version) && !version.startsWith('1.')) {
    throw new PlanFormatError(`unsupported plan format_version "${version}": this reader knows 1.x (Terraform 1.x); a new major version may change what actions mean`);
  }
}

/** `resource_changes[3].change.actions`, with the resource's address when the path is inside one. */
function pathText(pathSteps: readonly PropertyKey[], plan: Record<string, unknown>): string {
  let text = '';
  pathSteps.forEach((s, i) => {
    text += typeof s === 'number' ? `[${s}]` : text === '' ? String(s) : `.${String(s)}`;
    if (i === 1 && pathSteps[0] === 'resource_changes' && typeof s === 'number') {
      const rc = (plan.resource_changes as unknown[])[s];
      if (isObject(rc) && typeof rc.address === 'string') text += ` (${rc.address})`;
    }
  });
  return text;
}

function valueAt(root: unknown, pathSteps: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const s of pathSteps) v = isObject(v) || Array.isArray(v) ? (v as Record<PropertyKey, unknown>)[s] : undefined;
  return v;
}

function describeIssue(issue: z.core.$ZodIssue, plan: Record<string, unknown>): string {
  const where = pathText(issue.path, plan);
  if (issue.code === 'invalid_type' && valueAt(plan, issue.path) === undefined) return `${where} is missing (expected ${issue.expected})`;
  if (issue.code === 'invalid_value') return `${where} is ${JSON.stringify(valueAt(plan, issue.path))}, expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return `${where}: ${issue.message}`;
}

/** `["ingress", 0, "cidr_blocks"]` → `ingress[0].cidr_blocks`. */
export function formatAttributePath(steps: readonly (string | number)[]): string {
  let out = '';
  for (const s of steps) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

function summarizeChange(rc: RawChange, index: number): ResourceChangeSummary {
  const key = rc.change.actions.join(',');
  const action = ACTIONS[key];
  if (!action) {
    throw new PlanFormatError(
      `resource_changes[${index}] (${rc.address}): unknown action list ${JSON.stringify(rc.change.actions)}; known: ${Object.keys(ACTIONS).map((k) => `[${k}]`).join(' ')} — refusing to guess what it does to the network`,
    );
  }
  const moved = rc.previous_address !== undefined && rc.previous_address !== rc.address;
  return {
    address: rc.address,
    type: rc.type,
    mode: rc.mode,
    action,
    actions: rc.change.actions,
    ...(moved ? { previousAddress: rc.previous_address } : {}),
    importing: rc.change.importing !== undefined && rc.change.importing !== null,
    ...(rc.deposed !== undefined ? { deposed: rc.deposed } : {}),
    ...(rc.action_reason !== undefined ? { reason: rc.action_reason } : {}),
    replacePaths: (rc.change.replace_paths ?? []).map(formatAttributePath),
  };
}

/**
 * Summarizes a parsed `terraform show -json` plan. Throws {@link PlanFormatError} naming what is
 * missing or wrong (not a plan, a state, an unknown action, an errored plan).
 */
export function summarizePlan(plan: unknown, stack: string): PlanSummary {
  rejectNonPlan(plan);
  const raw = plan as Record<string, unknown>;
  const parsed = planSchema.safeParse(plan);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const shown = issues.slice(0, 8).map((i) => `  ${describeIssue(i, raw)}`);
    if (issues.length > shown.length) shown.push(`  ... and ${issues.length - shown.length} more`);
    throw new PlanFormatError(`not a valid Terraform plan (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${shown.join('\n')}`);
  }
  const p = parsed.data;
  if (p.errored === true) {
    throw new PlanFormatError('the plan errored ("errored": true): Terraform stopped planning part-way, so its changes are incomplete; fix the errors and plan again');
  }
  const changes: ResourceChangeSummary[] = [];
  const counts = { create: 0, update: 0, replace: 0, delete: 0, forget: 0, move: 0, import: 0, read: 0, noOp: 0 };
  (p.resource_changes ?? []).forEach((rc, i) => {
    const c = summarizeChange(rc, i);
    if (c.action === 'no-op') counts.noOp++;
    else counts[c.action]++;
    if (c.previousAddress) counts.move++;
    if (c.importing) counts.import++;
    if (c.action !== 'no-op' || c.previousAddress || c.importing) changes.push(c);
  });
  const connectivityImpacts: ConnectivityImpact[] = [];
  for (const c of changes) {
    const cause = c.replacePaths.map((p) => REPLACE_CAUSES[c.type]?.[p]).find((w) => w !== undefined);
    const why = cause ?? CONNECTIVITY_TYPES[c.type];
    // Only a change whose action list holds "delete" removes the existing object (the json-format
    // advice); ["create","forget"] leaves it in AWS and merely stops managing it.
    if (why && c.mode === 'managed' && c.actions.includes('delete') && (c.action === 'replace' || c.action === 'delete')) {
      connectivityImpacts.push({ ...c, action: c.action, why });
    }
  }
  return {
    stack,
    formatVersion: p.format_version,
    ...(p.terraform_version !== undefined ? { terraformVersion: p.terraform_version } : {}),
    complete: p.complete !== false,
    counts,
    changes,
    connectivityImpacts,
  };
}

/**
 * The stack a plan belongs to, from its own data: the `Stack` tag every stack of this project sets in
 * its aws provider's `default_tags` (configuration.provider_config), else the first `tags_all.Stack`
 * of a changed resource. Undefined when neither is there.
 */
export function stackFromPlan(plan: unknown): string | undefined {
  if (!isObject(plan)) return undefined;
  const providers = isObject(plan.configuration) && isObject(plan.configuration.provider_config) ? plan.configuration.provider_config : {};
  // The default (unaliased) provider first: an aliased one could in principle tag another stack.
  const keys = Object.keys(providers).sort((a, b) => Number(a.includes('.')) - Number(b.includes('.')) || a.localeCompare(b));
  for (const key of keys) {
    const stack = valueAt(providers, [key, 'expressions', 'default_tags', 0, 'tags', 'constant_value', 'Stack']);
    if (typeof stack === 'string' && stack !== '') return stack;
  }
  for (const rc of Array.isArray(plan.resource_changes) ? plan.resource_changes : []) {
    for (const side of ['after', 'before']) {
      const stack = valueAt(rc, ['change', side, 'tags_all', 'Stack']);
      if (typeof stack === 'string' && stack !== '') return stack;
    }
  }
  return undefined;
}
