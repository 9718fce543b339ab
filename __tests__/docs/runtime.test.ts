/**
 * Issue 22, runtime: Node 20 reached end of life on 2026-04-30 (https://nodejs.org/en/about/previous-releases).
 * The workflows and the README recommend Node 22 LTS (.nvmrc), the tests run on 22 and 24, and the
 * project keeps working on Node 20 (this machine, .ci/run). `npm ci` warns EBADENGINE for every
 * installed package whose `engines.node` does not admit the running Node
 * (https://docs.npmjs.com/cli/v11/configuring-npm/package-json#engines), so every package in
 * node_modules, nested ones included, must admit each supported line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
// semver (npm's own range matcher) ships no types, and one function needs no @types package.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { satisfies } = require('semver') as { satisfies(version: string, range: string, options?: { includePrerelease?: boolean }): boolean };

const ROOT = path.join(__dirname, '..', '..');

/** The oldest release of each Node line the project supports: a range that admits these admits the later ones of the line. */
const SUPPORTED_NODE = ['20.19.0', '22.13.0', '24.0.0'] as const;

/** Every package.json under node_modules (scoped and nested packages included), with its name, version and engines.node. */
function installedPackages(dir: string = path.join(ROOT, 'node_modules'), found: { name: string; version: string; node?: string; file: string }[] = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const at = path.join(dir, entry.name);
    if (entry.name.startsWith('@')) {
      installedPackages(at, found);
      continue;
    }
    const file = path.join(at, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name: string; version: string; engines?: { node?: string } };
      found.push({ name: pkg.name, version: pkg.version, node: typeof pkg.engines?.node === 'string' ? pkg.engines.node : undefined, file });
    }
    const nested = path.join(at, 'node_modules');
    if (fs.existsSync(nested)) installedPackages(nested, found);
  }
  return found;
}

describe('runtime', () => {
  test('.nvmrc names Node 22 (the LTS line the README recommends); package.json engines admits 20, 22 and 24', () => {
    expect(fs.readFileSync(path.join(ROOT, '.nvmrc'), 'utf8')).toBe('22\n');
    const engines = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).engines.node as string;
    for (const version of SUPPORTED_NODE) expect([version, satisfies(version, engines)]).toEqual([version, true]);
  });

  test("package.json engines is exactly the dependencies' floor: 20.19.0 and 22.13.0 admitted, 20.18.0 and 22.12.0 refused; the README states both floors", () => {
    const engines = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).engines.node as string;
    const admitted = (v: string) => satisfies(v, engines);
    expect(['20.19.0', '22.13.0', '24.0.0'].map((v) => [v, admitted(v)])).toEqual([
      ['20.19.0', true],
      ['22.13.0', true],
      ['24.0.0', true],
    ]);
    expect(['18.20.0', '20.18.0', '21.7.0', '22.12.0'].map((v) => [v, admitted(v)])).toEqual([
      ['18.20.0', false],
      ['20.18.0', false],
      ['21.7.0', false],
      ['22.12.0', false],
    ]);
    // The lock's root entry carries the same range (npm copies it there).
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } }> };
    expect(lock.packages[''].engines?.node).toBe(engines);
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('the floors are Node 20.19.0 and 22.13.0');
  });

  test('every installed package with engines.node admits both floors, 20.19.0 and 22.13.0', () => {
    const refused = installedPackages().flatMap((p) =>
      p.node === undefined ? [] : ['20.19.0', '22.13.0'].filter((v) => !satisfies(v, p.node!, { includePrerelease: true })).map((v) => `${p.name}@${p.version} (engines.node ${p.node}) refuses Node ${v}`),
    );
    expect(refused).toEqual([]);
  });

  test('no EBADENGINE: every installed package admits this Node and each supported line', () => {
    const packages = installedPackages();
    expect(packages.length).toBeGreaterThan(100);
    const refused = packages.flatMap((p) =>
      p.node === undefined ? [] : [process.version, ...SUPPORTED_NODE].filter((v) => !satisfies(v, p.node!, { includePrerelease: true })).map((v) => `${p.name}@${p.version} (engines.node ${p.node}) refuses Node ${v}`),
    );
    expect(refused).toEqual([]);
  });
});
