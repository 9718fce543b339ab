import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliConfigMirrorPaths, findProviderMirror, mirrorHasProvider, MirrorSearchOptions, terraformPlatform } from '../../verify/provider-mirror';

const VERSION = '5.100.0';
const PLATFORM = 'linux_amd64';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-mirror-test-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Creates an unpacked mirror holding a (fake) provider binary under `root`; returns `root`. */
function unpackedMirror(root: string, version = VERSION, platform = PLATFORM): string {
  const dir = path.join(root, 'registry.terraform.io', 'hashicorp', 'aws', version, platform);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `terraform-provider-aws_v${version}_x5`), '');
  return root;
}

/** Isolated options: no real env, home, implied dirs or search roots of this machine. */
function options(extra: Partial<MirrorSearchOptions> = {}): MirrorSearchOptions {
  const home = path.join(tmp, 'home');
  fs.mkdirSync(home, { recursive: true });
  return { env: {}, home, platform: PLATFORM, impliedDirs: [], searchRoots: [], ...extra };
}

describe('terraformPlatform', () => {
  it("maps node's platform and arch to Terraform's", () => {
    expect(terraformPlatform('linux', 'x64')).toBe('linux_amd64');
    expect(terraformPlatform('darwin', 'arm64')).toBe('darwin_arm64');
    expect(terraformPlatform('win32', 'ia32')).toBe('windows_386');
  });
});

describe('mirrorHasProvider', () => {
  it('accepts the unpacked layout', () => {
    expect(mirrorHasProvider(unpackedMirror(path.join(tmp, 'm')), VERSION, PLATFORM)).toBe(true);
  });

  it('accepts the packed (zip) layout', () => {
    const base = path.join(tmp, 'm', 'registry.terraform.io', 'hashicorp', 'aws');
    fs.mkdirSync(base, { recursive: true });
    fs.writeFileSync(path.join(base, `terraform-provider-aws_${VERSION}_${PLATFORM}.zip`), '');
    expect(mirrorHasProvider(path.join(tmp, 'm'), VERSION, PLATFORM)).toBe(true);
  });

  it('rejects another version, another platform, and an empty platform dir', () => {
    const root = unpackedMirror(path.join(tmp, 'm'), '5.99.0');
    unpackedMirror(root, VERSION, 'darwin_arm64');
    fs.mkdirSync(path.join(root, 'registry.terraform.io', 'hashicorp', 'aws', VERSION, 'linux_arm64'), { recursive: true });
    expect(mirrorHasProvider(root, VERSION, PLATFORM)).toBe(false);
    expect(mirrorHasProvider(root, VERSION, 'linux_arm64')).toBe(false);
  });
});

describe('cliConfigMirrorPaths', () => {
  it('reads every filesystem_mirror path and ignores other blocks', () => {
    const text = `
provider_installation {
  network_mirror { url = "https://example.com/" }
  filesystem_mirror {
    path    = "/srv/a"
    include = ["registry.terraform.io/hashicorp/*"]
  }
  filesystem_mirror {
    include = ["x/y"]
    path = "/srv/b"
  }
  direct { exclude = ["registry.terraform.io/hashicorp/*"] }
}`;
    expect(cliConfigMirrorPaths(text)).toEqual(['/srv/a', '/srv/b']);
  });
});

describe('findProviderMirror', () => {
  it('uses LZ_TF_PROVIDER_MIRROR first, even when other sources hold the provider', () => {
    const explicit = unpackedMirror(path.join(tmp, 'explicit'));
    const implied = unpackedMirror(path.join(tmp, 'implied'));
    const r = findProviderMirror(VERSION, options({ env: { LZ_TF_PROVIDER_MIRROR: explicit }, impliedDirs: [implied] }));
    expect(r).toEqual({ found: true, root: explicit, via: 'LZ_TF_PROVIDER_MIRROR' });
  });

  it('reports a wrong LZ_TF_PROVIDER_MIRROR as an explicit error instead of falling back', () => {
    const implied = unpackedMirror(path.join(tmp, 'implied'));
    const r = findProviderMirror(VERSION, options({ env: { LZ_TF_PROVIDER_MIRROR: path.join(tmp, 'nope') }, impliedDirs: [implied] }));
    expect(r.found).toBe(false);
    expect(r.found === false && r.explicitError).toMatch(/LZ_TF_PROVIDER_MIRROR=.*nope does not hold registry\.terraform\.io\/hashicorp\/aws\/5\.100\.0\/linux_amd64/);
  });

  it('uses the filesystem_mirror of the CLI config named by TF_CLI_CONFIG_FILE', () => {
    const mirror = unpackedMirror(path.join(tmp, 'cli-mirror'));
    const rc = path.join(tmp, 'cli.tfrc');
    fs.writeFileSync(rc, `provider_installation {\n  filesystem_mirror {\n    path = "${mirror}"\n  }\n}\n`);
    expect(findProviderMirror(VERSION, options({ env: { TF_CLI_CONFIG_FILE: rc } }))).toEqual({ found: true, root: mirror, via: `CLI config ${rc}` });
  });

  it('skips a TF_CLI_CONFIG_FILE that does not exist and goes on to the implied dirs', () => {
    const implied = unpackedMirror(path.join(tmp, 'implied'));
    const r = findProviderMirror(VERSION, options({ env: { TF_CLI_CONFIG_FILE: path.join(tmp, 'missing.tfrc') }, impliedDirs: [path.join(tmp, 'empty'), implied] }));
    expect(r).toEqual({ found: true, root: implied, via: 'implied mirror dir' });
  });

  it('falls back to a bounded search and finds a mirror a few levels down', () => {
    const root = path.join(tmp, 'opt');
    const mirror = unpackedMirror(path.join(root, 'tools', 'tf-plugins'));
    expect(findProviderMirror(VERSION, options({ searchRoots: [root] }))).toEqual({ found: true, root: mirror, via: `search under ${root}` });
  });

  it('does not search deeper than searchDepth', () => {
    const root = path.join(tmp, 'opt');
    unpackedMirror(path.join(root, 'a', 'b', 'c'));
    expect(findProviderMirror(VERSION, options({ searchRoots: [root], searchDepth: 2 })).found).toBe(false);
    expect(findProviderMirror(VERSION, options({ searchRoots: [root], searchDepth: 3 })).found).toBe(true);
  });

  it('does not follow symlinked directories, so loops end and links are not reported as mirrors', () => {
    const root = path.join(tmp, 'opt');
    const real = unpackedMirror(path.join(tmp, 'elsewhere', 'mirror'));
    fs.mkdirSync(root, { recursive: true });
    fs.symlinkSync(real, path.join(root, 'linked-mirror'));
    fs.symlinkSync(root, path.join(root, 'loop'));
    expect(findProviderMirror(VERSION, options({ searchRoots: [root], searchDepth: 10 })).found).toBe(false);
  });

  it('returns every place it looked when nothing holds the provider', () => {
    const rc = path.join(tmp, 'cli.tfrc');
    fs.writeFileSync(rc, 'provider_installation {\n  filesystem_mirror {\n    path = "/no/such/mirror"\n  }\n}\n');
    const implied = path.join(tmp, 'implied');
    const root = path.join(tmp, 'opt');
    fs.mkdirSync(root);
    const r = findProviderMirror(VERSION, options({ env: { TF_CLI_CONFIG_FILE: rc }, impliedDirs: [implied], searchRoots: [root] }));
    expect(r).toEqual({
      found: false,
      tried: [
        `/no/such/mirror (filesystem_mirror in ${rc}): no registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64`,
        `${implied} (implied mirror dir): no registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64`,
        `${root} (searched 4 levels deep): no registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64`,
      ],
    });
  });
});
