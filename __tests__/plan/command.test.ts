/** `lz plan-summary`: files in, exit code and output out. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runPlanSummary, stackFromFileName } from '../../plan/command';
import { tempDir } from '../helpers/temp';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'plans');
const f = (name: string) => path.join(FIXTURES, name);
const RESEGMENT = f('real-spoke-prod-resegment-rename.json');
const DEV_TAGS = f('real-spoke-dev-tags.json');

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

  test('usage errors exit 2', () => {
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
