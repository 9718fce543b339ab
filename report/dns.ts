/**
 * DNS section: how the endpoint names are shared (private hosted zones or a Route 53 Profile), the
 * zones and records, which VPCs resolve them, the Resolver endpoints and the forwarding rules.
 */
import { LandingZone } from '../config/model';
import { QUOTAS } from '../lib/aws/quotas';
import { RESOLVER_ADDRESSES } from '../lib/aws/vpc';
import { isUnknown, type Unknown } from '../analysis/graph/types';
import { endpointTracking, type EndpointTracking } from '../analysis/rules/network/resolver-groups';
import { code, count, plural, table } from './markdown';
import { reportNetwork, type ReportNetwork } from './network';
import type { SynthesizedApp } from './synthesized';

/** The name of a VPC of the model (its Name tag), `?` when the model could not resolve it. */
function vpcName(model: ReportNetwork, id: string): string {
  return model.network.vpcs.find((v) => v.id === id)?.name ?? '?';
}

/** VPC name -> number of private hosted zones that resolve in it (the owner VPC first), from the analysis model. */
export function zoneAssociations(lz: LandingZone, app: SynthesizedApp): Map<string, number> {
  const model = reportNetwork(app, lz.onPremises.cidrs);
  const out = new Map<string, number>();
  for (const zone of model.network.hostedZones) {
    for (const vpc of zone.vpcs) out.set(vpcName(model, vpc), (out.get(vpcName(model, vpc)) ?? 0) + 1);
  }
  return out;
}

/** One Resolver endpoint as the model holds it: its ENIs, its stack, and what its security groups make of connection tracking. */
interface ResolverView {
  readonly enis: { az: string; ip?: string }[];
  /** The stack that creates it (whose output lists the addresses). */
  readonly stack: string;
  /** Read as LZ-R53R03 reads it, so the report and the rule never disagree. */
  readonly tracking: EndpointTracking | Unknown;
}

/** Resolver endpoints of the analysis model, by direction. */
function resolverEndpoints(lz: LandingZone, app: SynthesizedApp): Map<string, ResolverView> {
  const model = reportNetwork(app, lz.onPremises.cidrs);
  const out = new Map<string, ResolverView>();
  for (const endpoint of model.network.resolverEndpoints) {
    const resource = model.graph.get(endpoint.id)!;
    const enis = endpoint.addresses.map((a) => ({ az: model.network.subnets.find((s) => s.id === a.subnet)?.az ?? '?', ...(a.ip ? { ip: a.ip } : {}) }));
    out.set(endpoint.direction, { enis, stack: resource.stack, tracking: endpointTracking(model.graph, resource) });
  }
  return out;
}

/**
 * The endpoint's query capacity: ENIs × queries per second per ENI, untracked when its security
 * groups leave DNS untracked on every query port, else tracked ("as low as").
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-resolver-endpoint-scaling.html
 */
function capacity(view: ResolverView): string {
  if (isUnknown(view.tracking)) return `${plural(view.enis.length, 'ENI')}; connection tracking unknown before apply (${code(view.tracking.$unknown)})`;
  const tracked = [...new Set(view.tracking.ports.flatMap((p) => p.tracked))];
  const perEni = tracked.length === 0 ? QUOTAS.resolverQpsPerEni.value : QUOTAS.resolverQpsPerEniTracked.value;
  const how = tracked.length === 0 ? 'untracked' : `${tracked.join(' and ').toUpperCase()} tracked: as low as`;
  return `${plural(view.enis.length, 'ENI')} × ${how} ${count(perEni)} qps = ${count(view.enis.length * perEni)} qps`;
}

/** The VPCs each forwarding rule applies to, per domain, from the analysis model (rule associations, and Route 53 Profile associations). */
function ruleAssociations(lz: LandingZone, app: SynthesizedApp): Map<string, string[]> {
  const model = reportNetwork(app, lz.onPremises.cidrs);
  const out = new Map<string, string[]>();
  for (const rule of model.network.resolverRules) {
    const domain = rule.domain.replace(/\.$/, '');
    out.set(domain, [...(out.get(domain) ?? []), ...rule.vpcs.map((v) => vpcName(model, v))]);
  }
  return out;
}

/** The VPCs a forwarding rule applies to in words; with a Route 53 Profile they are the VPCs associated with the profile. */
function vpcsOfRule(vpcs: readonly string[], profile: boolean): string {
  const list = vpcs.map(code).join(', ');
  if (profile) return list ? `through the profile: ${list}` : 'through the profile';
  return list || 'none';
}

/** The note on services the hub serves to on-premises only (spokes use their own gateway endpoint). */
function onPremisesOnly(services: readonly { readonly name: string; readonly spokesUseGateway: boolean }[]): string[] {
  const names = services.filter((s) => s.spokesUseGateway).map((s) => code(s.name));
  return names.length === 0
    ? []
    : [`${names.join(', ')}: for on-premises only (through the inbound Resolver). Spokes reach it through their own free gateway endpoint, whose policy limits the buckets; no spoke resolves its name to the hub endpoint.`, ''];
}

/** The endpoint policy modes in words. */
const POLICY = { organization: 'organization principals only', open: 'open (opted out with a reason)', unsupported: 'none (the service takes no policy)' } as const;

/** The DNS section. */
export function renderDns(lz: LandingZone, app: SynthesizedApp): string {
  const endpoints = lz.hub.endpoints;
  const dns = lz.hub.dns;
  const parts = ['## DNS', ''];
  if (!endpoints) {
    parts.push('The hub centralizes no interface endpoints, so no endpoint names are shared.', '');
  } else if (dns.sharing === 'zone-association') {
    const associations = zoneAssociations(lz, app);
    parts.push(
      `**Sharing mode: \`zone-association\`.** Private DNS is off on the ${plural(endpoints.services.length, 'central endpoint')}; one private hosted zone per service holds alias records to its endpoint. ` +
        'The hub owns the zones (associated with its endpoints VPC); each spoke workspace authorizes (hub provider) and associates (spoke provider) its own VPC, so adding a spoke never changes the hub. ' +
        'A spoke skips the zones of services it serves itself: its local Session Manager endpoints (Route 53 allows one zone of a name per VPC) and S3 (its own gateway endpoint).',
      '',
      table(
        ['service', 'private hosted zone', 'alias records', 'endpoint policy'],
        endpoints.services.map((s) => [code(s.name), code(s.zone), s.records.map((r) => (r === s.zone ? 'apex' : code(r.slice(0, -s.zone.length - 1)))).join(', '), POLICY[s.policy]]),
      ),
      '',
      ...onPremisesOnly(endpoints.services),
      `Zones resolve in: ${[...associations].map(([vpc, n]) => `${code(vpc)} (${plural(n, 'zone')})`).join(', ') || 'no VPC'}.`,
      '',
    );
  } else {
    parts.push(
      `**Sharing mode: \`route53-profile\`.** The ${plural(endpoints.services.length, 'central endpoint')} keep their own private DNS and, with the forwarding rules, belong to the Route 53 Profile ${code(`${lz.name}-dns`)}, shared through RAM; each spoke associates its VPC with the profile once. No hosted zones are created.`,
      '',
      table(['service', 'private DNS name', 'endpoint policy'], endpoints.services.map((s) => [code(s.name), s.records.map(code).join(' '), POLICY[s.policy]])),
      '',
      ...onPremisesOnly(endpoints.services),
    );
  }
  const endpointsByDirection = resolverEndpoints(lz, app);
  if (dns.inbound || dns.outbound) {
    const rows: string[][] = [];
    const inbound = endpointsByDirection.get('INBOUND');
    if (inbound) {
      rows.push([
        'inbound',
        inbound.enis.map((e) => `${e.az} ${e.ip ? code(e.ip) : '(address assigned at apply)'}`).join('\n'),
        `TCP/UDP 53 from routed internal addresses (on-premises ${lz.onPremises.cidrs.map(code).join(', ')}, spokes)`,
        capacity(inbound),
        'the data center resolves the AWS private names (the endpoint zones)',
      ]);
    }
    const outbound = endpointsByDirection.get('OUTBOUND');
    if (outbound) rows.push(['outbound', outbound.enis.map((e) => e.az).join('\n'), 'to the rule targets', capacity(outbound), 'AWS resolves the on-premises domains below']);
    parts.push('### Route 53 Resolver endpoints', '', table(['endpoint', 'ENIs', 'traffic', 'capacity', 'purpose'], rows), '');
    parts.push(
      `**Capacity is a choice:** each Resolver ENI answers up to ${count(QUOTAS.resolverQpsPerEni.value)} UDP queries per second when its security group leaves DNS untracked, ` +
        `and as few as ${count(QUOTAS.resolverQpsPerEniTracked.value)} when it tracks connections ([Resolver endpoint scaling](${QUOTAS.resolverQpsPerEniTracked.doc})). ` +
        'The groups use the untracked shape AWS recommends (0.0.0.0/0 on the DNS port, and on every port for the replies); the shared-endpoints VPC has no internet gateway, so only routed internal addresses reach the ENIs. ' +
        `Add addresses (\`hub.dns.inbound.addresses\`, up to ${RESOLVER_ADDRESSES.max}) when the peak nears half the total, as AWS advises; outbound ENIs also send redundant queries, so watch their CloudWatch metrics rather than the query count.`,
      '',
    );
    if (inbound) {
      parts.push(
        `Point the data center's conditional forwarders at the inbound addresses: ${code(`terraform -chdir=cdktf.out/stacks/${inbound.stack} output resolver_inbound_ips`)}. ` +
          `Static addresses are reserved in their subnets (explicit subnet CIDR reservations), so no other ENI takes them. ` +
          `Each ENI is billed per hour (${plural(inbound.enis.length + (outbound?.enis.length ?? 0), 'ENI')} here; see Costs).`,
        '',
      );
    }
  }
  if (dns.outbound && dns.outbound.rules.length > 0) {
    const associated = ruleAssociations(lz, app);
    parts.push(
      '### Forwarding rules',
      '',
      table(
        ['domain', 'forward to', 'associated VPCs'],
        dns.outbound.rules.map((r) => [code(r.domain), r.targets.map((t) => code(`${t.ip}:${t.port}`)).join(', '), vpcsOfRule(associated.get(r.domain) ?? [], dns.sharing === 'route53-profile')]),
      ),
      '',
      `The rules are shared with ${lz.hub.transitGateway.sharePrincipals.length === 1 ? 'the organization' : 'the listed principals'} through RAM; each spoke associates its VPC in its own workspace.`,
      '',
    );
  }
  const queryLogVpcs = reportNetwork(app, lz.onPremises.cidrs).graph.byType('aws_route53_resolver_query_log_config_association').length;
  parts.push(`**Query logging:** one Resolver query logging configuration in the hub, shared through RAM; ${plural(queryLogVpcs, 'VPC')} log their queries to the archive bucket ${code(lz.logArchive.bucketName)}.`);
  return parts.join('\n').trimEnd();
}
