import { enclosingCall, findRemoteStateRefs, inferOutputType, outputValueType } from '../../verify/remote-state';
import { ProviderSchema } from '../../verify/provider-schema';

const REF = 'data.terraform_remote_state.cross-stack-reference-input-hub.outputs';

describe('enclosingCall', () => {
  it('finds the innermost call and the argument the position is in', () => {
    const text = '${join(",", tolist(X))}';
    expect(enclosingCall(text, text.indexOf('X'))).toEqual({ fn: 'tolist', arg: 0 });
    const t2 = '${lookup(m, "k,(", X)}';
    expect(enclosingCall(t2, t2.indexOf('X'))).toEqual({ fn: 'lookup', arg: 2 });
    expect(enclosingCall('plain X', 6)).toBeUndefined();
  });
});

describe('findRemoteStateRefs', () => {
  it('collects keys per data source with index, key and function usage, ignoring cdktf metadata', () => {
    const refs = findRemoteStateRefs({
      '//': { note: `\${${REF}.ignored}` },
      resource: {
        aws_x: {
          a: {
            s: `\${${REF}.tgw}`,
            l: `\${element(${REF}.subnets, 0)}`,
            i: [`\${${REF}.zones[2]}`, `\${${REF}["zones"][0]}`],
            m: `\${${REF}.rts.prod} \${${REF}.rts["dev"]}`,
            k: `\${keys(${REF}.tags)}`,
            // the key of lookup is a string, not a map
            n: `\${lookup(var.m, ${REF}.name, "")}`,
          },
        },
      },
    });
    expect([...refs.keys()]).toEqual(['cross-stack-reference-input-hub']);
    expect(Object.fromEntries(refs.get('cross-stack-reference-input-hub')!)).toEqual({
      tgw: { keys: [], maxIndex: -1, asList: false, asMap: false },
      subnets: { keys: [], maxIndex: -1, asList: true, asMap: false },
      zones: { keys: [], maxIndex: 2, asList: true, asMap: false },
      rts: { keys: ['dev', 'prod'], maxIndex: -1, asList: false, asMap: true },
      tags: { keys: [], maxIndex: -1, asList: false, asMap: true },
      name: { keys: [], maxIndex: -1, asList: false, asMap: false },
    });
  });
});

describe('outputValueType', () => {
  const schema: ProviderSchema = {
    resource: { aws_ec2_transit_gateway: { id: { type: 'string', computed: true, optional: true }, transit_gateway_cidr_blocks: { type: ['set', 'string'], computed: false, optional: true } } },
    data: { aws_availability_zones: { names: { type: ['list', 'string'], computed: true, optional: false } } },
  };
  it.each<[unknown, unknown]>([
    ['${aws_ec2_transit_gateway.tgw.id}', 'string'],
    ['${aws_ec2_transit_gateway.tgw.transit_gateway_cidr_blocks}', ['set', 'string']],
    ['${data.aws_availability_zones.azs.names}', ['list', 'string']],
    ['${aws_unknown.x.y}', undefined],
    ['prefix-${aws_ec2_transit_gateway.tgw.id}', 'string'],
    ['${tolist(aws_x.y.z)}', ['list', 'string']],
    ['${merge(a, b)}', ['map', 'string']],
    ['${jsonencode(a)}', 'string'],
    ['${var.x}', undefined],
    [3, 'number'],
    [['${aws_ec2_transit_gateway.tgw.id}'], ['tuple', ['string']]],
    [{ a: true }, ['object', { a: 'bool' }]],
  ])('%j -> %j', (value, type) => expect(outputValueType(value, schema)).toEqual(type));

  it('falls back to the consumer usage, then to string', () => {
    const use = (asList: boolean, asMap: boolean) => ({ keys: [], maxIndex: -1, asList, asMap });
    expect(inferOutputType('${var.x}', use(true, false))).toEqual(['list', 'string']);
    expect(inferOutputType(undefined, use(false, true))).toEqual(['map', 'string']);
    expect(inferOutputType(undefined, use(false, false))).toBe('string');
    // the producer's type wins over the usage: a mismatch is then a real failure of the mock apply
    expect(inferOutputType('${jsonencode(a)}', use(true, false))).toBe('string');
  });
});
