import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthesize } from '../../cli/synth';
import { githubOutputLines, main, MAX_WAVES, stackMatrix, StackMatrixError } from '../../scripts/stack-matrix';
import { loadWith, RawConfig } from '../helpers/config';
import { tempDir } from '../helpers/temp';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SCRIPT = path.join(ROOT, 'scripts', 'stack-matrix.ts');

/** Terraform Cloud with the bootstrap, whose local-state stack must stay out of the matrices. */
const withCloud = (c: RawConfig) => {
  c.terraformCloud = { organization: 'acme', project: 'network', workspacePrefix: 'lz-', bootstrap: true };
  c.hub.roleArn = `arn:aws:iam::${c.hub.account}:role/network-deploy`;
  c.logArchive.roleArn = `arn:aws:iam::${c.logArchive.account}:role/network-deploy`;
  for (const s of c.spokes) s.roleArn = `arn:aws:iam::${s.account}:role/network-deploy`;
};

const entry = (stack: string) => ({ stack, workspace: `lz-${stack}`, organization: 'acme' });

let outdir: string;

beforeAll(() => {
  outdir = synthesize(loadWith(withCloud).landingZone, path.join(tempDir(), 'cdktf.out')).outdir;
});

describe('stackMatrix', () => {
  it('orders the workspaces in apply waves from the manifest: log archive and PKI, then the hub, then the spokes', () => {
    const m = stackMatrix(outdir);
    expect(m.stacks.map((s) => [s.stack, s.wave, s.dependsOn, s.directory])).toEqual([
      ['shop-log-archive', 1, [], 'stacks/shop-log-archive'],
      ['shop-spoke-shop-prod-vpn-pki', 1, [], 'stacks/shop-spoke-shop-prod-vpn-pki'],
      ['shop-hub', 2, ['shop-log-archive'], 'stacks/shop-hub'],
      ['shop-spoke-shop-dev', 3, ['shop-hub', 'shop-log-archive'], 'stacks/shop-spoke-shop-dev'],
      ['shop-spoke-shop-prod', 3, ['shop-hub', 'shop-log-archive', 'shop-spoke-shop-prod-vpn-pki'], 'stacks/shop-spoke-shop-prod'],
    ]);
    expect(m.waves).toEqual([
      { include: [entry('shop-log-archive'), entry('shop-spoke-shop-prod-vpn-pki')] },
      { include: [entry('shop-hub')] },
      { include: [entry('shop-spoke-shop-dev'), entry('shop-spoke-shop-prod')] },
    ]);
    expect(m.waves).toHaveLength(MAX_WAVES);
  });

  it('leaves out the local-state bootstrap stack', () => {
    expect(fs.existsSync(path.join(outdir, 'stacks', 'shop-tfc-bootstrap', 'cdk.tf.json'))).toBe(true);
    expect(stackMatrix(outdir).stacks.map((s) => s.stack)).not.toContain('shop-tfc-bootstrap');
  });

  it('plans every workspace without a base synth, or with a base that has no manifest', () => {
    const all = stackMatrix(outdir).stacks.map((s) => entry(s.stack));
    expect(stackMatrix(outdir).plan.include).toEqual(all);
    expect(stackMatrix(outdir, { base: path.join(tempDir(), 'missing') }).plan.include).toEqual(all);
  });

  it('plans only stacks whose JSON differs from the base synth or that it lacks', () => {
    const base = path.join(tempDir(), 'base');
    fs.cpSync(outdir, base, { recursive: true });
    expect(stackMatrix(outdir, { base }).plan.include).toEqual([]);
    // The spoke changed, the PKI stack is new in this branch.
    const spoke = path.join(base, 'stacks', 'shop-spoke-shop-dev', 'cdk.tf.json');
    fs.writeFileSync(spoke, fs.readFileSync(spoke, 'utf8').replace('"ManagedBy": "cdktf"', '"ManagedBy": "hand"'));
    expect(fs.readFileSync(spoke, 'utf8')).toContain('"ManagedBy": "hand"');
    const manifest = JSON.parse(fs.readFileSync(path.join(base, 'manifest.json'), 'utf8'));
    delete manifest.stacks['shop-spoke-shop-prod-vpn-pki'];
    fs.writeFileSync(path.join(base, 'manifest.json'), JSON.stringify(manifest));
    expect(stackMatrix(outdir, { base }).plan.include).toEqual([entry('shop-spoke-shop-prod-vpn-pki'), entry('shop-spoke-shop-dev')]);
  });

  it('refuses an output without Terraform Cloud workspaces, or without a manifest', () => {
    // The same synth with local state: no stack has a cloud block.
    const local = path.join(tempDir(), 'local');
    fs.cpSync(outdir, local, { recursive: true });
    for (const dir of fs.readdirSync(path.join(local, 'stacks'))) {
      const file = path.join(local, 'stacks', dir, 'cdk.tf.json');
      const json = JSON.parse(fs.readFileSync(file, 'utf8'));
      delete json.terraform.cloud;
      fs.writeFileSync(file, JSON.stringify(json));
    }
    expect(() => stackMatrix(local)).toThrow(StackMatrixError);
    expect(() => stackMatrix(local)).toThrow(`no stack in ${local} has a Terraform Cloud workspace: set terraformCloud in the config and synthesize again`);
    expect(() => stackMatrix(path.join(tempDir(), 'nothing'))).toThrow(/nothing\/manifest\.json does not exist: .*nothing holds no synthesized stacks — run `lz synth --out .*nothing` first/);
  });

  it('refuses dependency chains deeper than the apply workflow has waves', () => {
    const deep = path.join(tempDir(), 'deep');
    fs.cpSync(outdir, deep, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(deep, 'manifest.json'), 'utf8'));
    manifest.stacks['shop-spoke-shop-prod'].dependencies.push('shop-spoke-shop-dev');
    fs.writeFileSync(path.join(deep, 'manifest.json'), JSON.stringify(manifest));
    expect(() => stackMatrix(deep)).toThrow(`the stacks need 4 apply waves, but the apply workflow has ${MAX_WAVES} (apply-wave-1 … apply-wave-3): add jobs and raise MAX_WAVES`);
  });
});

describe('scripts/stack-matrix.ts', () => {
  it('prints the matrices and appends them to $GITHUB_OUTPUT', () => {
    const githubOutput = path.join(tempDir(), 'github-output');
    fs.writeFileSync(githubOutput, 'earlier=kept\n');
    const stdout = execFileSync(TSX, [SCRIPT, '--out', outdir, '--github-output'], { cwd: ROOT, env: { ...process.env, GITHUB_OUTPUT: githubOutput }, encoding: 'utf8' });
    const m = stackMatrix(outdir);
    expect(JSON.parse(stdout)).toEqual(m);
    const lines = fs.readFileSync(githubOutput, 'utf8').trimEnd().split('\n');
    expect(lines).toEqual(['earlier=kept', ...githubOutputLines(m)]);
    expect(lines.slice(1).map((l) => l.split('=')[0])).toEqual(['plan', 'plan_count', 'wave1', 'wave1_count', 'wave2', 'wave2_count', 'wave3', 'wave3_count']);
    expect(JSON.parse(lines[3].slice('wave1='.length))).toEqual({ include: [entry('shop-log-archive'), entry('shop-spoke-shop-prod-vpn-pki')] });
    expect(lines[2]).toBe('plan_count=5');
  });

  it('exits 1 with a message when it cannot write the GitHub output', () => {
    const saved = process.env.GITHUB_OUTPUT;
    delete process.env.GITHUB_OUTPUT;
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(main(['--out', outdir, '--github-output'])).toBe(1);
      expect(errors).toHaveBeenCalledWith('error: --github-output needs $GITHUB_OUTPUT (set by GitHub Actions)');
    } finally {
      errors.mockRestore();
      if (saved !== undefined) process.env.GITHUB_OUTPUT = saved;
    }
  });
});
