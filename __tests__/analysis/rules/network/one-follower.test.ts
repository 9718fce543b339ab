/**
 * Issue 19: the rule pack and the network model follow references with one function and read
 * security-group protocols and prefix lists with the same functions, so they agree.
 */
import { ref } from '../../../../analysis/graph/graph';
import { buildSecurityGroups } from '../../../../analysis/network/security-groups';
import { ModelReader } from '../../../../analysis/network/reader';
import { peerIsWorld, prefixListCidrs, protocolOf, securityGroupRules } from '../../../../analysis/rules/helpers/security-groups';
import { resolve } from '../../../../analysis/rules/helpers/values';
import { rule as adminPorts } from '../../../../analysis/rules/network/sg-admin-ports-world';
import { rule as allTraffic } from '../../../../analysis/rules/network/sg-all-traffic-world';
import { findings, graph, resource } from '../../../helpers/rule-fixtures';

const sg = resource('hub', 'aws_security_group', 'admin', { description: 'admin', vpc_id: 'vpc-1' });
const ranges = resource('hub', 'terraform_data', 'ranges', { input: { admin: '0.0.0.0/0', office: '10.20.0.0/16' } });
const open = resource('hub', 'aws_vpc_security_group_ingress_rule', 'open', { security_group_id: ref(sg.id), ip_protocol: '-1', description: 'x', cidr_ipv4: ref(ranges.id, 'output.admin') });

describe('one reference follower (issue 19)', () => {
  it('follows a terraform_data output back to its input, in the rule pack and in the model alike', () => {
    const g = graph(sg, ranges, open);
    const read = new ModelReader(g);
    for (const attribute of ['output.admin', 'output["admin"]', 'output.office']) {
      expect(resolve(g, ref(ranges.id, attribute))).toEqual(read.follow(ref(ranges.id, attribute)));
    }
    expect(resolve(g, ref(ranges.id, 'output.admin'))).toBe('0.0.0.0/0');
    expect(resolve(g, ref(ranges.id, 'output.missing'))).toEqual({ $unknown: 'hub:terraform_data.ranges.output.missing', reason: 'computed by AWS at apply' });
    expect(buildSecurityGroups(read).find((s) => s.id === sg.id)?.ingress.map((r) => r.peer)).toEqual([{ kind: 'cidr', cidr: '0.0.0.0/0' }]);
  });

  it('flags a world-open rule whose CIDR comes through terraform_data (the rules said unknown before)', () => {
    expect(findings(allTraffic, sg, ranges, open)).toEqual([{ resource: 'hub:aws_vpc_security_group_ingress_rule.open', message: 'ingress all traffic from 0.0.0.0/0' }]);
    expect(findings(adminPorts, sg, ranges, open)).toEqual([{ resource: 'hub:aws_vpc_security_group_ingress_rule.open', message: 'ingress all traffic from 0.0.0.0/0 (opens 22 and 3389)' }]);
  });
});

describe('shared security-group readings (issue 19)', () => {
  it('normalizes protocols as the model does, with `all` for -1', () => {
    const rules = ['-1', 'ALL', '6', '17', '1', '58', 'esp', '50'].map((p, i) => resource('s', 'aws_vpc_security_group_ingress_rule', `r${i}`, { security_group_id: ref(sg.id), ip_protocol: p, cidr_ipv4: '10.0.0.0/8' }));
    const g = graph(sg, ...rules);
    expect(securityGroupRules(g).map((r) => protocolOf(g, r))).toEqual(['all', 'all', 'tcp', 'udp', 'icmp', 'icmpv6', 'esp', '50']);
  });

  it('reads prefix lists as the model does: entries of managed lists, none for service lists, unknown otherwise', () => {
    const managed = resource('hub', 'aws_ec2_managed_prefix_list', 'pl', { entry: [{ cidr: '10.0.0.0/8' }, { cidr: '0.0.0.0/0' }] });
    const entry = resource('hub', 'aws_ec2_managed_prefix_list_entry', 'e', { prefix_list_id: ref(managed.id), cidr: '192.168.0.0/16' });
    const endpoint = resource('hub', 'aws_vpc_endpoint', 's3', { vpc_endpoint_type: 'Gateway' });
    const published = resource('hub', 'terraform_data', 'published', { input: { pl: ref(managed.id) } });
    const g = graph(managed, entry, endpoint, published);
    expect(prefixListCidrs(g, ref(managed.id))).toEqual(['10.0.0.0/8', '0.0.0.0/0', '192.168.0.0/16']);
    expect(prefixListCidrs(g, ref(published.id, 'output.pl'))).toEqual(['10.0.0.0/8', '0.0.0.0/0', '192.168.0.0/16']);
    expect(prefixListCidrs(g, ref(endpoint.id, 'prefix_list_id'))).toEqual([]);
    expect(prefixListCidrs(g, 'pl-123')).toEqual({ $unknown: '"pl-123"', reason: 'prefix list: the literal "pl-123" names nothing in the synthesized stacks' });
    expect(peerIsWorld(g, { kind: 'prefix-list', value: ref(managed.id) })).toBe(true);
    expect(peerIsWorld(g, { kind: 'prefix-list', value: ref(endpoint.id, 'prefix_list_id') })).toBe(false);
  });
});
