/** constructs/private/static-archive.ts: the connect handler's zip, built once, with cdktf's asset hash. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AssetType, TerraformAsset, TerraformStack, Testing } from 'cdktf';
import { CONNECT_HANDLER_CODE_DIR } from '../../constructs/access/client-vpn-connect-handler';
import { ARCHIVE_FILE_NAME, crc32, sourceHash, staticArchive, zip } from '../../constructs/private/static-archive';
import { tempDir } from '../helpers/temp';

/** Whether `unzip` is on PATH (it is on the CI runners). */
const hasUnzip = (() => {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('staticArchive', () => {
  test('the hash is the one cdktf gives an ARCHIVE asset of the same directory (so filename and source_code_hash do not move)', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const asset = new TerraformAsset(stack, 'code', { path: CONNECT_HANDLER_CODE_DIR, type: AssetType.ARCHIVE });
    expect(sourceHash(CONNECT_HANDLER_CODE_DIR)).toBe(asset.assetHash);
    const archive = staticArchive(CONNECT_HANDLER_CODE_DIR);
    expect(archive.hash).toBe(asset.assetHash);
    expect(path.basename(archive.file)).toBe(ARCHIVE_FILE_NAME);
    const file = new TerraformAsset(stack, 'file', { path: archive.file, type: AssetType.FILE, assetHash: archive.hash });
    expect(file.path.replace('file', 'code')).toBe(asset.path);
  });

  test('built once per process: the same file for every caller', () => {
    const a = staticArchive(CONNECT_HANDLER_CODE_DIR);
    const before = fs.statSync(a.file).mtimeMs;
    expect(staticArchive(CONNECT_HANDLER_CODE_DIR)).toBe(a);
    expect(fs.statSync(a.file).mtimeMs).toBe(before);
  });

  test('CRC-32 check value and a reproducible archive', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    const entries = [{ name: 'index.js', data: Buffer.from('exports.handler = async () => ({ allow: true });\n') }];
    expect(zip(entries).equals(zip(entries))).toBe(true);
  });

  (hasUnzip ? test : test.skip)('unzip reads every file back byte for byte, with no error', () => {
    const dir = tempDir('lz-zip-');
    const file = path.join(dir, 'a.zip');
    const entries = [
      { name: 'index.js', data: fs.readFileSync(path.join(CONNECT_HANDLER_CODE_DIR, 'index.js')) },
      { name: 'lib/util.js', data: Buffer.from('module.exports = 1;\n'.repeat(50)) },
    ];
    fs.writeFileSync(file, zip(entries));
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected');
    for (const e of entries) expect(execFileSync('unzip', ['-p', file, e.name]).equals(e.data)).toBe(true);
    expect(execFileSync('unzip', ['-p', staticArchive(CONNECT_HANDLER_CODE_DIR).file, 'index.js']).equals(entries[0].data)).toBe(true);
  });
});
