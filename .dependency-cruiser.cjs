/**
 * The layer rule (docs/ARCHITECTURE.md, "Layers"), checked by `npm run lint:layers` in `npm test`:
 *
 *   lib                      AWS facts and catalogs, address ranges: imports nothing of ours
 *   config                   the config pipeline (load, schema, validate, model): lib only
 *   constructs               CDKTF constructs: lib only (never the config pipeline)
 *   stacks                   stacks built from the model: config, constructs, lib
 *   analysis, report, plan   read the synthesized output: config, lib, each other; never stacks or constructs
 *   cli, entry points        main.ts, cli/, verify/, bench/, scripts/: anything; nothing imports cli but them
 *
 * https://github.com/sverweij/dependency-cruiser/blob/main/doc/rules-reference.md
 */
const ENTRY_POINTS = '^(main\\.ts|cli/|verify/|bench/|scripts/|__tests__/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'lib-is-the-bottom',
      comment: 'lib/ holds AWS facts and pure helpers: it imports nothing of this project outside lib/.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(config|constructs|stacks|analysis|report|plan|cli|verify|bench|scripts)/|^main\\.ts$' },
    },
    {
      name: 'config-over-lib-only',
      comment: 'The config pipeline stands on lib/ alone.',
      severity: 'error',
      from: { path: '^config/' },
      to: { path: '^(constructs|stacks|analysis|report|plan|cli|verify|bench|scripts)/|^main\\.ts$' },
    },
    {
      name: 'constructs-never-import-config',
      comment: 'Constructs take props; limits and catalogs come from lib/, never from the config pipeline.',
      severity: 'error',
      from: { path: '^constructs/' },
      to: { path: '^(config|stacks|analysis|report|plan|cli|verify|bench|scripts)/|^main\\.ts$' },
    },
    {
      name: 'stacks-below-the-readers',
      comment: 'Stacks are built from the model; they never import the readers of the synthesized output or the CLI.',
      severity: 'error',
      from: { path: '^stacks/' },
      to: { path: '^(analysis|report|plan|cli|verify|bench|scripts)/|^main\\.ts$' },
    },
    {
      name: 'readers-never-import-stacks-or-constructs',
      comment: 'analysis, report and plan read cdktf.out; what they need of names comes from config/ or lib/.',
      severity: 'error',
      from: { path: '^(analysis|report|plan)/' },
      to: { path: '^(stacks|constructs|cli|verify|bench|scripts)/|^main\\.ts$' },
    },
    {
      name: 'only-entry-points-import-cli',
      comment: 'cli/ is the command line: only entry points (main.ts, verify/, bench/, scripts/) and tests import it.',
      severity: 'error',
      from: { pathNot: `${ENTRY_POINTS}` },
      to: { path: '^cli/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle between modules makes load order matter and layers meaningless.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|cdktf\\.out|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
