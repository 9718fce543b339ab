import { closingLine, countLine, outcomeLines, skippedBanner } from '../../verify/report';
import { StackOutcome } from '../../verify/terraform';

const ok = (label: string): StackOutcome => ({ label, status: 'ok', validated: true, warnings: [], passed: 1, seconds: 9.14 });

describe('report', () => {
  it('prints the closing line in the agreed format', () => {
    expect(closingLine(['shop-hub', 'shop-log-archive', 'a', 'b'].map(ok))).toBe('terraform: 4 stacks validated, 4 mock-applied, 0 skipped');
  });

  it('counts skipped stacks and failures; a failed mock apply still counts as validated', () => {
    const outcomes: StackOutcome[] = [
      ok('hub'),
      { label: 'pki', status: 'skipped', reason: 'needs the tls provider, which has no offline mirror', validated: false, warnings: [], passed: 0, seconds: 0 },
      { label: 'spoke', status: 'failed', reason: 'mock apply failed', validated: true, warnings: [], passed: 0, seconds: 1 },
      { label: 'bad', status: 'failed', reason: 'validate: 1 error(s)', validated: false, warnings: [], passed: 0, seconds: 1 },
    ];
    expect(closingLine(outcomes)).toBe('terraform: 2 stacks validated, 1 mock-applied, 1 skipped, 2 failed');
    expect(countLine(outcomes)).toBe('verify: 1 passed, 2 failed, 1 skipped');
  });

  it('prints one line per stack, warnings indented under it', () => {
    const o: StackOutcome = { ...ok('shop-hub'), warnings: [{ severity: 'warning', summary: 'Argument is deprecated', address: 'aws_eip.e' }] };
    expect(outcomeLines(o, 10)).toEqual(['ok    shop-hub    validate 1 warning, mock apply 1 passed  (9.1 s)', '      warning aws_eip.e: Argument is deprecated']);
  });

  it('makes the skip banner impossible to miss', () => {
    const banner = skippedBanner(['terraform is not on PATH'], ['install it']);
    expect(banner).toContain('!!!! TERRAFORM VERIFICATION SKIPPED');
    expect(banner).toContain('!!!! missing: terraform is not on PATH');
  });
});
