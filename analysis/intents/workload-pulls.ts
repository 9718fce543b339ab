/**
 * I9: for spokes whose hub centralizes ECR, an instance in an app or db tier can pull an image from
 * ECR and reach its OS package repository. Three things must hold, each proved on the synthesized
 * output:
 *
 * - the hub's ecr.api and ecr.dkr endpoints answer on 443 and their names resolve there (as I6 proves
 *   for Session Manager);
 * - S3 is reachable: through the spoke's S3 gateway endpoint when the subnet's route table has its
 *   prefix-list route (the tier groups must send 443 to that prefix list, the NACL must pass it), else
 *   through the subnet's default route to the internet;
 * - the gateway endpoint's policy admits `s3:GetObject` on the AWS-owned buckets the pull and the
 *   package managers read (config/aws-owned-buckets.ts: ECR layers, Amazon Linux 2023 and 2
 *   repositories), for any principal and without conditions, because those requests are unsigned or
 *   presigned by AWS accounts and no condition on our principals or organization matches them.
 *
 * The S3 prefix list's addresses are not in the synthesized output: the NACL is judged for a public
 * address standing for them, and only a security-group rule to the endpoint's prefix list or to
 * 0.0.0.0/0 counts as admitting S3.
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-setting-up-s3-gateway
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html (security groups and NACLs must allow S3)
 */
import { awsOwnedBucketSet, awsOwnedObjectArns, type AwsOwnedBucketService } from '../../lib/aws/aws-owned-buckets';
import type { InterfaceEndpoint, Subnet } from '../network/types';
import { parseAddress, parseRange } from '../reach/address';
import { defaultGroups } from '../reach/ends';
import { evaluateNacl } from '../reach/network-acls';
import { reach } from '../reach/reach';
import { DEFAULT_INTERNET_ADDRESS } from '../reach/types';
import { allowsAnyPrincipal, parsePolicyText, statementCoversAction, statementCoversResource, statementName, type PolicyStatement } from '../rules/helpers/policy';
import { isUnknown } from '../graph/types';
import { serviceOf, spokeSubnetLabel, type IntentContext, type SpokeView } from './context';
import { interfaceEndpointChecks } from './endpoint-reach';
import { all, conclude, expectReachable, fact, undecided, type Outcome } from './outcome';
import type { IntentResult } from './types';

/** Title of I9. */
export const WORKLOAD_PULLS_TITLE = 'App and DB instances pull from ECR and reach their OS package repositories (hub ECR endpoints, S3 route, groups and endpoint policy)';

/** The ECR endpoints a pull uses: the API (authorization token) and the registry (manifests). */
export const ECR_ENDPOINT_SERVICES = ['ecr.api', 'ecr.dkr'] as const;

/** The AWS-owned bucket sets whose objects a pull and the default AMIs' package managers read. */
export const PULL_BUCKET_SERVICES: readonly AwsOwnedBucketService[] = ['ecr', 'amazon-linux-2023', 'amazon-linux-2'];

/** An object key standing for any object of a bucket. */
const PROBE_KEY = 'lz-probe';

/** Evaluates I9 for every spoke, when the hub centralizes an ECR endpoint (nothing to prove otherwise). */
export function workloadPulls(context: IntentContext): IntentResult[] {
  const central = ECR_ENDPOINT_SERVICES.filter((s) => context.lz.hub.endpoints?.services.some((e) => e.name === s));
  if (central.length === 0) return [];
  return context.spokes.map((view) => {
    if (!view.vpc) return conclude('I9', WORKLOAD_PULLS_TITLE, view.spoke.name, [undecided('spoke VPC', `no VPC with ${view.spoke.vpc.cidr} in the synthesized output`)]);
    const endpoints = context.endpointsVpc
      ? central.flatMap((service) => interfaceEndpointChecks(context, view, service, 'central', context.endpointsVpc!))
      : [undecided('ECR endpoints', 'the hub centralizes ECR, but the endpoints VPC is not in the synthesized output')];
    return conclude('I9', WORKLOAD_PULLS_TITLE, view.spoke.name, [...endpoints, ...s3Checks(context, view)]);
  });
}

/** The spoke VPC's S3 gateway endpoint, if it has one. */
function gatewayEndpoint(context: IntentContext, view: SpokeView): InterfaceEndpoint | undefined {
  return context.model.vpcEndpoints.find((e) => e.vpc === view.vpc!.id && e.type === 'Gateway' && serviceOf(e.service) === 's3');
}

function s3Checks(context: IntentContext, view: SpokeView): Outcome[] {
  const gateway = gatewayEndpoint(context, view);
  const viaGateway: Subnet[] = [];
  const viaDefault: Outcome[] = [];
  const routes: Outcome[] = [];
  for (const subnet of view.workloads) {
    const label = `${spokeSubnetLabel(view, subnet)} → S3`;
    const table = context.model.routeTables.find((t) => t.id === subnet.routeTable);
    if (!table) {
      routes.push(undecided(label, `the route table of ${subnet.name} is not in the synthesized output`, subnet.id));
      continue;
    }
    const route = gateway && table.routes.find((r) => r.destination === `pl:${gateway.id}` && r.target.kind === 'vpce' && r.target.id === gateway.id);
    if (route) {
      viaGateway.push(subnet);
      routes.push(fact(label, true, `${table.name} sends the S3 prefix list to ${gateway!.id}`));
    } else {
      // No prefix-list route: S3 requests follow the default route, to S3's public endpoints.
      viaDefault.push(expectReachable(`${label} (public endpoint, no gateway endpoint route in ${table.name}) tcp/443`, reach(context.model, { kind: 'subnet', subnet: subnet.id }, { kind: 'internet' }, 'tcp', 443)));
    }
  }
  const outcomes: Outcome[] = [all('workloads route S3', routes, view.workloads.map((s) => spokeSubnetLabel(view, s)).join(', '))];
  if (viaDefault.length > 0) outcomes.push(all('S3 over the default route', viaDefault, 'workload subnets without the prefix-list route'));
  if (gateway && viaGateway.length > 0) {
    outcomes.push(all('tier groups send 443 to S3', viaGateway.map((s) => groupCheck(context, view, s, gateway)), 'app and db tier groups'));
    outcomes.push(all('NACLs pass 443 to S3 and its replies', viaGateway.map((s) => naclCheck(context, view, s)), 'outbound tcp/443, inbound tcp/1024-65535'));
    outcomes.push(...policyChecks(context, gateway));
  }
  return outcomes;
}

/** The subnet's tier groups admit 443 to the gateway endpoint's prefix list (or to everywhere). */
function groupCheck(context: IntentContext, view: SpokeView, subnet: Subnet, gateway: InterfaceEndpoint): Outcome {
  const label = `groups of ${spokeSubnetLabel(view, subnet)} → S3 prefix list tcp/443`;
  const groups = defaultGroups(context.index, subnet);
  if (groups === 'any') return fact(label, true, `${spokeSubnetLabel(view, subnet)} has no tier group: the instance's own groups decide`);
  for (const id of groups) {
    const group = context.index.securityGroups.get(id);
    if (!group) return undecided(label, `security group ${id} is not in the synthesized output`, id);
    for (const rule of group.egress) {
      const ports = rule.protocol === '-1' || ((rule.protocol === 'tcp' || rule.protocol === '6') && rule.fromPort <= 443 && 443 <= rule.toPort);
      if (!ports) continue;
      if (rule.peer.kind === 'prefix-list' && rule.peer.id === gateway.id) return fact(label, true, `${group.name} sends 443 to the prefix list of ${gateway.id}`);
      if (rule.peer.kind === 'cidr' && parseRange(rule.peer.cidr)?.prefix === 0) return fact(label, true, `${group.name} sends 443 to ${rule.peer.cidr}`);
    }
  }
  const names = groups.map((g) => context.index.securityGroups.get(g)?.name ?? g).join(', ');
  return fact(label, false, `no egress rule of ${names} admits tcp/443 to the S3 prefix list of ${gateway.id} (or 0.0.0.0/0): layer and package downloads time out`, groups[0]);
}

/** The subnet's NACL passes 443 out to S3 and the replies back (S3 stood for by a public address). */
function naclCheck(context: IntentContext, view: SpokeView, subnet: Subnet): Outcome {
  const label = `NACL of ${spokeSubnetLabel(view, subnet)} ↔ S3`;
  const s3 = parseAddress(DEFAULT_INTERNET_ADDRESS)!;
  const out = evaluateNacl(context.index, subnet, 'outbound', s3, 'tcp', [443, 443]);
  const back = evaluateNacl(context.index, subnet, 'inbound', s3, 'tcp', [1024, 65535]);
  for (const [verdict, what] of [
    [out, 'outbound tcp/443'],
    [back, 'inbound replies tcp/1024-65535'],
  ] as const) {
    if (verdict.kind === 'unknown') return undecided(label, verdict.reason, verdict.component);
    if (verdict.kind === 'deny') return fact(label, false, `network ACL ${verdict.acl.acl.id} denies ${what} for public addresses such as S3's${verdict.rule ? ` (rule ${verdict.rule.ruleNumber})` : ''}`, verdict.rule?.source ?? verdict.acl.acl.id);
  }
  return fact(label, true, subnet.nacl ? `network ACL ${subnet.nacl} passes tcp/443 and its replies` : 'the default network ACL passes everything');
}

/** The gateway endpoint's policy admits reading every bucket the pull and the package managers use. */
function policyChecks(context: IntentContext, gateway: InterfaceEndpoint): Outcome[] {
  const label = (service: string) => `S3 gateway endpoint policy admits ${service} buckets`;
  if (gateway.policy === undefined) return [fact(label('every'), true, `${gateway.id} has no policy: full access (LZ-VPCE03 reports that)`)];
  const statements = gateway.policy === 'unknown' ? undefined : parsePolicyText(gateway.policy);
  if (statements === undefined || isUnknown(statements)) return [undecided(label('the AWS-owned'), `the policy of ${gateway.id} is built by an expression and cannot be read offline`, gateway.id)];
  return PULL_BUCKET_SERVICES.map((service) => {
    const set = awsOwnedBucketSet(service)!;
    for (const bucket of set.buckets(context.lz.region)) {
      const object = `arn:aws:s3:::${bucket}/${PROBE_KEY}`;
      const verdict = readVerdict(statements, object);
      if (verdict.kind === 'denied') return fact(label(service), false, `${verdict.by} denies s3:GetObject on arn:aws:s3:::${bucket}/*: 403 for ${set.purpose}`, gateway.id);
      if (verdict.kind === 'conditional') return undecided(label(service), `${verdict.by} denies s3:GetObject on arn:aws:s3:::${bucket}/* under a condition that cannot be decided offline`, gateway.id);
      if (verdict.kind === 'not-allowed') {
        return fact(label(service), false, `no unconditioned Allow for any principal of s3:GetObject on arn:aws:s3:::${bucket}/* in the policy of ${gateway.id}: 403 for ${set.purpose} (the gateway endpoint carries all same-Region S3 traffic of these subnets)`, gateway.id);
      }
    }
    return fact(label(service), true, `s3:GetObject on ${awsOwnedObjectArns(set, context.lz.region).join(', ')} (${set.doc})`);
  });
}

type ReadVerdict = { readonly kind: 'allowed' | 'not-allowed' } | { readonly kind: 'denied' | 'conditional'; readonly by: string };

/** Whether the statements let an unsigned (or AWS-presigned) request read `object`: a matching Deny wins, then an unconditioned Allow for anyone. */
function readVerdict(statements: readonly PolicyStatement[], object: string): ReadVerdict {
  let allowed = false;
  for (const [i, s] of statements.entries()) {
    if (!statementCoversAction(s, 's3:GetObject') || !statementCoversResource(s, object)) continue;
    const name = statementName(s, i);
    if (s.effect === 'Deny') return s.conditions.length === 0 ? { kind: 'denied', by: name } : { kind: 'conditional', by: name };
    if (s.conditions.length === 0 && allowsAnyPrincipal(s)) allowed = true;
  }
  return { kind: allowed ? 'allowed' : 'not-allowed' };
}
