/**
 * Finds a local filesystem mirror of hashicorp/aws at the pinned version, so `terraform init` works
 * with no network. Looks where a person would have put one, in the order Terraform itself would
 * honour them, then does a small bounded search. No machine path is written into the repo: the
 * mirror is rediscovered on every run.
 * https://developer.hashicorp.com/terraform/cli/config/config-file#provider-installation
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The registry host and namespace every mirror layout starts with. */
export const AWS_PROVIDER_ADDRESS = 'registry.terraform.io/hashicorp/aws';

/** Env var naming a mirror root explicitly; wins over every other source. */
export const MIRROR_ENV = 'LZ_TF_PROVIDER_MIRROR';

/** A mirror that holds the provider. */
export interface MirrorFound {
  readonly found: true;
  /** The mirror root: the directory that contains `registry.terraform.io/`. */
  readonly root: string;
  /** How it was found, for the log: `LZ_TF_PROVIDER_MIRROR`, `CLI config <file>`, `implied mirror dir`, `search under <dir>`. */
  readonly via: string;
}

/** No mirror anywhere we looked. */
export interface MirrorMissing {
  readonly found: false;
  /** Every place checked, in order, each with why it did not qualify. */
  readonly tried: readonly string[];
  /** Set when the user named a mirror explicitly and it is wrong: an error, never silently replaced. */
  readonly explicitError?: string;
}

/** Result of {@link findProviderMirror}. */
export type MirrorResult = MirrorFound | MirrorMissing;

/** Where to look; every field defaults to this machine's environment, tests pass their own. */
export interface MirrorSearchOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
  /** Terraform's `<os>_<arch>`. @default this machine's */
  readonly platform?: string;
  /** Roots of the bounded search. @default /opt, /srv, /usr/local, $HOME */
  readonly searchRoots?: readonly string[];
  /** Directory levels below a search root that may hold `registry.terraform.io`. @default 4 */
  readonly searchDepth?: number;
  /** Cap on directories read per search root, so a huge tree cannot stall verification. @default 5000 */
  readonly searchBudget?: number;
  /** Implied mirror dirs; tests replace them because the real ones are machine state. @default Terraform's list */
  readonly impliedDirs?: readonly string[];
}

/** Terraform's `<os>_<arch>` for this process, e.g. `linux_amd64`. */
export function terraformPlatform(platform: string = process.platform, arch: string = process.arch): string {
  const osName = platform === 'win32' ? 'windows' : platform;
  const archName = ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[arch] ?? arch;
  return `${osName}_${archName}`;
}

/** True when `root` holds the provider in the unpacked or the packed (zip) mirror layout. */
export function mirrorHasProvider(root: string, version: string, platform: string): boolean {
  const base = path.join(root, ...AWS_PROVIDER_ADDRESS.split('/'));
  const unpacked = path.join(base, version, platform);
  try {
    if (fs.readdirSync(unpacked).some((f) => f.startsWith('terraform-provider-aws') && isFile(path.join(unpacked, f)))) return true;
  } catch {
    // not unpacked here; try packed
  }
  return isFile(path.join(base, `terraform-provider-aws_${version}_${platform}.zip`));
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile(); // follows a symlinked binary, which Terraform accepts too
  } catch {
    return false;
  }
}

/** `filesystem_mirror { path = "..." }` entries of an HCL CLI config (the JSON flavour is not read). */
export function cliConfigMirrorPaths(text: string): string[] {
  const paths: string[] = [];
  const re = /filesystem_mirror\s*\{([^}]*)\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const p = /(?:^|\s)path\s*=\s*"([^"]+)"/.exec(m[1]);
    if (p) paths.push(p[1]);
  }
  return paths;
}

/** Terraform's implied local mirror directories on Unix, in its own order. */
export function impliedMirrorDirs(env: NodeJS.ProcessEnv, home: string): string[] {
  const dataHome = env.XDG_DATA_HOME || path.join(home, '.local', 'share');
  const dataDirs = (env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':').filter(Boolean);
  const dirs = [path.join(home, '.terraform.d', 'plugins'), path.join(dataHome, 'terraform', 'plugins'), ...dataDirs.map((d) => path.join(d, 'terraform', 'plugins'))];
  return [...new Set(dirs)];
}

/** Directory names never worth descending into while searching. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.terraform', 'proc', 'sys', 'dev']);

/**
 * Breadth-first search below `root` for a `registry.terraform.io` directory whose parent holds the
 * provider. Symlinked directories are not followed (no loops), depth and directory count are capped.
 */
export function searchForMirror(root: string, version: string, platform: string, depth: number, budget: number): string | undefined {
  let level: string[] = [root];
  let read = 0;
  for (let d = 0; d <= depth && level.length > 0; d++) {
    const next: string[] = [];
    for (const dir of level) {
      if (read++ >= budget) return undefined;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        continue; // unreadable: skip, never fail discovery
      }
      for (const e of entries) {
        if (!e.isDirectory() || SKIP_DIRS.has(e.name)) continue; // Dirent of a symlink is not a directory
        if (e.name === 'registry.terraform.io' && mirrorHasProvider(dir, version, platform)) return dir;
        next.push(path.join(dir, e.name));
      }
    }
    level = next;
  }
  return undefined;
}

/** Finds the mirror root for hashicorp/aws `version`: env var, CLI config, implied dirs, bounded search. */
export function findProviderMirror(version: string, options: MirrorSearchOptions = {}): MirrorResult {
  const env = options.env ?? process.env;
  const home = options.home ?? os.homedir();
  const platform = options.platform ?? terraformPlatform();
  const want = `${AWS_PROVIDER_ADDRESS}/${version}/${platform}`;
  const tried: string[] = [];

  const explicit = env[MIRROR_ENV];
  if (explicit) {
    if (mirrorHasProvider(explicit, version, platform)) return { found: true, root: path.resolve(explicit), via: MIRROR_ENV };
    const explicitError = `${MIRROR_ENV}=${explicit} does not hold ${want}/terraform-provider-aws* (nor the packed .zip)`;
    return { found: false, tried: [explicitError], explicitError };
  }

  // Terraform reads TF_CLI_CONFIG_FILE, else ~/.terraformrc; a named file that does not exist is skipped.
  const cliConfig = env.TF_CLI_CONFIG_FILE || path.join(home, '.terraformrc');
  if (fs.existsSync(cliConfig)) {
    for (const p of cliConfigMirrorPaths(fs.readFileSync(cliConfig, 'utf8'))) {
      if (mirrorHasProvider(p, version, platform)) return { found: true, root: path.resolve(p), via: `CLI config ${cliConfig}` };
      tried.push(`${p} (filesystem_mirror in ${cliConfig}): no ${want}`);
    }
  } else tried.push(`${cliConfig}: no such CLI config file`);

  for (const dir of options.impliedDirs ?? impliedMirrorDirs(env, home)) {
    if (mirrorHasProvider(dir, version, platform)) return { found: true, root: dir, via: 'implied mirror dir' };
    tried.push(`${dir} (implied mirror dir): no ${want}`);
  }

  const depth = options.searchDepth ?? 4;
  const budget = options.searchBudget ?? 5000;
  for (const root of options.searchRoots ?? ['/opt', '/srv', '/usr/local', home]) {
    const hit = searchForMirror(root, version, platform, depth, budget);
    if (hit) return { found: true, root: hit, via: `search under ${root}` };
    tried.push(`${root} (searched ${depth} levels deep): no ${want}`);
  }
  return { found: false, tried };
}
