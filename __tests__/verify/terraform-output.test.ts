import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatDiagnostic, parseTestSummary, parseValidateJson } from '../../verify/terraform-output';

describe('parseValidateJson', () => {
  // Real output of terraform 1.11 `validate -json` for an unknown argument and a deprecated one.
  const failing = fs.readFileSync(path.join(__dirname, 'fixtures', 'validate-error.json'), 'utf8');

  it('splits errors from warnings, with location and address', () => {
    const r = parseValidateJson(failing);
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual([
      { severity: 'error', summary: 'Extraneous JSON object property', detail: 'No argument or block type is named "bogus".', address: undefined, location: 'cdk.tf.json:3:86' },
    ]);
    expect(r.warnings).toEqual([
      { severity: 'warning', summary: 'Argument is deprecated', detail: 'vpc is deprecated. Use domain instead.', address: 'aws_eip.e', location: 'cdk.tf.json:3:36' },
    ]);
    expect(formatDiagnostic(r.warnings[0])).toBe('warning cdk.tf.json:3:36 aws_eip.e: Argument is deprecated: vpc is deprecated. Use domain instead.');
  });

  it('is valid with warnings only', () => {
    const onlyWarnings = JSON.stringify({ ...JSON.parse(failing), valid: true, error_count: 0, diagnostics: JSON.parse(failing).diagnostics.slice(1) });
    const r = parseValidateJson(onlyWarnings);
    expect(r).toMatchObject({ valid: true, errors: [] });
    expect(r.warnings).toHaveLength(1);
  });

  it('is valid with no diagnostics', () => {
    expect(parseValidateJson('{"format_version":"1.0","valid":true,"error_count":0,"warning_count":0,"diagnostics":[]}')).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('turns output that is not JSON into one error carrying the text', () => {
    const r = parseValidateJson('Error: Could not load plugin\n');
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual([{ severity: 'error', summary: 'terraform validate -json printed no JSON', detail: 'Error: Could not load plugin' }]);
  });

  it('never calls a result valid when an error diagnostic is present', () => {
    const r = parseValidateJson(JSON.stringify({ valid: true, diagnostics: [{ severity: 'error', summary: 'x' }] }));
    expect(r.valid).toBe(false);
  });
});

describe('parseTestSummary', () => {
  it('reads the closing line of terraform test', () => {
    expect(parseTestSummary('lz-verify.tftest.hcl... pass\n\nSuccess! 1 passed, 0 failed.\n')).toEqual({ passed: 1, failed: 0, skipped: 0 });
    expect(parseTestSummary('Failure! 0 passed, 1 failed, 2 skipped.\n')).toEqual({ passed: 0, failed: 1, skipped: 2 });
  });

  it('is undefined when terraform test printed no summary (e.g. it could not start)', () => {
    expect(parseTestSummary('Error: Failed to load plugin schemas')).toBeUndefined();
  });
});
