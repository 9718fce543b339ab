/** The connectivity acknowledgement file: what it accepts, and every way it fails loudly. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { acknowledgedAddresses, AcknowledgementError, acknowledges, ACK_FILE, appliesTo, parseAcknowledgement, readAcknowledgement } from '../../plan/acknowledgement';
import { checkAcknowledgementFile, main } from '../../scripts/connectivity-ack';
import { tempDir } from '../helpers/temp';

const VALID = [
  'pullRequest: 42',
  'reason: Move shop-prod to the prod segment (CHG-1234)',
  'stacks:',
  '  shop-spoke-shop-prod:',
  '    - aws_ec2_transit_gateway_route_table_association.tgw-attachment_association_F1F5D92C',
  '    - module.net.aws_route.r["10.0.0.0/8"]',
  '  shop-hub:',
  '    - aws_vpn_connection.vpn_vpn-dc-backup_84BEE3C0',
  '',
].join('\n');

/** The problem lines of the error thrown for `text` (without the heading line). */
function problems(text: string): string[] {
  try {
    parseAcknowledgement(text, ACK_FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(AcknowledgementError);
    return (e as Error).message.split('\n');
  }
  throw new Error('expected the acknowledgement to be refused');
}

describe('parseAcknowledgement', () => {
  test('a valid file: its pull request, reason and addresses per stack, in file order', () => {
    const ack = parseAcknowledgement(VALID, ACK_FILE);
    expect(ack).toEqual({
      file: 'connectivity-ack.yaml',
      pullRequest: 42,
      reason: 'Move shop-prod to the prod segment (CHG-1234)',
      stacks: {
        'shop-spoke-shop-prod': ['aws_ec2_transit_gateway_route_table_association.tgw-attachment_association_F1F5D92C', 'module.net.aws_route.r["10.0.0.0/8"]'],
        'shop-hub': ['aws_vpn_connection.vpn_vpn-dc-backup_84BEE3C0'],
      },
    });
    expect(acknowledgedAddresses(ack)).toEqual([
      { stack: 'shop-spoke-shop-prod', address: 'aws_ec2_transit_gateway_route_table_association.tgw-attachment_association_F1F5D92C' },
      { stack: 'shop-spoke-shop-prod', address: 'module.net.aws_route.r["10.0.0.0/8"]' },
      { stack: 'shop-hub', address: 'aws_vpn_connection.vpn_vpn-dc-backup_84BEE3C0' },
    ]);
    // Per stack: the same address in another stack is another resource.
    expect(acknowledges(ack, 'shop-hub', 'aws_vpn_connection.vpn_vpn-dc-backup_84BEE3C0')).toBe(true);
    expect(acknowledges(ack, 'shop-spoke-shop-prod', 'aws_vpn_connection.vpn_vpn-dc-backup_84BEE3C0')).toBe(false);
    expect(acknowledges(ack, 'shop-spoke-shop-dev', 'aws_ec2_transit_gateway_route_table_association.tgw-attachment_association_F1F5D92C')).toBe(false);
  });

  test('bound to its pull request: another pull request gets nothing from it; a local run (no pull request) does', () => {
    const ack = parseAcknowledgement(VALID, ACK_FILE);
    expect(appliesTo(ack, 42)).toBe(true);
    expect(appliesTo(ack, 43)).toBe(false);
    expect(appliesTo(ack, undefined)).toBe(true);
  });

  test.each([
    ['an empty file', ''],
    ['only comments', '# nothing acknowledged yet\n'],
  ])('%s names nothing and fails', (_name, text) => {
    expect(problems(text)).toEqual([
      'connectivity-ack.yaml names nothing: it is empty; write pullRequest: <number>, reason: <why>, stacks: { <stack>: [<address>, ...] }, or delete the file',
    ]);
  });

  test('no stack, or a stack with no address, names nothing and fails', () => {
    expect(problems('pullRequest: 42\nreason: x\nstacks: {}\n').slice(1)).toEqual(['  connectivity-ack.yaml:3:9 stacks: {} names no stack: an acknowledgement must name what may change']);
    expect(problems('pullRequest: 42\nreason: x\nstacks:\n  shop-hub: []\n').slice(1)).toEqual(['  connectivity-ack.yaml:4:13 stacks.shop-hub: [] names no address: list the addresses or remove the stack']);
  });

  test('YAML that cannot be parsed fails with file:line:col', () => {
    expect(problems('pullRequest: 42\nstacks: [\n')).toEqual([
      'connectivity-ack.yaml cannot be parsed:',
      expect.stringMatching(/^ {2}connectivity-ack\.yaml:3:1 not valid YAML: /),
    ]);
    // A duplicate key is an error, never "the last one wins".
    expect(problems('pullRequest: 42\npullRequest: 43\n')).toEqual(['connectivity-ack.yaml cannot be parsed:', expect.stringMatching(/^ {2}connectivity-ack\.yaml:2:1 not valid YAML: Map keys must be unique/)]);
  });

  test('every problem at once, each with file:line:col, path, value and what is wrong', () => {
    const text = [
      'pullRequest: "42"',
      'reason: "  "',
      'approvedBy: alice',
      'stacks:',
      '  "bad name":',
      '    - aws_route.a',
      '  shop-hub:',
      '    - data.aws_ssm_parameter.hub',
      '    - nodot',
      '    - aws_route.a',
      '    - aws_route.a',
      '',
    ].join('\n');
    expect(problems(text)).toEqual([
      'connectivity-ack.yaml is not a valid connectivity acknowledgement (pullRequest: <number>, reason: <why>, stacks: { <stack>: [<address>, ...] }):',
      '  connectivity-ack.yaml:1:14 pullRequest: "42" must be the number of the pull request that makes the changes',
      '  connectivity-ack.yaml:2:9 reason: "  " must say why the changes are intended (change ticket, window)',
      '  connectivity-ack.yaml:5:3 stacks: "bad name" is not a stack name: use the name `lz synth` prints, e.g. shop-spoke-shop-prod',
      '  connectivity-ack.yaml:8:7 stacks.shop-hub[0]: "data.aws_ssm_parameter.hub" is a data source: only managed resources are connectivity-impacting',
      '  connectivity-ack.yaml:9:7 stacks.shop-hub[1]: "nodot" is not a resource address: copy it from the plan summary, e.g. aws_route.private_default_0A1B2C3D',
      '  connectivity-ack.yaml:7:3 stacks.shop-hub: ["data.aws_ssm_parameter.hub","nodot","aws_route.a","aws_route.a"] names an address twice',
      '  connectivity-ack.yaml:3:13 (root): unknown key "approvedBy": only pullRequest, reason and stacks',
    ]);
  });

  test('a missing key, a fractional pull request and a list instead of a mapping', () => {
    expect(problems('pullRequest: 4.5\nreason: x\n').slice(1)).toEqual([
      '  connectivity-ack.yaml:1:14 pullRequest: 4.5 must be the number of the pull request that makes the changes',
      '  connectivity-ack.yaml:1:1 stacks: (missing) must map each stack to the addresses acknowledged in it',
    ]);
    expect(problems('- aws_route.a\n').slice(1)).toEqual(['  connectivity-ack.yaml:1:1 (root): ["aws_route.a"] must be a mapping of pullRequest, reason and stacks']);
  });
});

describe('readAcknowledgement', () => {
  test('reads a file (a BOM is ignored); a missing file is an error naming it', () => {
    const dir = tempDir('lz-ack-');
    const file = path.join(dir, ACK_FILE);
    fs.writeFileSync(file, `\uFEFF${VALID}`);
    expect(readAcknowledgement(file).pullRequest).toBe(42);
    expect(() => readAcknowledgement(path.join(dir, 'missing.yaml'))).toThrow(`${path.join(dir, 'missing.yaml')}: cannot read: ENOENT`);
  });
});

describe('scripts/connectivity-ack.ts (the workflows\' early check)', () => {
  test('no file is fine; a valid file lists what it acknowledges; a file for another pull request says it counts for nothing', () => {
    const dir = tempDir('lz-ack-');
    const file = path.join(dir, ACK_FILE);
    expect(checkAcknowledgementFile(file, 42)).toEqual({ exitCode: 0, lines: [`no ${file}: no connectivity-impacting change is acknowledged by file`] });
    fs.writeFileSync(file, VALID);
    expect(checkAcknowledgementFile(file, 42)).toEqual({
      exitCode: 0,
      lines: [
        `${file}: pull request #42 acknowledges 3 addresses in 2 stacks (Move shop-prod to the prod segment (CHG-1234)):`,
        '  shop-spoke-shop-prod: aws_ec2_transit_gateway_route_table_association.tgw-attachment_association_F1F5D92C',
        '  shop-spoke-shop-prod: module.net.aws_route.r["10.0.0.0/8"]',
        '  shop-hub: aws_vpn_connection.vpn_vpn-dc-backup_84BEE3C0',
      ],
    });
    expect(checkAcknowledgementFile(file, 43)).toEqual({ exitCode: 0, lines: [`${file} acknowledges pull request #42, not #43: it acknowledges nothing here (delete it or update it)`] });
    expect(checkAcknowledgementFile(file, 0).lines).toEqual([`${file} acknowledges pull request #42, and this commit came from no pull request: it acknowledges nothing here (delete it or update it)`]);
  });

  test('a file that names nothing or cannot be parsed fails (exit 1), whatever the pull request', () => {
    const file = path.join(tempDir('lz-ack-'), ACK_FILE);
    fs.writeFileSync(file, 'pullRequest: 42\nreason: x\nstacks: {}\n');
    expect(checkAcknowledgementFile(file, 43)).toEqual({
      exitCode: 1,
      lines: [
        `error: ${file} is not a valid connectivity acknowledgement (pullRequest: <number>, reason: <why>, stacks: { <stack>: [<address>, ...] }):\n  ${file}:3:9 stacks: {} names no stack: an acknowledgement must name what may change`,
      ],
    });
    fs.writeFileSync(file, 'stacks: [\n');
    expect(checkAcknowledgementFile(file).exitCode).toBe(1);
  });

  test('the command line: exit codes and a wrong --pull-request', () => {
    const file = path.join(tempDir('lz-ack-'), ACK_FILE);
    fs.writeFileSync(file, '');
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(main(['--file', file, '--pull-request', '42'])).toBe(1);
      expect(error.mock.calls[0][0]).toMatch(/names nothing: it is empty/);
      expect(main(['--file', `${file}.absent`, '--pull-request', '42'])).toBe(0);
      expect(main(['--file', file, '--pull-request', 'x'])).toBe(2);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
