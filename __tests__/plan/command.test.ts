/** `lz plan-summary`: files in, exit code and output out. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runPlanSummary, stackFromFileName } from '../../plan/command';
import { tempDir } from '../helpers/temp';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'plans');
const f = (name: string) => path.join(FIXTURES, name);
const RESEGMENT = f('real-spoke-prod-resegment-rename.json');
const DEV_TAGS = f('real-spoke-dev-tags.json');

/** The five connectivity-impacting changes of {@link RESEGMENT} (stack shop-spoke-shop-prod), in plan order. */
const RESEGMENT_IMPACTS = [
  'aws_ec2_client_vpn_network_association.client-vpn_association-172-16-144-0-20_FC966DDE',
  'aws_ec2_transit_gateway_route_table_association.tgw-attachment_association_F1F5D92C',
  'aws_ec2_transit_gateway_route_table_propagation.tgw-attachment_propagation-prod_7FAA2660',
  'aws_route_table_association.app-vpc_rta-db-2_B9AC7D8D',
  'aws_subnet.app-vpc_subnet-db-2_2BAF95AD',
];

/** An acknowledgement file for pull request `pr` naming `addresses` in shop-spoke-shop-prod. */
function ackFile(addresses: readonly string[], pr = 42, stack = 'shop-spoke-shop-prod'): string {
  const file = path.join(tempDir('lz-ack-'), 'connectivity-ack.yaml');
  fs.writeFileSync(file, [`pullRequest: ${pr}`, 'reason: resegment shop-prod (CHG-1)', 'stacks:', `  ${stack}:`, ...addresses.map((a) => `    - ${a}`), ''].join('\n'));
  return file;
}

describe('runPlanSummary', () => {
  test('exit code 1 on a connectivity-impacting change, 0 with --allow-connectivity-impact', () => {
    const failed = runPlanSummary([RESEGMENT]);
    expect(failed.exitCode).toBe(1);
    expect(failed.output).toContain('FAIL: 5 connectivity-impacting changes in shop-spoke-shop-prod');
    const allowed = runPlanSummary([RESEGMENT], { allowConnectivityImpact: true });
    expect(allowed.exitCode).toBe(0);
    expect(allowed.output).toContain('ok: 5 connectivity-impacting changes in shop-spoke-shop-prod, allowed with --allow-connectivity-impact');
  });

  test('exit code 0 for updates and moves only; several files keep their order and their own stack names', () => {
    const r = runPlanSummary([DEV_TAGS, f('real-spoke-prod-rename-moved.json'), f('real-hub-create.json')]);
    expect(r.exitCode).toBe(0);
    expect(r.summaries?.map((s) => s.stack)).toEqual(['shop-spoke-shop-dev', 'shop-spoke-shop-prod', 'shop-hub']);
    expect(r.output.trimEnd().split('\n').pop()).toBe('ok: no connectivity-impacting change in 3 stacks');
  });

  test('one impacted file among several fails the run', () => {
    expect(runPlanSummary([DEV_TAGS, RESEGMENT]).exitCode).toBe(1);
  });

  test('--json: the verdict and every summary, machine-readable', () => {
    const r = runPlanSummary([RESEGMENT, DEV_TAGS], { json: true });
    const json = JSON.parse(r.output);
    expect(r.exitCode).toBe(1);
    expect(json.ok).toBe(false);
    expect(json.allowConnectivityImpact).toBe(false);
    expect(json.stacks.map((s: { stack: string; connectivityImpacts: unknown[] }) => [s.stack, s.connectivityImpacts.length])).toEqual([
      ['shop-spoke-shop-prod', 5],
      ['shop-spoke-shop-dev', 0],
    ]);
    expect(json.stacks[0].connectivityImpacts[2]).toMatchObject({
      address: 'aws_ec2_transit_gateway_route_table_propagation.tgw-attachment_propagation-prod_7FAA2660',
      action: 'delete',
      type: 'aws_ec2_transit_gateway_route_table_propagation',
    });
  });

  test('--markdown --out writes the comment body and prints it too', () => {
    const out = path.join(tempDir('lz-plan-'), 'comments', 'plan.md');
    const r = runPlanSummary([RESEGMENT], { markdown: true, out });
    expect(r.exitCode).toBe(1);
    expect(r.output.startsWith('## Terraform plan summary\n')).toBe(true);
    expect(fs.readFileSync(out, 'utf8')).toBe(r.output);
  });

  test('the stack name: --stack, else the plan\'s Stack tag, else the file name', () => {
    const dir = tempDir('lz-plan-');
    const plain = JSON.parse(fs.readFileSync(f('documented-every-action.json'), 'utf8'));
    delete plain.configuration;
    for (const rc of plain.resource_changes) for (const side of ['before', 'after']) if (rc.change[side]) delete rc.change[side].tags_all;
    const named = path.join(dir, 'shop-spoke-shop-qa.plan.json');
    fs.writeFileSync(named, JSON.stringify(plain));
    expect(runPlanSummary([named], { allowConnectivityImpact: true }).summaries?.[0].stack).toBe('shop-spoke-shop-qa');
    expect(runPlanSummary([RESEGMENT], { stack: 'override' }).summaries?.[0].stack).toBe('override');
    // The plan's own tag wins over a file name that says otherwise.
    const misnamed = path.join(dir, 'hub.plan.json');
    fs.copyFileSync(DEV_TAGS, misnamed);
    expect(runPlanSummary([misnamed]).summaries?.[0].stack).toBe('shop-spoke-shop-dev');
    expect(stackFromFileName('plans/shop-hub.plan.json')).toBe('shop-hub');
    expect(stackFromFileName('tfplan.json')).toBe('tfplan');
  });

  test('--allow-connectivity-impact-from: a file naming every impacting address passes, and says where they were acknowledged', () => {
    const file = ackFile(RESEGMENT_IMPACTS);
    const r = runPlanSummary([RESEGMENT], { allowConnectivityImpactFrom: file, pullRequest: '42' });
    expect(r.exitCode).toBe(0);
    expect(r.output.trimEnd().split('\n').pop()).toBe(`ok: 5 connectivity-impacting changes in shop-spoke-shop-prod, all acknowledged in ${file} (pull request #42)`);
    expect(r.output).toContain('    replace aws_ec2_transit_gateway_route_table_association.tgw-attachment_association_F1F5D92C  (forced by transit_gateway_route_table_id)  [acknowledged]');
    // Without --pull-request (a local run) the file counts as well.
    expect(runPlanSummary([RESEGMENT], { allowConnectivityImpactFrom: file }).exitCode).toBe(0);
  });

  test('a file naming some of them fails on the rest, named one by one', () => {
    const file = ackFile([RESEGMENT_IMPACTS[1], RESEGMENT_IMPACTS[2], 'aws_route.typo_0000']);
    const r = runPlanSummary([RESEGMENT], { allowConnectivityImpactFrom: file, pullRequest: 42, json: true });
    expect(r.exitCode).toBe(1);
    const json = JSON.parse(r.output);
    expect(json).toMatchObject({
      ok: false,
      allowConnectivityImpact: false,
      impacts: 5,
      verdict: `5 connectivity-impacting changes in shop-spoke-shop-prod, 3 not acknowledged in ${file} (pull request #42): review them, then add them to it or re-run with --allow-connectivity-impact if they are intended`,
      unacknowledged: [0, 3, 4].map((i) => ({ stack: 'shop-spoke-shop-prod', address: RESEGMENT_IMPACTS[i] })),
      acknowledgement: { file, pullRequest: 42, reason: 'resegment shop-prod (CHG-1)', applies: true, unused: [{ stack: 'shop-spoke-shop-prod', address: 'aws_route.typo_0000' }] },
    });
    const text = runPlanSummary([RESEGMENT], { allowConnectivityImpactFrom: file, pullRequest: 42 }).output;
    expect(text).toContain('  acknowledged but not replaced or deleted by this plan (1: a typo, or no longer needed):\n    aws_route.typo_0000\n');
    expect(text.match(/\[acknowledged\]/g)).toHaveLength(2);
  });

  test("a file for another pull request acknowledges nothing, and the verdict says why; --allow-connectivity-impact still allows all", () => {
    const file = ackFile(RESEGMENT_IMPACTS, 41);
    const r = runPlanSummary([RESEGMENT], { allowConnectivityImpactFrom: file, pullRequest: 42 });
    expect(r.exitCode).toBe(1);
    expect(r.output).not.toContain('[acknowledged]');
    expect(r.output).toContain(`note: ${file} acknowledges pull request #41, not #42: it acknowledges nothing here (delete it or update it)\n`);
    expect(r.output.trimEnd().split('\n').pop()).toBe(
      `FAIL: 5 connectivity-impacting changes in shop-spoke-shop-prod: review them, then re-run with --allow-connectivity-impact if they are intended (${file} acknowledges pull request #41, not #42)`,
    );
    expect(JSON.parse(runPlanSummary([RESEGMENT], { allowConnectivityImpactFrom: file, pullRequest: 42, json: true }).output).acknowledgement.applies).toBe(false);
    // A stale file does not fail a plan without connectivity impact.
    expect(runPlanSummary([DEV_TAGS], { allowConnectivityImpactFrom: file, pullRequest: 42 }).exitCode).toBe(0);
    expect(runPlanSummary([RESEGMENT], { allowConnectivityImpactFrom: file, pullRequest: 42, allowConnectivityImpact: true }).exitCode).toBe(0);
  });

  test('an acknowledgement file that cannot be used fails loudly, even for a plan without connectivity impact', () => {
    const dir = tempDir('lz-ack-');
    const empty = path.join(dir, 'connectivity-ack.yaml');
    fs.writeFileSync(empty, '');
    const r = runPlanSummary([DEV_TAGS], { allowConnectivityImpactFrom: empty, pullRequest: 42 });
    expect(r.exitCode).toBe(1);
    expect(r.summaries).toBeUndefined();
    expect(r.output).toBe(
      `cannot use the acknowledgement file: ${empty} names nothing: it is empty; write pullRequest: <number>, reason: <why>, stacks: { <stack>: [<address>, ...] }, or delete the file\n`,
    );
    const missing = runPlanSummary([DEV_TAGS, path.join(dir, 'missing.json')], { allowConnectivityImpactFrom: path.join(dir, 'nope.yaml') });
    expect(missing.output.split('\n').slice(0, 2)).toEqual([`cannot use the acknowledgement file: ${path.join(dir, 'nope.yaml')}: cannot read: ENOENT`, 'cannot summarize the plan:']);
  });

  test('usage errors exit 2', () => {
    expect(runPlanSummary([RESEGMENT], { pullRequest: 42 })).toMatchObject({ exitCode: 2, output: expect.stringMatching(/^--pull-request only says which acknowledgement file counts/) });
    expect(runPlanSummary([RESEGMENT], { pullRequest: 'abc', allowConnectivityImpactFrom: 'x' })).toMatchObject({ exitCode: 2, output: expect.stringMatching(/^--pull-request "abc" is not a pull-request number/) });
    expect(runPlanSummary([])).toMatchObject({ exitCode: 2, output: expect.stringMatching(/^no plan file given/) });
    expect(runPlanSummary([RESEGMENT], { json: true, markdown: true })).toMatchObject({ exitCode: 2, output: expect.stringMatching(/^--json and --markdown exclude each other/) });
    expect(runPlanSummary([RESEGMENT, DEV_TAGS], { stack: 'x' })).toMatchObject({ exitCode: 2, output: expect.stringMatching(/^--stack names one plan, but 2 files were given/) });
  });

  test('unreadable input: every file named with what is wrong, all at once, exit 1 and nothing written', () => {
    const dir = tempDir('lz-plan-');
    const missing = path.join(dir, 'missing.plan.json');
    const binary = path.join(dir, 'tfplan');
    fs.writeFileSync(binary, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('zip')]));
    const notJson = path.join(dir, 'garbage.json');
    fs.writeFileSync(notJson, 'Terraform will perform the following actions:');
    const state = f('documented-state.json');
    const noActions = path.join(dir, 'no-actions.json');
    const p = JSON.parse(fs.readFileSync(f('documented-every-action.json'), 'utf8'));
    delete p.resource_changes[3].change.actions;
    fs.writeFileSync(noActions, JSON.stringify(p));
    const out = path.join(dir, 'comment.md');
    const r = runPlanSummary([missing, binary, notJson, state, noActions, DEV_TAGS], { markdown: true, out });
    expect(r.exitCode).toBe(1);
    expect(r.summaries).toBeUndefined();
    expect(fs.existsSync(out)).toBe(false);
    expect(r.output.endsWith('\n')).toBe(true);
    const lines = r.output.trimEnd().split('\n');
    expect(lines[0]).toBe('cannot summarize 5 of 6 plans:');
    expect(lines[1]).toBe(`  ${missing}: cannot read: ENOENT`);
    expect(lines[2]).toBe(`  ${binary}: this is a binary plan file (terraform plan -out); convert it first: terraform show -json tfplan > tfplan.json`);
    expect(lines[3]).toMatch(new RegExp(`^  ${notJson.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not JSON \\(.*\\); expected the output of \`terraform show -json <planfile>\`$`));
    expect(lines[4]).toMatch(new RegExp(`^  ${state.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a Terraform plan: this is a state`));
    expect(lines.slice(5)).toEqual([
      `  ${noActions}: not a valid Terraform plan (1 problem):`,
      '    resource_changes[3] (aws_route53_resolver_endpoint.resolver-inbound_endpoint_3516CAE3).change.actions is missing (expected array)',
    ]);
  });
});
