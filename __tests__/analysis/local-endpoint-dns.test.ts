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
});
