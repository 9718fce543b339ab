/** LZ-KMS02: key policies grant nothing to "*" without an organization/account condition, and kms:* only to the account root. */
import { isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { allowsAnyPrincipal, statementName, type PolicyStatement } from '../helpers/policy';
import type { Rule, Violation } from '../types';
import { accountRootOf, accountsOf, policyStatements, resourcesOf, scopedToOrgOrAccount } from './util';

const CLAIM = 'the key policy keeps the key to this account and organization';

export const rule: Rule = {
  id: 'LZ-KMS02',
  title: 'Key policies allow "*" principals only with an organization or account condition, and grant kms:* only to the key account\'s root',
  why: 'A key policy is the only policy that governs a KMS key: an unconditioned "*" lets any AWS account use the key, and kms:* outside the account root hands someone the power to change the policy or schedule the key for deletion, bypassing IAM.',
  level: 'error',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_33'] },
  appliesTo: ['aws_kms_key'],
  check(graph) {
    const out: Violation[] = [];
    for (const holder of resourcesOf(graph, 'aws_kms_key', 'aws_kms_key_policy')) {
      // No policy on the key means the default key policy: the account root only.
      const statements = policyStatements(graph, holder.attrs.policy);
      if (statements === undefined) continue;
      if (isUnknown(statements)) {
        out.push(unknownFinding(holder, CLAIM, statements));
        continue;
      }
      const accounts = accountsOf(graph, holder);
      for (const [i, s] of statements.entries()) {
        if (s.effect !== 'Allow') continue;
        const name = statementName(s, i);
        const any = allowsAnyPrincipal(s);
        if (!grantsEverything(s)) {
          if (any && !scopedToOrgOrAccount(s)) {
            const who = s.notPrincipal ? 'every principal but its NotPrincipal' : 'any principal ("*")';
            out.push(finding(holder, `${name} allows ${actionsText(s)} to ${who} without an organization or account condition`));
          }
          continue;
        }
        // Every KMS action, conditions or not, belongs to the account root alone.
        if (any) {
          out.push(finding(holder, `${name} grants ${actionsText(s)} to any principal; only the account root may hold kms:*`));
          continue;
        }
        for (const [type, ids] of Object.entries(s.principal === '*' || s.principal === undefined ? {} : s.principal)) {
          for (const id of ids) {
            const root = type === 'AWS' ? accountRootOf(id) : undefined;
            // An account taken from a ${...} reference (the caller's own) cannot be checked further.
            if (root === 'opaque' || (root !== undefined && (accounts === undefined || accounts.includes(root)))) continue;
            const whose = root === undefined ? id : `${id}, the root of another account`;
            out.push(finding(holder, `${name} grants ${actionsText(s)} to ${whose}; only the account root may hold kms:*`));
          }
        }
      }
    }
    return out;
  },
};

/** True for a statement that grants every KMS action: `kms:*`, `*`, or a NotAction. */
function grantsEverything(s: PolicyStatement): boolean {
  return s.notActions.length > 0 || s.actions.some((a) => a === '*' || a.toLowerCase() === 'kms:*');
}

function actionsText(s: PolicyStatement): string {
  return s.actions.length ? s.actions.join(', ') : `every action but ${s.notActions.join(', ')}`;
}
