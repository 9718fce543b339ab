import * as path from 'node:path';
import { awsAliases, awsTypesByProvider, awsVersion, nonAwsProviders, readManifest, skipReason, StackJson } from '../../verify/stack-json';

const stacks = readManifest(path.join(__dirname, 'fixtures', 'synth'));
const byName = (name: string) => stacks.find((s) => s.name === name)!.json;

describe('readManifest', () => {
  it('lists the stacks in manifest order with their directories', () => {
    expect(stacks.map((s) => s.name)).toEqual(['lz-hub', 'lz-spoke-a', 'lz-spoke-a-vpn-pki']);
    expect(stacks[1].dir).toBe(path.join(__dirname, 'fixtures', 'synth', 'stacks', 'lz-spoke-a'));
  });
});

describe('skipReason', () => {
  it('skips a stack that needs the tls provider, naming it', () => {
    expect(nonAwsProviders(byName('lz-spoke-a-vpn-pki'))).toEqual(['tls']);
    expect(skipReason(byName('lz-spoke-a-vpn-pki'))).toBe('needs the tls provider, which has no offline mirror');
  });

  it('names every missing provider', () => {
    const json: StackJson = { terraform: { required_providers: { aws: { source: 'aws' }, tls: { source: 'hashicorp/tls' }, random: { source: 'hashicorp/random' } } } };
    expect(skipReason(json)).toBe('needs the random, tls providers, which have no offline mirror');
  });

  it('verifies aws-only stacks, whatever spelling of the aws source cdktf used', () => {
    expect(skipReason(byName('lz-hub'))).toBeUndefined();
    expect(skipReason({ terraform: { required_providers: { aws: { source: 'registry.terraform.io/hashicorp/aws' } } } })).toBeUndefined();
  });

  it('does not take a provider named aws from another source for hashicorp/aws', () => {
    expect(skipReason({ terraform: { required_providers: { aws: { source: 'example/aws' } } } })).toBe('needs the aws provider, which has no offline mirror');
  });
});

describe('provider blocks', () => {
  it('reads the pinned version and the aliases', () => {
    expect(awsVersion(byName('lz-spoke-a'))).toBe('5.100.0');
    expect(awsAliases(byName('lz-spoke-a'))).toEqual(['hub']);
    expect(awsAliases(byName('lz-hub'))).toEqual([]);
  });

  it('groups aws resource and data types by the provider they go through, leaving out terraform_remote_state', () => {
    const types = awsTypesByProvider(byName('lz-spoke-a'));
    expect([...types.keys()].sort()).toEqual(['aws', 'hub']);
    expect([...types.get('aws')!.resource].sort()).toEqual(['aws_ec2_transit_gateway_vpc_attachment', 'aws_vpc']);
    expect([...types.get('aws')!.data]).toEqual(['aws_iam_policy_document']);
    expect([...types.get('hub')!.resource]).toEqual(['aws_ec2_transit_gateway_route_table_association']);
  });
});
