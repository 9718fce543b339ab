/**
 * `lz ipam allocate`: records an IPAM allocation for every spoke that takes its VPC range from a pool
 * and has none yet, in `<config>.allocations.yaml` beside the config. Recorded allocations never move;
 * the config with the new allocations must pass every rule before anything is written. This is the one
 * command besides `lz synth` that records allocations: validate and check only preview them (docs/ipam.md).
 */
import { ConfigError, formatIssue, formatPath } from '../config/issues';
import { renderAllocations } from '../config/ipam-allocation';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../config/load';
import { consoleIo, type Io } from './io';
import { jsonText } from './json';
import { writeFileAtomic } from './report';

/** Allocates the missing IPAM ranges and writes the allocation file; exit 0 written or nothing to do, 1 invalid config. */
export function ipamAllocateCommand(file: string | undefined, options: { json?: boolean }, io: Io = consoleIo): number {
  let loaded;
  try {
    loaded = loadConfig(file ?? DEFAULT_CONFIG_PATH, { allocate: true });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    if (options.json) io.out(jsonText({ valid: false, issues: e.issues.map((i) => ({ ...i, path: formatPath(i.path) })) }));
    else io.err(e.message);
    return 1;
  }
  const { file: allocationFile, all, added } = loaded.ipamAllocations;
  if (added.length > 0) writeFileAtomic(allocationFile, renderAllocations(all));
  if (options.json) {
    io.out(jsonText({ file: allocationFile, added, allocations: all }));
    return 0;
  }
  for (const w of loaded.warnings) io.err(formatIssue(w));
  if (added.length === 0) io.out(`${allocationFile}: every IPAM spoke already has its allocation (${all.length} recorded)`);
  else {
    io.out(`${allocationFile}: recorded ${added.length} new allocation${added.length === 1 ? '' : 's'} (commit the file):`);
    for (const a of added) io.out(`  ${a.spoke}  ${a.pool}  ${a.cidr}`);
  }
  return 0;
}
