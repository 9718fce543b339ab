/**
 * Parsers for what Terraform prints: `terraform validate -json` diagnostics and the closing line
 * of `terraform test`.
 * https://developer.hashicorp.com/terraform/cli/commands/validate#json
 */

/** One diagnostic from `terraform validate -json`. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  /** Resource address, e.g. `aws_eip.nat`, when Terraform gave one. */
  readonly address?: string;
  /** `cdk.tf.json:137:9` when Terraform gave a range. */
  readonly location?: string;
}

/** Result of `terraform validate -json`. */
export interface ValidateResult {
  readonly valid: boolean;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

interface RawDiagnostic {
  severity?: string;
  summary?: string;
  detail?: string;
  address?: string;
  range?: { filename?: string; start?: { line?: number; column?: number } };
}

/** Parses `terraform validate -json` stdout; unparseable output is one error carrying the text. */
export function parseValidateJson(stdout: string): ValidateResult {
  let raw: { valid?: boolean; diagnostics?: RawDiagnostic[] };
  try {
    raw = JSON.parse(stdout);
  } catch {
    return { valid: false, errors: [{ severity: 'error', summary: 'terraform validate -json printed no JSON', detail: stdout.trim() || undefined }], warnings: [] };
  }
  const diagnostics: Diagnostic[] = (raw.diagnostics ?? []).map((d) => ({
    severity: d.severity === 'warning' ? 'warning' : 'error',
    summary: d.summary ?? '(no summary)',
    detail: d.detail || undefined,
    address: d.address || undefined,
    location: d.range?.filename ? `${d.range.filename}:${d.range.start?.line ?? 0}:${d.range.start?.column ?? 0}` : undefined,
  }));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return { valid: raw.valid === true && errors.length === 0, errors, warnings: diagnostics.filter((d) => d.severity === 'warning') };
}

/** One line for a diagnostic: `warning cdk.tf.json:12:3 aws_eip.nat: Argument is deprecated: vpc is deprecated...`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.location, d.address].filter(Boolean).join(' ');
  const detail = d.detail ? `: ${d.detail.replace(/\s+/g, ' ').trim()}` : '';
  return `${d.severity}${where ? ` ${where}` : ''}: ${d.summary}${detail}`;
}

/** Counts from `terraform test`'s closing line (`Success! 1 passed, 0 failed.`), if it printed one. */
export function parseTestSummary(stdout: string): { passed: number; failed: number; skipped: number } | undefined {
  const m = /(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\./.exec(stdout);
  return m ? { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) } : undefined;
}
