import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { PublishedValueReader } from '../../constructs/publish/published-value-reader';
import { PublishedValues } from '../../constructs/publish/published-values';
import { Template } from '../helpers/template';

function stack(): { s: TerraformStack; hub: AwsProvider } {
  const s = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(s, 'aws', { region: 'ap-northeast-2' });
  const hub = new AwsProvider(s, 'aws-hub', { region: 'ap-northeast-2', alias: 'hub' });
  return { s, hub };
}

describe('PublishedValues', () => {
  test('one String, standard-tier parameter per key under the path, value as given', () => {
    const { s } = stack();
    const published = new PublishedValues(s, 'published', { path: '/landing-zone/shop/hub' });
    published.publish('transit-gateway-id', 'tgw-0a1b2c3d', 'Transit Gateway id');
    published.publish('route-table-prod', 'tgw-rtb-0a1b', 'prod table');
    const t = Template.fromStack(s);
    const byName = (name: string) => t.resources('aws_ssm_parameter').find((p) => p.props.name === name)!.props;
    expect(t.count('aws_ssm_parameter')).toBe(2);
    expect(byName('/landing-zone/shop/hub/transit-gateway-id')).toMatchObject({ type: 'String', tier: 'Standard', value: 'tgw-0a1b2c3d', description: 'Transit Gateway id' });
    expect(byName('/landing-zone/shop/hub/route-table-prod')).toMatchObject({ type: 'String', tier: 'Standard', value: 'tgw-rtb-0a1b', description: 'prod table' });
    expect(published.keys).toEqual(['transit-gateway-id', 'route-table-prod']);
  });

  test('refuses a key that is not one level of a parameter name, a key published twice and a bad path', () => {
    const { s } = stack();
    const published = new PublishedValues(s, 'published', { path: '/landing-zone/shop/hub' });
    expect(() => published.publish('route-table/prod', 'x', 'd')).toThrow(/"route-table\/prod" is not a published key/);
    published.publish('a', 'x', 'd');
    expect(() => published.publish('a', 'y', 'd')).toThrow(/"a" is published twice under \/landing-zone\/shop\/hub/);
    expect(() => new PublishedValues(s, 'bad', { path: 'landing-zone/shop/' })).toThrow(/is not a parameter path/);
  });
});

describe('PublishedValueReader', () => {
  test('one lookup per key, created on first use and shared, through the given provider; reads insecure_value', () => {
    const { s, hub } = stack();
    const reader = new PublishedValueReader(s, 'hub-published', { path: '/landing-zone/shop/hub', provider: hub });
    reader.value('transit-gateway-id');
    reader.value('transit-gateway-id');
    reader.value('route-table-prod');
    const t = Template.fromStack(s);
    const lookups = Object.values(t.json.data.aws_ssm_parameter as Record<string, { name: string; provider: string }>);
    expect(lookups.map((l) => [l.name, l.provider]).sort()).toEqual([
      ['/landing-zone/shop/hub/route-table-prod', 'aws.hub'],
      ['/landing-zone/shop/hub/transit-gateway-id', 'aws.hub'],
    ]);
    expect(t.published('/landing-zone/shop/hub/transit-gateway-id')).toMatch(/^\$\{data\.aws_ssm_parameter\.hub-published_transit-gateway-id_[0-9A-F]{8}\.insecure_value\}$/);
  });
});
