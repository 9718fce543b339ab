import { computedDefaults, mockArn, mockValue, MOCK_POLICY_JSON, shapedString } from '../../verify/mock-values';

const ctx = { region: 'eu-west-1', account: '222222222222' };
// The provider's ARN check (verify.ValidARN): partition, service, optional region, 12-digit or empty account.
const VALID_ARN = /^arn:aws:[a-z0-9-]+:([a-z]{2}(-[a-z]+)+-\d)?:(\d{12})?:.+$/;

describe('mockArn', () => {
  it.each([
    ['aws_kms_key', 'arn:aws:kms:eu-west-1:222222222222:kms-key/mock-kms-key'],
    ['aws_s3_bucket', 'arn:aws:s3:::mock-s3-bucket'],
    ['aws_iam_role', 'arn:aws:iam::222222222222:iam-role/mock-iam-role'],
    ['aws_cloudwatch_log_group', 'arn:aws:logs:eu-west-1:222222222222:cloudwatch-log-group/mock-cloudwatch-log-group'],
    ['aws_route53_resolver_endpoint', 'arn:aws:route53resolver:eu-west-1:222222222222:route53-resolver-endpoint/mock-route53-resolver-endpoint'],
  ])('%s -> %s', (type, arn) => {
    expect(mockArn('arn', type, ctx)).toBe(arn);
    expect(arn).toMatch(VALID_ARN);
  });
});

describe('shapedString', () => {
  it.each([
    ['arn', 'arn:aws:ec2:eu-west-1:222222222222:vpc/mock-vpc'],
    ['kms_key_arn', 'arn:aws:ec2:eu-west-1:222222222222:vpc/mock-kms-key'],
    ['json', MOCK_POLICY_JSON],
    ['policy', MOCK_POLICY_JSON],
    ['cidr_block', '10.255.0.0/16'],
    ['ipv6_cidr_block', '2001:db8:0::/56'],
    ['private_ip', '10.255.0.10'],
    ['public_ip', '203.0.113.10'],
    ['owner_id', '222222222222'],
    ['region', 'eu-west-1'],
  ])('%s is shaped', (name, value) => expect(shapedString(name, 'aws_vpc', ctx)).toBe(value));

  it.each(['id', 'name', 'ipv6_cidr_block_network_border_group', 'default_route_table_id'])('%s is left to the mock', (name) => {
    expect(shapedString(name, 'aws_vpc', ctx)).toBeUndefined();
  });

  it('is a JSON object the policy validators accept', () => {
    expect(JSON.parse(MOCK_POLICY_JSON)).toMatchObject({ Version: '2012-10-17', Statement: [expect.any(Object)] });
  });
});

describe('mockValue', () => {
  it('makes set elements distinct and still valid', () => {
    const cidrs = mockValue(['set', 'string'], 'cidr_blocks', undefined, ctx) as string[];
    expect(new Set(cidrs).size).toBe(3);
    const arns = mockValue(['list', 'string'], 'subnet_arns', 'aws_subnet', ctx) as string[];
    expect(new Set(arns).size).toBe(3);
    arns.forEach((a) => expect(a).toMatch(VALID_ARN));
  });

  it('shapes elements by the singular of the list name', () => {
    expect(mockValue(['set', 'string'], 'secondary_private_ip_addresses', 'aws_nat_gateway', ctx)).toEqual(['10.255.0.10', '10.255.0.11', '10.255.0.12']);
    expect(mockValue(['list', 'string'], 'policies', undefined, ctx)).toEqual([MOCK_POLICY_JSON, MOCK_POLICY_JSON, MOCK_POLICY_JSON]);
  });

  it('sizes lists by the highest index read and maps by the keys read', () => {
    expect(mockValue(['list', 'string'], 'ids', undefined, ctx, { keys: [], maxIndex: 4 })).toHaveLength(5);
    expect(mockValue(['map', 'string'], 'route_table_ids', undefined, ctx, { keys: ['a', 'b'], maxIndex: -1 })).toEqual({ a: 'mock-route_table_id', b: 'mock-route_table_id-2' });
  });

  it('follows object and tuple types attribute by attribute', () => {
    expect(mockValue(['object', { arn: 'string', count: 'number', on: 'bool' }], 'x', 'aws_lb', ctx)).toEqual({
      arn: 'arn:aws:elasticloadbalancing:eu-west-1:222222222222:lb/mock-lb',
      count: 1,
      on: false,
    });
    expect(mockValue(['tuple', ['string', 'string']], 'zone_ids', undefined, ctx)).toEqual(['mock-zone_id', 'mock-zone_id-2']);
  });
});

describe('computedDefaults', () => {
  it('shapes computed attributes only, never id, and fills computed string lists', () => {
    const attrs = {
      id: { type: 'string', computed: true, optional: true },
      arn: { type: 'string', computed: true, optional: false },
      policy_arn: { type: 'string', computed: false, optional: true }, // set by config: not mocked
      name: { type: 'string', computed: true, optional: false },
      endpoints: { type: ['list', 'string'], computed: true, optional: false },
      tags_all: { type: ['map', 'string'], computed: true, optional: false },
    } as const;
    expect(computedDefaults('resource', 'aws_thing', attrs, ctx)).toEqual({
      arn: 'arn:aws:thing:eu-west-1:222222222222:thing/mock-thing',
      endpoints: ['mock-endpoint', 'mock-endpoint-2', 'mock-endpoint-3'],
    });
  });

  it('fills computed lists of objects so that `dns_entry[0].dns_name` can be read', () => {
    const attrs = { dns_entry: { type: ['list', ['object', { dns_name: 'string', hosted_zone_id: 'string' }]], computed: true, optional: false } } as const;
    const out = computedDefaults('resource', 'aws_vpc_endpoint', attrs, ctx) as { dns_entry: { dns_name: string; hosted_zone_id: string }[] };
    expect(out.dns_entry).toHaveLength(3);
    expect(out.dns_entry[0]).toEqual({ dns_name: 'mock-dns_name', hosted_zone_id: 'mock-hosted_zone_id' });
  });

  it('gives aws_availability_zones real-looking AZ names in the provider region', () => {
    const attrs = { names: { type: ['list', 'string'], computed: true, optional: false } } as const;
    expect(computedDefaults('data', 'aws_availability_zones', attrs, ctx)).toEqual({ names: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] });
  });
});
