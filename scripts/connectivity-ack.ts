/**
 * `npx tsx scripts/connectivity-ack.ts [--file connectivity-ack.yaml] [--pull-request <n>]`: the
 * workflows' early check of the acknowledgement file (plan/acknowledgement.ts), before anything is
 * planned, so a file that names nothing or cannot be parsed fails the run even when no stack changes.
 * Exit 0: no file, or a valid one (it says whether it counts for this pull request); 1: an invalid file.
 */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { AcknowledgementError, acknowledgedAddresses, ACK_FILE, readAcknowledgement } from '../plan/acknowledgement';
import { ignoredAcknowledgement } from '../plan/describe';

/** What the check prints, and its exit code. */
export interface AckCheck {
  readonly exitCode: number;
  readonly lines: readonly string[];
}

/** Checks `file` (absent is fine) and says what it acknowledges for `pullRequest`. */
export function checkAcknowledgementFile(file: string = ACK_FILE, pullRequest?: number): AckCheck {
  if (!existsSync(file)) return { exitCode: 0, lines: [`no ${file}: no connectivity-impacting change is acknowledged by file`] };
  try {
    const ack = readAcknowledgement(file);
    const ignored = ignoredAcknowledgement({ acknowledgement: ack, pullRequest });
    if (ignored) return { exitCode: 0, lines: [ignored] };
    const all = acknowledgedAddresses(ack);
    const stacks = Object.keys(ack.stacks);
    return {
      exitCode: 0,
      lines: [
        `${file}: pull request #${ack.pullRequest} acknowledges ${all.length} address${all.length === 1 ? '' : 'es'} in ${stacks.length} stack${stacks.length === 1 ? '' : 's'} (${ack.reason}):`,
        ...all.map((a) => `  ${a.stack}: ${a.address}`),
      ],
    };
  } catch (e) {
    if (!(e instanceof AcknowledgementError)) throw e;
    return { exitCode: 1, lines: [`error: ${e.message}`] };
  }
}

/** The command line; returns the exit code. */
export function main(argv: readonly string[]): number {
  const o = new Command('connectivity-ack')
    .description('check the connectivity acknowledgement file')
    .option('--file <file>', 'acknowledgement file', ACK_FILE)
    .option('--pull-request <number>', 'the pull request being checked (0: the commit came from none): a file for another one acknowledges nothing')
    .parse(argv, { from: 'user' })
    .opts<{ file: string; pullRequest?: string }>();
  const pullRequest = o.pullRequest === undefined ? undefined : Number(o.pullRequest);
  if (pullRequest !== undefined && !(Number.isInteger(pullRequest) && pullRequest >= 0)) {
    console.error(`error: --pull-request ${JSON.stringify(o.pullRequest)} is not a pull-request number`);
    return 2;
  }
  const r = checkAcknowledgementFile(o.file, pullRequest);
  (r.exitCode === 0 ? console.log : console.error)(r.lines.join('\n'));
  return r.exitCode;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
