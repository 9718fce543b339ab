import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ipamAllocateCommand } from '../../cli/ipam';
import { synthCommand, validateCommand } from '../../cli/commands';
import { tempDir } from '../helpers/temp';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

/** examples/ipam.yaml copied into a fresh directory, without its allocation file. */
function freshExample(): { config: string; allocations: string } {
  const dir = tempDir('lz-ipam-');
  const config = path.join(dir, 'ipam.yaml');
  copyFileSync('examples/ipam.yaml', config);
  return { config, allocations: path.join(dir, 'ipam.allocations.yaml') };
}

describe('lz ipam allocate', () => {
  it('validate warns before allocation with the range it would record; allocate writes the file the example commits; validate then passes', () => {
    const { config, allocations } = freshExample();
    const before = capture();
    expect(validateCommand(config, {}, before.io)).toBe(0);
    expect(before.err.join('\n')).toContain('not recorded yet: lz synth or lz ipam allocate will record 172.20.0.0/16');
    expect(existsSync(allocations)).toBe(false);

    const run = capture();
    expect(ipamAllocateCommand(config, {}, run.io)).toBe(0);
    expect(run.out).toEqual([`${allocations}: recorded 2 new allocations (commit the file):`, '  shop-dev  nonprod  172.20.0.0/16', '  shop-staging  nonprod  172.21.0.0/20']);
    expect(readFileSync(allocations, 'utf8')).toBe(readFileSync('examples/ipam.allocations.yaml', 'utf8'));

    expect(validateCommand(config, {}, capture().io)).toBe(0);
  });

  it('leaves the file alone when every IPAM spoke has its allocation', () => {
    const { config, allocations } = freshExample();
    ipamAllocateCommand(config, {}, capture().io);
    const text = readFileSync(allocations, 'utf8');
    const again = capture();
    expect(ipamAllocateCommand(config, { json: true }, again.io)).toBe(0);
    expect(JSON.parse(again.out.join('\n'))).toMatchObject({ added: [] });
    expect(readFileSync(allocations, 'utf8')).toBe(text);
  });

  it('writes nothing when the allocation would leave the config invalid', () => {
    const { config, allocations } = freshExample();
    // A /25 prefix is outside the nonprod pool's allocation rules (/16 to /24).
    writeFileSync(config, readFileSync(config, 'utf8').replace('      prefixLength: 16\n', '      prefixLength: 25\n'));
    const run = capture();
    expect(ipamAllocateCommand(config, {}, run.io)).toBe(1);
    expect(run.err.join('\n')).toContain('is a /25, outside the pool "nonprod" allocation rules /16 to /24');
    expect(existsSync(allocations)).toBe(false);
  });

  it('appends a new spoke after the recorded ones without moving them', () => {
    const { config, allocations } = freshExample();
    ipamAllocateCommand(config, {}, capture().io);
    const extra = `
  - name: shop-qa
    account: "666666666666"
    segment: nonprod
    vpc:
      ipamPool: nonprod
      availabilityZones: [ap-northeast-2a, ap-northeast-2c]
      tiers:
        app: { prefixLength: 23, count: 2 }
        db: { prefixLength: 24, count: 2 }
`;
    writeFileSync(config, readFileSync(config, 'utf8') + extra);
    expect(ipamAllocateCommand(config, {}, capture().io)).toBe(0);
    expect(parse(readFileSync(allocations, 'utf8')).allocations).toEqual([
      { spoke: 'shop-dev', pool: 'nonprod', cidr: '172.20.0.0/16' },
      { spoke: 'shop-staging', pool: 'nonprod', cidr: '172.21.0.0/20' },
      { spoke: 'shop-qa', pool: 'nonprod', cidr: '172.21.16.0/20' },
    ]);
  });
});

describe('lz synth records missing allocations', () => {
  /** The spoke VPC's cidr_block in the synthesized stack. */
  const vpcCidr = (out: string, stack: string): string[] => {
    const json = JSON.parse(readFileSync(path.join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    return Object.values(json.resource.aws_vpc as Record<string, { cidr_block: string }>).map((v) => v.cidr_block);
  };

  it('allocates with the same allocator, writes the file, pins the VPC to it, and a second synth changes nothing', () => {
    const { config, allocations } = freshExample();
    const out = path.join(path.dirname(config), 'cdktf.out');
    const first = capture();
    expect(synthCommand(config, out, first.io)).toBe(0);
    expect(readFileSync(allocations, 'utf8')).toBe(readFileSync('examples/ipam.allocations.yaml', 'utf8'));
    expect(first.err).toContain(`allocated shop-dev 172.20.0.0/16 (pool nonprod), shop-staging 172.21.0.0/20 (pool nonprod): recorded in ${allocations} — commit ${allocations}`);
    const stack = readdirSync(path.join(out, 'stacks')).find((s) => s.includes('shop-dev'))!;
    expect(vpcCidr(out, stack)).toEqual(['172.20.0.0/16']);

    const text = readFileSync(allocations, 'utf8');
    const second = capture();
    expect(synthCommand(config, out, second.io, { json: true })).toBe(0);
    expect(JSON.parse(second.out.join('\n'))).toMatchObject({ allocated: [], allocationFile: allocations });
    expect(readFileSync(allocations, 'utf8')).toBe(text);
    expect(vpcCidr(out, stack)).toEqual(['172.20.0.0/16']);
  });

  it('lists the new allocations in --json output', () => {
    const { config, allocations } = freshExample();
    const run = capture();
    expect(synthCommand(config, path.join(path.dirname(config), 'out'), run.io, { json: true })).toBe(0);
    expect(JSON.parse(run.out.join('\n'))).toMatchObject({ allocationFile: allocations, allocated: [{ spoke: 'shop-dev', pool: 'nonprod', cidr: '172.20.0.0/16' }, { spoke: 'shop-staging', pool: 'nonprod', cidr: '172.21.0.0/20' }] });
  });

  it('refuses a missing allocation with --frozen-allocations and writes nothing', () => {
    const { config, allocations } = freshExample();
    const out = path.join(path.dirname(config), 'cdktf.out');
    const run = capture();
    expect(synthCommand(config, out, run.io, { allocations: 'frozen' })).toBe(1);
    expect(run.err.join('\n')).toContain('has no recorded allocation for spoke "shop-dev"');
    expect(existsSync(allocations)).toBe(false);
    expect(existsSync(out)).toBe(false);
  });
});
