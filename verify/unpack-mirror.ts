/**
 * Packed provider mirrors, unpacked once per run. `terraform providers mirror` (what CI runs) writes
 * the packed layout, a zip per platform; from it, every stack's `terraform init` hashes and extracts
 * the 700 MB aws provider again: 8-14 s per init on this 2-core machine under load against 1.6 s from
 * an unpacked mirror, where init only symlinks (measured 2026-12-05, issue 19). A shared
 * `plugin_cache_dir` does not help (9.2-9.4 s warm: init still verifies the zip) and Terraform does
 * not support concurrent use of one. So `npm run verify` extracts the zip once into its own temp
 * directory in the unpacked layout and points every init there.
 * Layouts: https://developer.hashicorp.com/terraform/cli/config/config-file#filesystem_mirror
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AWS_PROVIDER_ADDRESS } from './provider-mirror';

/** What {@link unpackedMirror} decided. */
export interface UnpackedMirror {
  /** The mirror root every init uses: the original when it is already unpacked (or cannot be unpacked), else the copy. */
  readonly root: string;
  /** For the log: why this root. */
  readonly note: string;
}

/** Where the provider lives in the unpacked layout under a mirror root. */
export const unpackedDir = (root: string, version: string, platform: string): string => path.join(root, ...AWS_PROVIDER_ADDRESS.split('/'), version, platform);

/** The packed archive under a mirror root. */
export const packedZip = (root: string, version: string, platform: string): string => path.join(root, ...AWS_PROVIDER_ADDRESS.split('/'), `terraform-provider-aws_${version}_${platform}.zip`);

const hasProviderBinary = (dir: string): boolean => {
  try {
    return fs.readdirSync(dir).some((f) => f.startsWith('terraform-provider-aws'));
  } catch {
    return false;
  }
};

/**
 * The mirror root to give Terraform: `root` itself when it holds the unpacked provider; otherwise its
 * zip extracted with `unzip` into `into` (a directory of this run), or `root` again, packed, when
 * there is no `unzip` or it fails (slower, still correct).
 */
export function unpackedMirror(root: string, version: string, platform: string, into: string, unzip: string = 'unzip'): UnpackedMirror {
  if (hasProviderBinary(unpackedDir(root, version, platform))) return { root, note: 'unpacked mirror' };
  const zip = packedZip(root, version, platform);
  if (!fs.existsSync(zip)) return { root, note: 'no packed archive to unpack' };
  const target = unpackedDir(into, version, platform);
  fs.mkdirSync(target, { recursive: true });
  const r = spawnSync(unzip, ['-q', '-o', zip, '-d', target], { encoding: 'utf8' });
  if (r.error || r.status !== 0 || !hasProviderBinary(target)) {
    fs.rmSync(into, { recursive: true, force: true });
    return { root, note: `packed mirror used as is (unzip failed: ${r.error?.message ?? (r.stderr.trim() || `exit ${r.status}`)}): every init extracts the provider` };
  }
  return { root: into, note: `packed mirror unpacked once into ${into}` };
}
