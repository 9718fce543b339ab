/**
 * The network rules over the synthesized default landing zone: no findings at all, and the graph
 * really holds what the rules inspect (so "no findings" cannot come from an empty graph). A few
 * faults injected into the real JSON prove the rules see through the loader's cross-stack resolution.
 */
import { graphFromJson, loadGraph } from '../../../analysis/graph/load';
import type { ResourceGraph } from '../../../analysis/graph/types';
import { NETWORK_RULES } from '../../../analysis/rules/network';
import { readStacks, stackNamed, synthDefault } from '../../helpers/analysis';

/** Violations of one rule as `resource id: message`, for readable failures. */
const run = (graph: ResourceGraph, id: string): string[] => {
  const rule = NETWORK_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule.check(graph).map((v) => `${v.unknown ? '[unknown] ' : ''}${v.resource.id}: ${v.message}`);
};

/** The single resource of a type in a stack's JSON whose name starts with `prefix`. */
const entry = (json: Record<string, any>, type: string, prefix: string): [string, Record<string, any>] => {
  const found = Object.entries(json.resource[type] as Record<string, Record<string, any>>).filter(([name]) => name.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one ${type} ${prefix}*, found ${found.length}`);
  return found[0];
};

describe('network rules on the default landing zone', () => {
  let dir: string;
  let graph: ResourceGraph;
  beforeAll(() => {
    dir = synthDefault();
    graph = loadGraph(dir);
  });

  it('inspects a graph that holds every kind of resource the rules check', () => {
    const count = (type: string): number => graph.byType(type).length;
    expect({
      vpcs: count('aws_vpc'),
      flowLogs: count('aws_flow_log'),
      defaultGroups: count('aws_default_security_group'),
      transitGateways: count('aws_ec2_transit_gateway'),
      shares: count('aws_ram_resource_share'),
      dxAssociations: count('aws_dx_gateway_association'),
      transitVifs: count('aws_dx_transit_virtual_interface'),
      vpns: count('aws_vpn_connection'),
      resolverEndpoints: count('aws_route53_resolver_endpoint'),
      queryLogAssociations: count('aws_route53_resolver_query_log_config_association'),
    }).toEqual({ vpcs: 4, flowLogs: 5, defaultGroups: 4, transitGateways: 1, shares: 3, dxAssociations: 1, transitVifs: 1, vpns: 1, resolverEndpoints: 2, queryLogAssociations: 4 });
    expect(graph.byType('aws_vpc_endpoint').filter((e) => e.attrs.vpc_endpoint_type === 'Interface')).toHaveLength(8);
    expect(graph.byType('aws_vpc_security_group_ingress_rule').length).toBeGreaterThan(10);
  });

  it.each(NETWORK_RULES.map((r) => [r.id]))('%s finds nothing', (id) => {
    expect(run(graph, id)).toEqual([]);
  });

  it('sees a flow log removed from a spoke and an auto-accepting Transit Gateway', () => {
    const stacks = readStacks(dir);
    const spoke = stackNamed(stacks, 'shop-spoke-shop-dev').json;
    const [flowLog] = entry(spoke, 'aws_flow_log', 'flow-logs');
    delete spoke.resource.aws_flow_log[flowLog];
    const hub = stackNamed(stacks, 'shop-hub').json;
    const [tgwName, tgw] = entry(hub, 'aws_ec2_transit_gateway', 'transit-gateway');
    tgw.auto_accept_shared_attachments = 'enable';
    const faulty = graphFromJson(stacks);
    const [vpcName] = entry(spoke, 'aws_vpc', 'app-vpc');
    expect(run(faulty, 'LZ-VPC01')).toEqual([`shop-spoke-shop-dev:aws_vpc.${vpcName}: no aws_flow_log records this VPC`]);
    expect(run(faulty, 'LZ-TGW01')).toEqual([`shop-hub:aws_ec2_transit_gateway.${tgwName}: auto_accept_shared_attachments is "enable"`]);
  });

  it('follows the spoke query-logging association to the hub configuration and the archive bucket', () => {
    const stacks = readStacks(dir);
    const archive = stackNamed(stacks, 'shop-log-archive').json;
    const [, bucket] = entry(archive, 'aws_s3_bucket', 'archive');
    bucket.bucket = 'renamed-bucket';
    const faulty = graphFromJson(stacks);
    // The flow logs and query logs name the old bucket by ARN: all of them now miss the archive.
    expect(run(faulty, 'LZ-R53R02')).toHaveLength(4);
    expect(run(faulty, 'LZ-VPC01')).toHaveLength(4);
    expect(run(faulty, 'LZ-TGW03')).toHaveLength(1);
  });
});
