import { CliStartResult, cliStartOutcomes, CLI_TARGETS, median, renderCliStart } from '../../bench/cli-start';

const timing = (label: string, medianMs: number, exitCode: number | null = 0, targetSeconds?: number) => ({ label, medianMs, runsMs: [medianMs], exitCode, targetSeconds });

const result: CliStartResult = {
  loadAverage: 1.25,
  node: timing('node -e 0', 50),
  commands: [
    timing('lz --help', 75, 0, CLI_TARGETS.help),
    timing('lz --version', 300, 0, CLI_TARGETS.version),
    timing('lz validate', 400, 1, CLI_TARGETS.validate),
    timing('tsx cli/lz.ts --help (development, no target)', 900),
  ],
};

describe('bench/cli-start (issue 19)', () => {
  test('median of odd and even counts, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  test('the targets are those of the issue: help and version under 0.3 s, validate under 1 s', () => {
    expect(CLI_TARGETS).toEqual({ help: 0.3, version: 0.3, validate: 1 });
  });

  test('a command meets its target only under it and with exit 0; commands without a target are not judged', () => {
    expect(cliStartOutcomes(result)).toEqual([
      { target: '`lz --help` under 0.3 s', status: 'met', detail: '0.07 s (1.5x node -e 0; exit 0)' },
      // 300 ms is not under 0.3 s.
      { target: '`lz --version` under 0.3 s', status: 'missed', detail: '0.30 s (6.0x node -e 0; exit 0)' },
      // Fast but failed: a validate that exits 1 measured nothing worth a target.
      { target: '`lz validate` under 1 s', status: 'missed', detail: '0.40 s (8.0x node -e 0; exit 1)' },
    ]);
  });

  test('the RESULTS.md section: one row per command with its ratio to node -e 0', () => {
    const text = renderCliStart(result);
    expect(text).toMatch(/^\n## Command-line start-up\n/);
    expect(text).toContain('load average 1.3');
    expect(text.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| command') && !l.startsWith('| ---'))).toEqual([
      '| node -e 0 | 0.05 s | 1.0x | 50 | 0 |  |',
      '| lz --help | 0.07 s | 1.5x | 75 | 0 | < 0.3 s: **met** |',
      '| lz --version | 0.30 s | 6.0x | 300 | 0 | < 0.3 s: **missed** |',
      '| lz validate | 0.40 s | 8.0x | 400 | 1 | < 1 s: **missed** |',
      '| tsx cli/lz.ts --help (development, no target) | 0.90 s | 18.0x | 900 | 0 |  |',
    ]);
  });
});
