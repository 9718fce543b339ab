/**
 * The committed address list: every Terraform address of the default landing zone is recorded in
 * addresses/default.txt, so an accidental rename (a destroy and create in production) fails the build
 * until the list is regenerated deliberately or the move is declared.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { synthesize } from '../../cli/synth';
import { parseConfig } from '../../config/load';
import {
  ADDRESS_FILE,
  diffAddresses,
  formatAddressDiff,
  isUnexplained,
  parseAddressFile,
  readSynthAddresses,
  renderAddressFile,
  SynthAddresses,
} from '../../scripts/addresses';
import { defaultLandingZone } from '../helpers/landing-zone';
import { tempDir } from '../helpers/temp';

const ROOT = path.join(__dirname, '..', '..');

describe('addresses/default.txt', () => {
  let synth: SynthAddresses;
  let stacks: readonly string[];
  const committedText = fs.readFileSync(ADDRESS_FILE, 'utf8');
  const committed = parseAddressFile(committedText);

  beforeAll(() => {
    const result = synthesize(defaultLandingZone(), path.join(tempDir('lz-addresses-'), 'out'));
    stacks = result.stacks;
    synth = readSynthAddresses(result.outdir);
  });

  test('matches every address of a fresh synth of the default config', () => {
    const diff = diffAddresses(committed, synth);
    // A plain toEqual would bury the two lines that matter in a 400-line diff: say what changed and how to fix it.
    if (isUnexplained(diff)) throw new Error(formatAddressDiff(diff));
    expect([diff.removed, diff.added]).toEqual([[], []]);
  });

  test('is exactly what `npm run addresses` writes: header, sorted unique `<stack> <address>` lines', () => {
    expect(committedText).toBe(renderAddressFile([...new Set(committed)].sort()));
    for (const line of committed) expect(line).toMatch(/^[a-z0-9-]+ (data\.|module\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+$/);
  });

  test('names every synthesized stack, with managed resources and data sources', () => {
    expect([...new Set(synth.lines.map((l) => l.split(' ')[0]))]).toEqual([...stacks].sort());
    expect(synth.lines).toContain('shop-spoke-shop-prod data.terraform_remote_state.log-archive');
    expect(synth.lines.filter((l) => l.startsWith('shop-spoke-shop-prod data.aws_ssm_parameter.hub-published_'))).toHaveLength(15);
    expect(synth.lines.filter((l) => l.startsWith('shop-hub data.aws_ec2_transit_gateway_dx_gateway_attachment.'))).toHaveLength(1);
    expect(synth.lines.filter((l) => l.startsWith('shop-spoke-shop-prod aws_ec2_transit_gateway_route_table_propagation.'))).toHaveLength(4);
  });

  test('a renamed subnet fails the check with the destroyed and created addresses and the fix', () => {
    const config = parse(fs.readFileSync(path.join(ROOT, 'landing-zone.yaml'), 'utf8'));
    config.spokes.find((s: { name: string }) => s.name === 'shop-prod').vpc.subnets.find((s: { name: string }) => s.name === 'db-2').name = 'db-b';
    const renamed = readSynthAddresses(synthesize(parseConfig(stringify(config), 'renamed.yaml').landingZone, path.join(tempDir('lz-addresses-'), 'out')).outdir);
    const diff = diffAddresses(synth.lines, renamed);
    expect(diff.removed.map((l) => l.replace(/_[0-9A-F]{8}$/, ''))).toEqual([
      'shop-spoke-shop-prod aws_route_table_association.app-vpc_rta-db-2',
      'shop-spoke-shop-prod aws_subnet.app-vpc_subnet-db-2',
    ]);
    expect(diff.added.map((l) => l.replace(/_[0-9A-F]{8}$/, ''))).toEqual([
      'shop-spoke-shop-prod aws_route_table_association.app-vpc_rta-db-b',
      'shop-spoke-shop-prod aws_subnet.app-vpc_subnet-db-b',
    ]);
    const message = formatAddressDiff(diff);
    expect(message).toContain(`removed (2; Terraform would DESTROY these):\n  - ${diff.removed[0]}\n  - ${diff.removed[1]}`);
    expect(message).toContain(`  + ${diff.added[1]}`);
    expect(message).toContain('run `npm run addresses` and commit addresses/default.txt');
    expect(message).toContain('declare the move');
  });
});

describe('diffAddresses', () => {
  const committed = ['a-stack aws_subnet.app_subnet-db-2_2BAF95AD', 'a-stack aws_vpc.app_8A0156E4', 'b-stack aws_subnet.app_subnet-db-2_2BAF95AD'];
  const renamed = ['a-stack aws_subnet.app_subnet-db-b_1286C2CB', 'a-stack aws_vpc.app_8A0156E4', 'b-stack aws_subnet.app_subnet-db-2_2BAF95AD'];

  test('a rename without a declared move is a removal and an addition', () => {
    const diff = diffAddresses(committed, { lines: renamed, moves: [] });
    expect(diff).toEqual({ removed: ['a-stack aws_subnet.app_subnet-db-2_2BAF95AD'], added: ['a-stack aws_subnet.app_subnet-db-b_1286C2CB'], moved: [] });
    expect(isUnexplained(diff)).toBe(true);
  });

  test('a move declared in the same stack explains the pair; one in another stack does not', () => {
    const move = { from: 'aws_subnet.app_subnet-db-2_2BAF95AD', to: 'aws_subnet.app_subnet-db-b_1286C2CB' };
    const declared = diffAddresses(committed, { lines: renamed, moves: [{ stack: 'a-stack', ...move }] });
    expect(declared).toEqual({ removed: [], added: [], moved: [{ from: 'a-stack aws_subnet.app_subnet-db-2_2BAF95AD', to: 'a-stack aws_subnet.app_subnet-db-b_1286C2CB' }] });
    expect(isUnexplained(declared)).toBe(false);
    expect(formatAddressDiff(declared)).toBe('moved by a declared `moved` block (1; no replacement):\n  ~ a-stack aws_subnet.app_subnet-db-2_2BAF95AD -> a-stack aws_subnet.app_subnet-db-b_1286C2CB');
    expect(isUnexplained(diffAddresses(committed, { lines: renamed, moves: [{ stack: 'b-stack', ...move }] }))).toBe(true);
  });

  test('identical lists need nothing', () => {
    expect(formatAddressDiff(diffAddresses(committed, { lines: committed, moves: [] }))).toBe('');
  });
});

describe('readSynthAddresses', () => {
  test('reads resources, data sources, modules and moved blocks (instance keys dropped) of every manifest stack', () => {
    const dir = tempDir('lz-addresses-');
    fs.mkdirSync(path.join(dir, 'stacks', 's'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ stacks: { s: { synthesizedStackPath: 'stacks/s/cdk.tf.json' } } }));
    fs.writeFileSync(
      path.join(dir, 'stacks', 's', 'cdk.tf.json'),
      JSON.stringify({
        resource: { aws_vpc: { new_1: {}, other_2: {} } },
        data: { terraform_remote_state: { hub: {} } },
        module: { m: {} },
        moved: [{ from: 'aws_vpc.old_0[0]', to: 'aws_vpc.new_1' }],
      }),
    );
    expect(readSynthAddresses(dir)).toEqual({
      lines: ['s aws_vpc.new_1', 's aws_vpc.other_2', 's data.terraform_remote_state.hub', 's module.m'],
      moves: [{ stack: 's', from: 'aws_vpc.old_0', to: 'aws_vpc.new_1' }],
    });
  });
});
