/**
 * A zip of a directory shipped with the code (the Client VPN connect handler), built once per process
 * (content-addressed under the OS temp directory) and reused by every stack that needs it.
 *
 * Why not `TerraformAsset` with `AssetType.ARCHIVE`: cdktf zips such an asset by spawning a `node`
 * process per stack (cdktf/lib/private/fs.js `archiveSync` runs itself as a CLI, because its zip library
 * is asynchronous). At 1,000 spokes that is one process per Client VPN spoke (a quarter of the
 * benchmark's spokes): about 0.15 s of CPU and 0.2 s or more of wall time each, outside the synth's
 * own CPU figure. Here the zip is written once, synchronously (zlib deflate, the plain zip format with
 * fixed timestamps, so the archive is also byte-for-byte reproducible), and each stack copies it as a
 * `FILE` asset named `archive.zip` under the same content hash cdktf would have used: the synthesized
 * JSON (`filename`, `source_code_hash`) is unchanged.
 * Zip format: https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT (sections 4.3.7, 4.3.12, 4.3.16).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';

/** The file name cdktf gives an archive asset: keeping it keeps the asset path (and the JSON) unchanged. */
export const ARCHIVE_FILE_NAME = 'archive.zip';

/** A built archive: where it is and the content hash of its source directory. */
export interface StaticArchive {
  /** Absolute path of the zip (named {@link ARCHIVE_FILE_NAME}). */
  readonly file: string;
  /** What cdktf's `hashPath` gives the source directory: MD5 of the file contents in directory order, upper-case hex. */
  readonly hash: string;
}

const built = new Map<string, StaticArchive>();

/** The zip of `dir`, built on first use in this process (again if its file disappeared). */
export function staticArchive(dir: string): StaticArchive {
  const done = built.get(dir);
  if (done && fs.existsSync(done.file)) return done;
  const files = listFiles(dir);
  const hash = sourceHash(dir);
  // Content-addressed and reproducible, so processes share it: written to a temporary name, then renamed
  // into place (atomic on one file system), so a concurrent synth never reads half a file.
  const target = path.join(os.tmpdir(), `lz-archive-${hash}`);
  fs.mkdirSync(target, { recursive: true });
  const file = path.join(target, ARCHIVE_FILE_NAME);
  const bytes = zip(files.map((f) => ({ name: f, data: fs.readFileSync(path.join(dir, f)) })));
  if (!fs.existsSync(file) || !fs.readFileSync(file).equals(bytes)) {
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, bytes);
    fs.renameSync(partial, file);
  }
  const archive = { file, hash };
  built.set(dir, archive);
  return archive;
}

/** cdktf's asset hash of a directory (cdktf/lib/private/fs.js `hashPath`): MD5 over file contents, in `readdirSync` order, recursively. */
export function sourceHash(dir: string): string {
  const md5 = createHash('md5');
  const visit = (p: string): void => {
    const stat = fs.statSync(p);
    if (stat.isFile()) md5.update(fs.readFileSync(p));
    else if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.resolve(p, name));
  };
  visit(dir);
  return md5.digest('hex').slice(0, 32).toUpperCase();
}

/** Files under `dir` as posix paths relative to it, sorted. */
function listFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(dir, path.posix.join(prefix, e.name)) : e.isFile() ? [path.posix.join(prefix, e.name)] : []))
    .sort();
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (IEEE), as zip requires. */
export function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** MS-DOS date of 1980-01-01 (the zip epoch) and time 00:00: fixed, so the archive is reproducible. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

/** A zip archive of `entries`, each deflated, regular files with mode 0644. */
export function zip(entries: readonly { readonly name: string; readonly data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const compressed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header signature
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // flags: UTF-8 names
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    locals.push(local, nameBytes, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory header signature
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: UNIX, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    // extra length, comment length, disk number, internal attributes: 0
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: regular file, rw-r--r--
    central.writeUInt32LE(offset, 42); // offset of the local header
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory signature
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
