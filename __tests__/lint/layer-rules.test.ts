/**
 * The layer rule (.dependency-cruiser.cjs, run by `npm run lint:layers` in `npm test`) must keep
 * rejecting forbidden imports: a loosened pattern would otherwise pass silently on a clean tree. The
 * project's own config is run by the real depcruise CLI over a throwaway tree with one import per
 * rule, and each violation is expected by name, along with imports the layers allow.
 * https://github.com/sverweij/dependency-cruiser/blob/main/doc/cli.md#--output-type-specify-the-output-format
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/temp';

const ROOT = path.resolve(__dirname, '../..');

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}

/** Files of the throwaway tree: path -> source. Each import names the layer rule it breaks, or none. */
const TREE: Record<string, string> = {
  'lib/fact.ts': 'export const FACT = 1;\n',
  'config/model.ts': "import { FACT } from '../lib/fact';\nexport const MODEL = FACT;\n",
  // constructs -> config: forbidden (constructs-never-import-config); constructs -> lib: allowed.
  'constructs/vpc.ts': "import { MODEL } from '../config/model';\nimport { FACT } from '../lib/fact';\nexport const VPC = MODEL + FACT;\n",
  // stacks -> constructs and config: allowed.
  'stacks/hub-stack.ts': "import { VPC } from '../constructs/vpc';\nimport { MODEL } from '../config/model';\nexport const HUB = VPC + MODEL;\n",
  // report -> stacks: forbidden (readers-never-import-stacks-or-constructs).
  'report/render.ts': "import { HUB } from '../stacks/hub-stack';\nexport const REPORT = HUB;\n",
  // plan -> cli: forbidden twice (readers-... and only-entry-points-import-cli).
  'cli/errors.ts': 'export const EXIT = 1;\n',
  'plan/command.ts': "import { EXIT } from '../cli/errors';\nexport const PLAN = EXIT;\n",
  // lib -> config: forbidden (lib-is-the-bottom).
  'lib/bad.ts': "import { MODEL } from '../config/model';\nexport const BAD = MODEL;\n",
  // A cycle inside analysis/ (no-circular, reported once, at the edge that closes it).
  'analysis/a.ts': "import { B } from './b';\nexport const A = 1;\nexport const AB = B;\n",
  'analysis/b.ts': "import { A } from './a';\nexport const B = A;\n",
  // main.ts -> cli: allowed (an entry point).
  'main.ts': "import { EXIT } from './cli/errors';\nexport const MAIN = EXIT;\n",
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'es2022', strict: true } }),
};

function cruise(): Violation[] {
  const dir = tempDir('lz-layers-');
  for (const [file, text] of Object.entries(TREE)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const bin = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const args = [bin, '--config', path.join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json', 'main.ts', 'lib', 'config', 'constructs', 'stacks', 'report', 'plan', 'cli', 'analysis'];
  const run = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
  if (run.error) throw run.error;
  const out = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return out.summary.violations;
}

describe('.dependency-cruiser.cjs (the layer rule)', () => {
  let violations: Violation[];
  beforeAll(() => {
    violations = cruise();
  });
  const pairs = () => violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();

  it('rejects exactly the forbidden imports of the tree, each by its rule', () => {
    expect(pairs()).toEqual(
      [
        'constructs-never-import-config: constructs/vpc.ts -> config/model.ts',
        'lib-is-the-bottom: lib/bad.ts -> config/model.ts',
        'no-circular: analysis/a.ts -> analysis/b.ts',
        'only-entry-points-import-cli: plan/command.ts -> cli/errors.ts',
        'readers-never-import-stacks-or-constructs: plan/command.ts -> cli/errors.ts',
        'readers-never-import-stacks-or-constructs: report/render.ts -> stacks/hub-stack.ts',
      ].sort(),
    );
  });

  it('allows constructs -> lib, stacks -> constructs and config, and main.ts -> cli', () => {
    const from = (f: string, t: string) => violations.filter((v) => v.from === f && v.to === t);
    expect(from('constructs/vpc.ts', 'lib/fact.ts')).toEqual([]);
    expect(from('stacks/hub-stack.ts', 'constructs/vpc.ts')).toEqual([]);
    expect(from('stacks/hub-stack.ts', 'config/model.ts')).toEqual([]);
    expect(from('main.ts', 'cli/errors.ts')).toEqual([]);
  });
});
