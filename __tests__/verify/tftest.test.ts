import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseProviderSchema } from '../../verify/provider-schema';
import { readManifest, ManifestStack } from '../../verify/stack-json';
import { planTest, renderTestFile } from '../../verify/tftest';

const FIXTURES = path.join(__dirname, 'fixtures');
const stacks = readManifest(path.join(FIXTURES, 'synth'));
// A real excerpt of `terraform providers schema -json` for hashicorp/aws 5.100.0.
const schema = parseProviderSchema(fs.readFileSync(path.join(FIXTURES, 'aws-schema-excerpt.json'), 'utf8'));
const spoke = stacks.find((s) => s.name === 'lz-spoke-a')!;
const POLICY = '{"Version":"2012-10-17","Statement":[{"Sid":"Mock","Effect":"Allow","Action":"sts:GetCallerIdentity","Resource":"*"}]}';

describe('planTest', () => {
  it('types each remote state output from the producing stack: schema types, literal shapes, ARNs in the producer account', () => {
    const plan = planTest(spoke, stacks, schema);
    expect(plan.problems).toEqual([]);
    expect(plan.overrides).toEqual([
      {
        dataName: 'cross-stack-reference-input-lz-hub',
        producer: 'lz-hub',
        outputs: {
          // `${aws_ec2_transit_gateway.tgw.arn}`: string in the schema, shaped as an ARN
          'cross-stack-output-aws_ec2_transit_gatewaytgwarn': 'arn:aws:ec2:eu-west-1:111111111111:ec2-transit-gateway/mock-ec2-transit-gateway',
          // `${aws_ec2_transit_gateway.tgw.id}`: string
          'cross-stack-output-aws_ec2_transit_gatewaytgwid': 'mock-ec2_transit_gateway_id',
          // `${aws_ec2_transit_gateway.tgw.transit_gateway_cidr_blocks}`: set(string) in the schema, elements valid CIDRs
          'cross-stack-output-aws_ec2_transit_gatewaytgwtransit_gateway_cidr_blocks': ['10.255.0.0/16', '10.254.0.0/16', '10.253.0.0/16'],
          // literal object: the producer's own keys
          route_table_ids: { dev: 'mock-dev', prod: 'mock-prod' },
          // literal list of two: two elements
          zone_ids: ['mock-zone_id', 'mock-zone_id-2'],
        },
      },
    ]);
  });

  it('mocks the default provider and every aws alias, with defaults only for types each one creates', () => {
    const plan = planTest(spoke, stacks, schema);
    expect(plan.providers).toEqual([
      {
        alias: undefined,
        mocks: [
          { kind: 'resource', type: 'aws_ec2_transit_gateway_vpc_attachment', defaults: { vpc_owner_id: '222222222222' } },
          {
            kind: 'resource',
            type: 'aws_vpc',
            defaults: { arn: 'arn:aws:ec2:eu-west-1:222222222222:vpc/mock-vpc', cidr_block: '10.255.0.0/16', ipv6_cidr_block: '2001:db8:0::/56', owner_id: '222222222222' },
          },
          { kind: 'data', type: 'aws_iam_policy_document', defaults: { json: POLICY, minified_json: POLICY } },
        ],
      },
      // the association goes through aws.hub; none of its computed attributes needs shaping
      { alias: 'hub', mocks: [] },
    ]);
  });

  it('without the producing stack or a schema, types outputs from how the consumer uses them', () => {
    const plan = planTest(spoke, [spoke]);
    expect(plan.overrides[0].producer).toBeUndefined();
    expect(plan.overrides[0].outputs).toEqual({
      // only the name says ARN; the producer's account is unknown, so the consumer's default provider's
      'cross-stack-output-aws_ec2_transit_gatewaytgwarn': 'arn:aws:mock:eu-west-1:222222222222:mock/mock-cross-stack-output-aws-ec2-transit-gatewaytgw',
      'cross-stack-output-aws_ec2_transit_gatewaytgwid': 'mock-cross-stack-output-aws_ec2_transit_gatewaytgwid',
      // tolist(...) -> list
      'cross-stack-output-aws_ec2_transit_gatewaytgwtransit_gateway_cidr_blocks': ['10.255.0.0/16', '10.254.0.0/16', '10.253.0.0/16'],
      // ["prod"] -> map with that key
      route_table_ids: { prod: 'mock-route_table_id' },
      // [1] -> list, at least three long
      zone_ids: ['mock-zone_id', 'mock-zone_id-2', 'mock-zone_id-3'],
    });
    expect(plan.providers.every((p) => p.mocks.length === 0)).toBe(true);
  });

  it('finds the producer by the state path the reader really opens (the lookup lz check uses), not by the data source name', () => {
    // Named after lz-hub but reading a file no stack writes: Terraform would read an empty state, so no producer.
    const json = JSON.parse(JSON.stringify(spoke.json).replace('../lz-hub/terraform.lz-hub.tfstate', '../elsewhere/terraform.lz-hub.tfstate'));
    expect(planTest({ ...spoke, json }, stacks, schema).overrides[0].producer).toBeUndefined();
    // The same file from another working directory depth still names lz-hub's state.
    const nested = { ...spoke, workingDirectory: 'stacks/nested/lz-spoke-a', json: JSON.parse(JSON.stringify(spoke.json).replace('../lz-hub/terraform.lz-hub.tfstate', '../../lz-hub/terraform.lz-hub.tfstate')) };
    expect(planTest(nested, stacks, schema).overrides[0].producer).toBe('lz-hub');
  });

  it('overrides each lookup of a published value with a value shaped like the publisher\'s (an ACM ARN in the publisher\'s account), and reports a lookup nobody publishes', () => {
    const publisher: ManifestStack = {
      ...spoke,
      name: 'lz-pki',
      json: {
        provider: { aws: [{ region: 'eu-west-1', allowed_account_ids: ['333333333333'] }] },
        resource: { aws_ssm_parameter: { server: { name: '/landing-zone/lz/spoke/a/vpn-pki/server-certificate-arn', type: 'String', value: '${aws_acm_certificate.server.arn}' } } },
      },
    } as ManifestStack;
    const reader: ManifestStack = {
      ...spoke,
      json: {
        ...spoke.json,
        data: {
          ...(spoke.json.data ?? {}),
          aws_ssm_parameter: {
            server: { name: '/landing-zone/lz/spoke/a/vpn-pki/server-certificate-arn' },
            orphan: { name: '/landing-zone/lz/hub/transit-gateway-id' },
            foreign: { name: '/someone/else' },
          },
        },
      },
    } as ManifestStack;
    const plan = planTest(reader, [...stacks, publisher], schema);
    expect(plan.published).toEqual([
      { dataName: 'server', producer: 'lz-pki', parameter: '/landing-zone/lz/spoke/a/vpn-pki/server-certificate-arn', value: 'arn:aws:acm:eu-west-1:333333333333:acm-certificate/mock-acm-certificate' },
    ]);
    expect(plan.problems).toEqual(['reads parameter /landing-zone/lz/hub/transit-gateway-id, which no other stack publishes']);
    expect(renderTestFile(plan)).toContain(
      [
        '# /landing-zone/lz/spoke/a/vpn-pki/server-certificate-arn, published by stack lz-pki',
        'override_data {',
        '  target = data.aws_ssm_parameter.server',
        '  values = {',
        '    insecure_value = "arn:aws:acm:eu-west-1:333333333333:acm-certificate/mock-acm-certificate"',
        '    value          = "arn:aws:acm:eu-west-1:333333333333:acm-certificate/mock-acm-certificate"',
        '  }',
        '}',
      ].join('\n'),
    );
  });

  it('reports a read of an output the producer does not declare', () => {
    const json = JSON.parse(JSON.stringify(spoke.json).replace('outputs.zone_ids[1]', 'outputs.zone_idz[1]'));
    const broken: ManifestStack = { ...spoke, json };
    expect(planTest(broken, stacks, schema).problems).toEqual(['reads output "zone_idz" of stack lz-hub, which declares no such output']);
  });

  it('plans no overrides and a bare mock provider for a stack without remote state or resources', () => {
    const hub: ManifestStack = { name: 'x', dir: '', workingDirectory: 'stacks/x', json: { provider: { aws: [{ region: 'eu-west-1' }] } } };
    expect(planTest(hub, [hub], schema)).toEqual({ stack: 'x', providers: [{ alias: undefined, mocks: [] }], overrides: [], problems: [] });
  });
});

describe('renderTestFile', () => {
  it('renders the mock providers, the typed override and the apply run', () => {
    const text = renderTestFile(planTest(spoke, stacks, schema));
    const expected = `mock_provider "aws" {
  mock_resource "aws_ec2_transit_gateway_vpc_attachment" {
    defaults = {
      vpc_owner_id = "222222222222"
    }
  }

  mock_resource "aws_vpc" {
    defaults = {
      arn = "arn:aws:ec2:eu-west-1:222222222222:vpc/mock-vpc"
      cidr_block = "10.255.0.0/16"
      ipv6_cidr_block = "2001:db8:0::/56"
      owner_id = "222222222222"
    }
  }

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = ${JSON.stringify(POLICY)}
      minified_json = ${JSON.stringify(POLICY)}
    }
  }
}

mock_provider "aws" {
  alias = "hub"
}

# outputs of stack lz-hub, typed from its output blocks
override_data {
  target = data.terraform_remote_state.cross-stack-reference-input-lz-hub
  values = {
    outputs = {
      cross-stack-output-aws_ec2_transit_gatewaytgwarn = "arn:aws:ec2:eu-west-1:111111111111:ec2-transit-gateway/mock-ec2-transit-gateway"
      cross-stack-output-aws_ec2_transit_gatewaytgwid = "mock-ec2_transit_gateway_id"
      cross-stack-output-aws_ec2_transit_gatewaytgwtransit_gateway_cidr_blocks = ["10.255.0.0/16", "10.254.0.0/16", "10.253.0.0/16"]
      route_table_ids = {
        dev = "mock-dev"
        prod = "mock-prod"
      }
      zone_ids = ["mock-zone_id", "mock-zone_id-2"]
    }
  }
}

run "mock_apply" {
  command = apply
}
`;
    // After the generated-file header comment.
    expect(text.slice(text.indexOf('mock_provider'))).toBe(expected);
    expect(text).toMatch(/^# Generated by verify\/tftest\.ts for stack lz-spoke-a/);
  });
});
