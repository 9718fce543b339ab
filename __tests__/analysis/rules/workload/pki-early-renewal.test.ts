/** LZ-PKI01: certificates renew at least 30 days early. */
import { rule } from '../../../../analysis/rules/workload/pki-early-renewal';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const SELF = 'tls_self_signed_cert';
const SIGNED = 'tls_locally_signed_cert';

describe('LZ-PKI01 early renewal', () => {
  test('30 days or more, below the validity, on a CA and a signed certificate, is compliant', () => {
    expect(
      findings(rule, resource('s', SELF, 'ca', { validity_period_hours: 87600, early_renewal_hours: 720 }), resource('s', SIGNED, 'server', { validity_period_hours: 8760, early_renewal_hours: '1440' })),
    ).toEqual([]);
  });

  test('no early renewal (the old certificates), zero, a short window, or a window as long as the validity are findings', () => {
    expect(
      findings(
        rule,
        resource('s', SIGNED, 'a', { validity_period_hours: 19800 }),
        resource('s', SIGNED, 'b', { validity_period_hours: 19800, early_renewal_hours: 0 }),
        resource('s', SIGNED, 'c', { validity_period_hours: 19800, early_renewal_hours: 168 }),
        resource('s', SELF, 'd', { validity_period_hours: 720, early_renewal_hours: 720 }),
      ),
    ).toEqual([
      { resource: `s:${SIGNED}.a`, message: 'has no early_renewal_hours, so it is re-issued only after it expired (an outage): set at least 720' },
      { resource: `s:${SIGNED}.b`, message: 'has no early_renewal_hours, so it is re-issued only after it expired (an outage): set at least 720' },
      { resource: `s:${SIGNED}.c`, message: 'early_renewal_hours 168 leaves less than 30 days to apply and hand out the new certificate' },
      { resource: `s:${SELF}.d`, message: 'early_renewal_hours 720 is not below validity_period_hours 720, so every apply re-issues it' },
    ]);
  });

  test('an unknown window or validity cannot be proved', () => {
    expect(
      findings(rule, resource('s', SIGNED, 'a', { validity_period_hours: 8760, early_renewal_hours: unknown('${var.early}') }), resource('s', SIGNED, 'b', { validity_period_hours: unknown('${var.days}'), early_renewal_hours: 720 })),
    ).toEqual([
      { resource: `s:${SIGNED}.a`, message: 'cannot prove the certificate is re-issued before it expires: ${var.early} is unknown before apply', unknown: true },
      { resource: `s:${SIGNED}.b`, message: 'cannot prove the certificate is re-issued before it expires: ${var.days} is unknown before apply', unknown: true },
    ]);
  });
});
