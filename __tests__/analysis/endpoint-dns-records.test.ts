/**
 * I6/I9 name resolution of the hub's shared endpoints: the spoke's VPC must be associated with the
 * service's private hosted zone and the zone must hold the alias records (apex, wildcard) the
 * catalog names; without one, the name gets NXDOMAIN from the private zone.
 */
import { graphFromJson } from '../../analysis/graph/load';
import { evaluateIntents } from '../../analysis/intents';
import { buildNetwork } from '../../analysis/network/build';
import { readStacks, stackNamed, synthDefault } from '../helpers/analysis';
import { defaultLandingZone } from '../helpers/landing-zone';

const lz = defaultLandingZone();

/** The intents after `edit` of the hub's aws_route53_record resources (by construct path). */
function withRecords(edit: (records: Record<string, any>, byPath: (p: string) => string) => void) {
  const stacks = readStacks(synthDefault());
  const records = stackNamed(stacks, 'shop-hub').json.resource.aws_route53_record as Record<string, any>;
  const byPath = (p: string) => Object.keys(records).find((k) => records[k]['//'].metadata.path === `shop-hub/endpoint-zones/${p}`)!;
  edit(records, byPath);
  return evaluateIntents(buildNetwork(graphFromJson(stacks), { onPremises: lz.onPremises.cidrs }), lz);
}

const verdicts = (results: ReturnType<typeof evaluateIntents>, id: string) => results.filter((r) => r.id === id).map((r) => `${r.subject} ${r.status}`);

describe('endpoint name resolution needs the zone\'s alias records', () => {
  test('every record in place: proved', () => {
    const results = withRecords(() => undefined);
    expect(verdicts(results, 'I9')).toEqual(['shop-prod proved', 'shop-dev proved']);
    expect(verdicts(results, 'I6')).toEqual(['shop-prod proved', 'shop-dev proved']);
  });

  test('the ecr.dkr wildcard record missing: I9 refuted for every spoke, at the zone', () => {
    const results = withRecords((records, byPath) => delete records[byPath('record-ecr.dkr-wildcard')]);
    expect(verdicts(results, 'I9')).toEqual(['shop-prod refuted', 'shop-dev refuted']);
    const prod = results.find((r) => r.id === 'I9' && r.subject === 'shop-prod')!;
    expect(prod.evidence.split('\n')[0]).toMatch(/^✗ shop-prod resolves dkr\.ecr\.ap-northeast-2\.amazonaws\.com to the hub endpoint: the private hosted zone dkr\.ecr\.ap-northeast-2\.amazonaws\.com \(shop-hub:aws_route53_zone\.[^)]+\) has no alias record \*\.dkr\.ecr\.ap-northeast-2\.amazonaws\.com: the name does not resolve to the endpoint$/);
    expect(prod.culprit).toMatch(/^shop-hub:aws_route53_zone\.endpoint-zones_zone-ecrdkr_/);
    expect(verdicts(results, 'I6')).toEqual(['shop-prod proved', 'shop-dev proved']);
  });

  test('a record written as Route 53 stores it (\\052 for *, a final dot, upper case) still counts', () => {
    const results = withRecords((records, byPath) => {
      records[byPath('record-ecr.dkr-wildcard')].name = '\\052.DKR.ecr.ap-northeast-2.amazonaws.com.';
    });
    expect(verdicts(results, 'I9')).toEqual(['shop-prod proved', 'shop-dev proved']);
  });

  test('a record of another type (a TXT in place of the alias A record) does not count', () => {
    const results = withRecords((records, byPath) => {
      records[byPath('record-ssm-apex')].type = 'TXT';
    });
    expect(verdicts(results, 'I6')).toEqual(['shop-prod refuted', 'shop-dev refuted']);
  });
});
