import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packedZip, unpackedDir, unpackedMirror } from '../../verify/unpack-mirror';
import { tempDir } from '../helpers/temp';

const VERSION = '5.100.0';
const PLATFORM = 'linux_amd64';
const BINARY = `terraform-provider-aws_v${VERSION}_x5`;

/** A packed mirror whose zip holds a stand-in provider binary, as `terraform providers mirror` lays it out. */
function packedMirror(): string {
  const root = tempDir('lz-mirror-');
  const staging = tempDir('lz-mirror-src-');
  fs.writeFileSync(path.join(staging, BINARY), '#!/bin/sh\n', { mode: 0o755 });
  fs.writeFileSync(path.join(staging, 'LICENSE.txt'), 'license\n');
  const zip = packedZip(root, VERSION, PLATFORM);
  fs.mkdirSync(path.dirname(zip), { recursive: true });
  const r = spawnSync('zip', ['-q', zip, BINARY, 'LICENSE.txt'], { cwd: staging, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`zip failed: ${r.stderr}`);
  return root;
}

describe('unpackedMirror (issue 19: one extraction per verify run, not one per terraform init)', () => {
  test('a packed mirror is extracted once into the unpacked layout under the run directory, executable bit kept', () => {
    const root = packedMirror();
    const into = path.join(tempDir('lz-verify-'), 'mirror');
    const r = unpackedMirror(root, VERSION, PLATFORM, into);
    expect(r).toEqual({ root: into, note: `packed mirror unpacked once into ${into}` });
    const binary = path.join(unpackedDir(into, VERSION, PLATFORM), BINARY);
    expect(fs.readFileSync(binary, 'utf8')).toBe('#!/bin/sh\n');
    expect(fs.statSync(binary).mode & 0o111).toBe(0o111);
  });

  test('an unpacked mirror is used as it is, nothing copied', () => {
    const root = tempDir('lz-mirror-');
    fs.mkdirSync(unpackedDir(root, VERSION, PLATFORM), { recursive: true });
    fs.writeFileSync(path.join(unpackedDir(root, VERSION, PLATFORM), BINARY), '');
    const into = path.join(tempDir('lz-verify-'), 'mirror');
    expect(unpackedMirror(root, VERSION, PLATFORM, into)).toEqual({ root, note: 'unpacked mirror' });
    expect(fs.existsSync(into)).toBe(false);
  });

  test('without a working unzip the packed mirror is used as is (slower, still correct) and nothing is left behind', () => {
    const root = packedMirror();
    const into = path.join(tempDir('lz-verify-'), 'mirror');
    const r = unpackedMirror(root, VERSION, PLATFORM, into, path.join(tempDir('lz-no-unzip-'), 'unzip'));
    expect(r.root).toBe(root);
    expect(r.note).toMatch(/^packed mirror used as is \(unzip failed: .+\): every init extracts the provider$/);
    expect(fs.existsSync(into)).toBe(false);
  });
});
