/**
 * A spoke with local Session Manager endpoints (`access.ssm.endpoints: local`) in zone-association
 * mode (fixture generated-3-spokes.yaml, spoke s002-data): it serves ssm, ssmmessages, ec2messages,
 * kms and logs itself with private DNS, so it must not join the hub zones of those names (Route 53
 * refuses: ConflictingDomainExists), while it still joins the others (sts, ecr.*). I6 judges it by its
 * own endpoints, and refutes an association that would fail the apply.
 */
import { graphFromJson, loadGraph } from '../../analysis/graph/load';
import { evaluateIntents } from '../../analysis/intents/evaluate';
import { buildNetwork } from '../../analysis/network/build';
import { readStacks, synthFixture } from '../helpers/analysis';
import { fixtureLandingZone } from '../helpers/landing-zone';
import { Template } from '../helpers/template';

const FIXTURE = 'valid/generated-3-spokes.yaml';
const LOCAL = 'bench-spoke-s002-data';

describe('local Session Manager endpoints and the hub zones (fixture generated-3-spokes.yaml)', () => {
  const lz = fixtureLandingZone(FIXTURE);
  const dir = synthFixture(FIXTURE);
  const zoneAssociations = (stack: string) => {
    const t = new Template(readStacks(dir).find((s) => s.name === stack)!.json);
    return t
      .resources('aws_route53_vpc_association_authorization')
      .map((a) => t.publishedName(a.props.zone_id)?.replace(/^.*\/hosted-zone-/, '') ?? a.props.zone_id)
      .sort();
  };

  test('the local spoke joins only the zones it does not serve itself; a central spoke joins them all but s3', () => {
    expect(lz.spokes.find((s) => s.name === 's002-data')!.access.ssm.endpoints).toBe('local');
    expect(zoneAssociations(LOCAL)).toEqual(['ecr.api', 'ecr.dkr', 'sts']);
    expect(zoneAssociations('bench-spoke-s000-batch')).toEqual(['ec2messages', 'ecr.api', 'ecr.dkr', 'kms', 'logs', 'ssm', 'ssmmessages', 'sts']);
  });

  test('I6 proves the local spoke resolves its own endpoint names, with no conflicting hub zone', () => {
    const model = buildNetwork(loadGraph(dir), { onPremises: lz.onPremises.cidrs });
    const i6 = evaluateIntents(model, lz, ['I6']).find((r) => r.subject === 's002-data')!;
    expect(i6.status).toBe('proved');
    for (const service of ['ssm', 'ssmmessages', 'ec2messages', 'kms', 'logs']) {
      expect(i6.evidence).toContain(`✓ s002-data resolves ${service}.ap-northeast-2.amazonaws.com to its own ${service} endpoint`);
    }
  });

  test('I6 refutes a hub zone associated with a VPC that serves the same name itself (what the stack did before)', () => {
    const stacks = readStacks(dir);
    const spoke = stacks.find((s) => s.name === LOCAL)!.json;
    const vpc = Object.keys(spoke.resource.aws_vpc)[0];
    // The local spoke does not look up the hub's ssm zone: inject the lookup with the association.
    spoke.data.aws_ssm_parameter.injected = { name: '/landing-zone/bench/hub/hosted-zone-ssm', provider: 'aws.hub' };
    spoke.resource.aws_route53_zone_association.injected = {
      '//': { metadata: { path: `${LOCAL}/injected/zone-ssm`, uniqueId: 'injected' } },
      zone_id: '${data.aws_ssm_parameter.injected.insecure_value}',
      vpc_id: `\${aws_vpc.${vpc}.id}`,
    };
    const model = buildNetwork(graphFromJson(stacks), { onPremises: lz.onPremises.cidrs });
    const i6 = evaluateIntents(model, lz, ['I6']).find((r) => r.subject === 's002-data')!;
    expect(i6.status).toBe('refuted');
    expect(i6.evidence).toContain('Route 53 refuses a second zone of that name (ConflictingDomainExists)');
  });

  test('the local spoke tiers reach the hub endpoints on 443 (the names they still resolve there), so I9 proves the ECR pull', () => {
    const t = new Template(readStacks(dir).find((st) => st.name === LOCAL)!.json);
    const hubEndpoints = t.resources('aws_vpc_security_group_egress_rule').filter((r) => r.props.cidr_ipv4 === '172.31.254.0/24');
    expect(hubEndpoints.map((r) => [r.props.ip_protocol, r.props.from_port, r.props.to_port, r.props.description]).sort()).toEqual([
      ['tcp', 443, 443, 'Hub interface endpoints (centralized AWS services) from the app tier'],
      ['tcp', 443, 443, 'Hub interface endpoints (centralized AWS services) from the db tier'],
    ]);
    // A central spoke already sends 443 to that range for Session Manager: no second rule.
    const central = new Template(readStacks(dir).find((st) => st.name === 'bench-spoke-s000-batch')!.json);
    expect(central.resources('aws_vpc_security_group_egress_rule').filter((r) => /Hub interface endpoints/.test(String(r.props.description)))).toEqual([]);
    const model = buildNetwork(loadGraph(dir), { onPremises: lz.onPremises.cidrs });
    const i9 = evaluateIntents(model, lz, ['I9']).find((r) => r.subject === 's002-data')!;
    expect(i9.status).toBe('proved');
  });
});
