/** Readable one-line renderings of paths and verdicts, for intent evidence and the CLI. */
import type { Hop, ReachResult } from './types';

/** `subnet shop-prod/web-1 (172.16.32.4) → rt shop-prod-app-a 0.0.0.0/0→tgw → tgw-rt prod 0.0.0.0/0→attachment shop-egress → …` */
export function formatPath(hops: readonly Hop[]): string {
  return hops.map((h) => h.text).join(' → ');
}

/** The verdict in one line: the path and its reply, or where and why it stopped. */
export function describeResult(result: ReachResult): string {
  switch (result.status) {
    case 'reachable':
      return `reachable: ${formatPath(result.path)}; reply: ${formatPath(result.returnPath)}`;
    case 'blocked': {
      const where = result.blockedBy.direction === 'return' ? `reply blocked (request: ${formatPath(result.path)}; reply: ${formatPath(result.returnPath)})` : `blocked: ${formatPath(result.path)}`;
      return `${where} ✗ ${result.blockedBy.reason}`;
    }
    case 'unknown':
      return `unknown: ${formatPath([...result.path, ...result.returnPath])} ? ${result.unresolved.reason}`;
  }
}
