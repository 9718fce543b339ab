/** config/endpoint-catalog: the verified interface endpoint catalog and the names built from it. */
import { ENDPOINT_CATALOG, EndpointService, endpointService, NOT_CENTRALIZABLE, recordNames, serviceName, zoneName } from '../../lib/aws/endpoints';

const REGION = 'ap-northeast-2';

/**
 * Every entry's names for ap-northeast-2, written out by hand (not derived from the catalog) so that a
 * changed zone, record set or policy flag has to be changed here too, deliberately.
 * [name, service name, zone, record names, supports endpoint policy]
 */
const EXPECTED: readonly [string, string, string, string[], boolean][] = [
  ['athena', 'com.amazonaws.ap-northeast-2.athena', 'athena.ap-northeast-2.amazonaws.com', ['athena.ap-northeast-2.amazonaws.com'], true],
  ['autoscaling', 'com.amazonaws.ap-northeast-2.autoscaling', 'autoscaling.ap-northeast-2.amazonaws.com', ['autoscaling.ap-northeast-2.amazonaws.com'], true],
  ['backup', 'com.amazonaws.ap-northeast-2.backup', 'backup.ap-northeast-2.amazonaws.com', ['backup.ap-northeast-2.amazonaws.com'], false],
  ['cloudformation', 'com.amazonaws.ap-northeast-2.cloudformation', 'cloudformation.ap-northeast-2.amazonaws.com', ['cloudformation.ap-northeast-2.amazonaws.com'], false],
  ['codebuild', 'com.amazonaws.ap-northeast-2.codebuild', 'codebuild.ap-northeast-2.amazonaws.com', ['codebuild.ap-northeast-2.amazonaws.com'], true],
  ['ebs', 'com.amazonaws.ap-northeast-2.ebs', 'ebs.ap-northeast-2.amazonaws.com', ['ebs.ap-northeast-2.amazonaws.com'], false],
  ['ec2', 'com.amazonaws.ap-northeast-2.ec2', 'ec2.ap-northeast-2.amazonaws.com', ['ec2.ap-northeast-2.amazonaws.com'], true],
  ['ec2messages', 'com.amazonaws.ap-northeast-2.ec2messages', 'ec2messages.ap-northeast-2.amazonaws.com', ['ec2messages.ap-northeast-2.amazonaws.com'], false],
  ['ecr.api', 'com.amazonaws.ap-northeast-2.ecr.api', 'api.ecr.ap-northeast-2.amazonaws.com', ['api.ecr.ap-northeast-2.amazonaws.com'], true],
  ['ecr.dkr', 'com.amazonaws.ap-northeast-2.ecr.dkr', 'dkr.ecr.ap-northeast-2.amazonaws.com', ['*.dkr.ecr.ap-northeast-2.amazonaws.com'], true],
  ['ecs', 'com.amazonaws.ap-northeast-2.ecs', 'ecs.ap-northeast-2.amazonaws.com', ['ecs.ap-northeast-2.amazonaws.com'], true],
  ['elasticfilesystem', 'com.amazonaws.ap-northeast-2.elasticfilesystem', 'elasticfilesystem.ap-northeast-2.amazonaws.com', ['elasticfilesystem.ap-northeast-2.amazonaws.com'], true],
  ['elasticloadbalancing', 'com.amazonaws.ap-northeast-2.elasticloadbalancing', 'elasticloadbalancing.ap-northeast-2.amazonaws.com', ['elasticloadbalancing.ap-northeast-2.amazonaws.com'], true],
  ['events', 'com.amazonaws.ap-northeast-2.events', 'events.ap-northeast-2.amazonaws.com', ['events.ap-northeast-2.amazonaws.com'], true],
  ['execute-api', 'com.amazonaws.ap-northeast-2.execute-api', 'execute-api.ap-northeast-2.amazonaws.com', ['execute-api.ap-northeast-2.amazonaws.com', '*.execute-api.ap-northeast-2.amazonaws.com'], true],
  ['glue', 'com.amazonaws.ap-northeast-2.glue', 'glue.ap-northeast-2.amazonaws.com', ['glue.ap-northeast-2.amazonaws.com'], false],
  ['kinesis-streams', 'com.amazonaws.ap-northeast-2.kinesis-streams', 'kinesis.ap-northeast-2.amazonaws.com', ['kinesis.ap-northeast-2.amazonaws.com'], true],
  ['kms', 'com.amazonaws.ap-northeast-2.kms', 'kms.ap-northeast-2.amazonaws.com', ['kms.ap-northeast-2.amazonaws.com'], true],
  ['lambda', 'com.amazonaws.ap-northeast-2.lambda', 'lambda.ap-northeast-2.amazonaws.com', ['lambda.ap-northeast-2.amazonaws.com'], true],
  ['logs', 'com.amazonaws.ap-northeast-2.logs', 'logs.ap-northeast-2.amazonaws.com', ['logs.ap-northeast-2.amazonaws.com'], true],
  ['monitoring', 'com.amazonaws.ap-northeast-2.monitoring', 'monitoring.ap-northeast-2.amazonaws.com', ['monitoring.ap-northeast-2.amazonaws.com'], true],
  ['rds', 'com.amazonaws.ap-northeast-2.rds', 'rds.ap-northeast-2.amazonaws.com', ['rds.ap-northeast-2.amazonaws.com'], true],
  ['s3', 'com.amazonaws.ap-northeast-2.s3', 's3.ap-northeast-2.amazonaws.com', ['s3.ap-northeast-2.amazonaws.com', '*.s3.ap-northeast-2.amazonaws.com'], true],
  ['sagemaker.api', 'com.amazonaws.ap-northeast-2.sagemaker.api', 'api.sagemaker.ap-northeast-2.amazonaws.com', ['api.sagemaker.ap-northeast-2.amazonaws.com'], true],
  ['sagemaker.runtime', 'com.amazonaws.ap-northeast-2.sagemaker.runtime', 'runtime.sagemaker.ap-northeast-2.amazonaws.com', ['runtime.sagemaker.ap-northeast-2.amazonaws.com'], true],
  ['secretsmanager', 'com.amazonaws.ap-northeast-2.secretsmanager', 'secretsmanager.ap-northeast-2.amazonaws.com', ['secretsmanager.ap-northeast-2.amazonaws.com'], true],
  ['sns', 'com.amazonaws.ap-northeast-2.sns', 'sns.ap-northeast-2.amazonaws.com', ['sns.ap-northeast-2.amazonaws.com'], true],
  ['sqs', 'com.amazonaws.ap-northeast-2.sqs', 'sqs.ap-northeast-2.amazonaws.com', ['sqs.ap-northeast-2.amazonaws.com'], true],
  ['ssm', 'com.amazonaws.ap-northeast-2.ssm', 'ssm.ap-northeast-2.amazonaws.com', ['ssm.ap-northeast-2.amazonaws.com'], true],
  ['ssmmessages', 'com.amazonaws.ap-northeast-2.ssmmessages', 'ssmmessages.ap-northeast-2.amazonaws.com', ['ssmmessages.ap-northeast-2.amazonaws.com'], false],
  ['states', 'com.amazonaws.ap-northeast-2.states', 'states.ap-northeast-2.amazonaws.com', ['states.ap-northeast-2.amazonaws.com'], true],
  ['sts', 'com.amazonaws.ap-northeast-2.sts', 'sts.ap-northeast-2.amazonaws.com', ['sts.ap-northeast-2.amazonaws.com'], true],
  ['xray', 'com.amazonaws.ap-northeast-2.xray', 'xray.ap-northeast-2.amazonaws.com', ['xray.ap-northeast-2.amazonaws.com'], true],
];

/** The entry for a name the test knows is in the catalog. */
function known(name: string): EndpointService {
  const service = endpointService(name);
  if (!service) throw new Error(`test setup: ${name} is not in the catalog`);
  return service;
}

const names = (): string[] => ENDPOINT_CATALOG.map((s) => s.name);

describe('ENDPOINT_CATALOG', () => {
  test('the expected table covers exactly the catalog, so a new entry needs its names written out here', () => {
    expect(names()).toEqual(EXPECTED.map(([name]) => name));
  });

  test.each(EXPECTED)('%s: service name, zone, records and policy support in ap-northeast-2', (name, service, zone, records, supportsPolicy) => {
    const entry = known(name);
    expect(serviceName(entry, REGION)).toBe(service);
    expect(zoneName(entry, REGION)).toBe(zone);
    expect(recordNames(entry, REGION)).toEqual(records);
    expect(entry.supportsPolicy).toBe(supportsPolicy);
  });

  test('has at least 25 entries', () => {
    expect(ENDPOINT_CATALOG.length).toBeGreaterThanOrEqual(25);
  });

  test('names are unique', () => {
    expect(new Set(names()).size).toBe(ENDPOINT_CATALOG.length);
  });

  test('is sorted by name', () => {
    expect(names()).toEqual([...names()].sort());
  });

  test('the services the landing zone relies on are all present', () => {
    const required = ['ssm', 'ssmmessages', 'ec2messages', 'ec2', 'kms', 'logs', 'sts', 'secretsmanager', 'sns', 'sqs', 'monitoring', 'events', 'lambda', 'ecr.api', 'ecr.dkr', 's3', 'sagemaker.api', 'sagemaker.runtime', 'execute-api', 'elasticloadbalancing', 'autoscaling', 'cloudformation', 'states', 'kinesis-streams', 'elasticfilesystem', 'ecs', 'rds', 'athena', 'glue', 'codebuild', 'xray', 'backup', 'ebs'];
    expect(required.filter((n) => !endpointService(n))).toEqual([]);
  });

  test.each(ENDPOINT_CATALOG.map((s) => [s.name, s.doc]))('%s cites an https AWS documentation page', (_name, doc) => {
    expect(doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/[^\s]+$/);
  });

  test.each(ENDPOINT_CATALOG.map((s) => [s.name, s]))('%s: zone has one {region} placeholder under amazonaws.com and at least one distinct record', (_name, s) => {
    expect(s.zone.split('{region}')).toHaveLength(2);
    expect(s.zone).toMatch(/\.\{region\}\.amazonaws\.com$/);
    expect(s.records.length).toBeGreaterThan(0);
    expect(new Set(s.records).size).toBe(s.records.length);
  });

  test('entries cannot be changed at run time', () => {
    expect(Object.isFrozen(ENDPOINT_CATALOG)).toBe(true);
    expect(Object.isFrozen(known('s3'))).toBe(true);
    expect(Object.isFrozen(known('s3').records)).toBe(true);
  });
});

describe('special cases', () => {
  test('ecr.dkr: only the wildcard, since registries are always <account>.dkr.ecr.<region>', () => {
    const dkr = known('ecr.dkr');
    expect(dkr.records).toEqual(['*']);
    expect(recordNames(dkr, REGION)).toEqual(['*.dkr.ecr.ap-northeast-2.amazonaws.com']);
  });

  test('ecr.api: the hostname reverses the service name', () => {
    expect(zoneName(known('ecr.api'), REGION)).toBe('api.ecr.ap-northeast-2.amazonaws.com');
  });

  test('s3 (interface endpoint): apex for path-style, wildcard for virtual-hosted buckets', () => {
    const s3 = known('s3');
    expect(recordNames(s3, REGION)).toEqual(['s3.ap-northeast-2.amazonaws.com', '*.s3.ap-northeast-2.amazonaws.com']);
    expect(s3.doc).toBe('https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html');
  });

  test('sagemaker.api and sagemaker.runtime answer on api.sagemaker and runtime.sagemaker', () => {
    expect(zoneName(known('sagemaker.api'), REGION)).toBe('api.sagemaker.ap-northeast-2.amazonaws.com');
    expect(zoneName(known('sagemaker.runtime'), REGION)).toBe('runtime.sagemaker.ap-northeast-2.amazonaws.com');
  });

  test('execute-api: wildcard for <api-id>.execute-api, apex for x-apigw-api-id calls', () => {
    expect(recordNames(known('execute-api'), REGION)).toEqual(['execute-api.ap-northeast-2.amazonaws.com', '*.execute-api.ap-northeast-2.amazonaws.com']);
  });

  test('kinesis-streams answers on kinesis.<region>', () => {
    expect(zoneName(known('kinesis-streams'), REGION)).toBe('kinesis.ap-northeast-2.amazonaws.com');
  });

  test('services whose endpoint-policy support is unconfirmed take no policy', () => {
    expect(ENDPOINT_CATALOG.filter((s) => !s.supportsPolicy).map((s) => s.name)).toEqual(['backup', 'cloudformation', 'ebs', 'ec2messages', 'glue', 'ssmmessages']);
  });

  test('the region is substituted, not hard-coded', () => {
    expect(zoneName(known('ecr.dkr'), 'us-east-1')).toBe('dkr.ecr.us-east-1.amazonaws.com');
    expect(serviceName(known('ssm'), 'eu-west-1')).toBe('com.amazonaws.eu-west-1.ssm');
    expect(recordNames(known('s3'), 'us-gov-west-1')).toEqual(['s3.us-gov-west-1.amazonaws.com', '*.s3.us-gov-west-1.amazonaws.com']);
  });
});

describe('endpointService', () => {
  test('finds a catalog entry by its config name', () => {
    expect(endpointService('ssm')).toMatchObject({ name: 'ssm', zone: 'ssm.{region}.amazonaws.com', records: [''] });
  });

  test.each(['nope', '', 'SSM', 'com.amazonaws.ap-northeast-2.ssm', 'ecr', 'dynamodb'])('%j is not in the catalog', (name) => {
    expect(endpointService(name)).toBeUndefined();
  });
});

describe('name builders reject a region that is not a region code', () => {
  test.each(['', '{region}', 'ap-northeast-2.', 'AP-NORTHEAST-2', 'apne2', 'ap-northeast'])('%j', (region) => {
    const ssm = known('ssm');
    const message = `region ${JSON.stringify(region)} is not an AWS Region code; pass one such as ap-northeast-2`;
    expect(() => serviceName(ssm, region)).toThrow(message);
    expect(() => zoneName(ssm, region)).toThrow(message);
    expect(() => recordNames(ssm, region)).toThrow(message);
  });
});

describe('NOT_CENTRALIZABLE', () => {
  test('lists the services that no central zone can serve', () => {
    expect(Object.keys(NOT_CENTRALIZABLE).sort()).toEqual(['dynamodb', 'dynamodb-streams', 'ecs-agent', 'ecs-telemetry']);
  });

  test('no listed service is also in the catalog', () => {
    expect(Object.keys(NOT_CENTRALIZABLE).filter((name) => endpointService(name) !== undefined)).toEqual([]);
  });

  test.each(Object.entries(NOT_CENTRALIZABLE))('%s gives a reason', (_name, reason) => {
    expect(reason.trim().length).toBeGreaterThan(20);
  });

  test('dynamodb: the reason names the missing private DNS', () => {
    expect(NOT_CENTRALIZABLE.dynamodb).toContain('no private DNS');
  });
});
