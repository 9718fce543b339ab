/** The rule engine contains a rule's failure and lists rules that had nothing of their types to check. */
import { graphFromJson } from '../../../analysis/graph/load';
import { RULES } from '../../../analysis/rules';
import { RULE_FAILED_RULE, runRules } from '../../../analysis/rules/engine';
import type { Rule } from '../../../analysis/rules/types';
import { analyze } from '../../../analysis/run';
import { renderCheck } from '../../../analysis/table';
import { parseAnalysisSummary, renderFindings } from '../../../report/findings';
import { buildNetwork } from '../../../analysis/network/build';
import { readStacks, synthDefault } from '../../helpers/analysis';
import { defaultLandingZone } from '../../helpers/landing-zone';
import { finding } from '../../../analysis/rules/helpers/findings';
import { graph, resource } from '../../helpers/rule-fixtures';

const NOW = new Date('2026-01-01T00:00:00Z');

const base = { why: 'why it matters', level: 'error', suppressible: true, mappings: {} } as const;
const throwing: Rule = { ...base, id: 'LZ-TEST01', title: 'a rule that crashes', appliesTo: ['aws_vpc'], check: () => { throw new TypeError("Cannot read properties of undefined (reading 'cidr_block')"); } };
const everyVpc: Rule = { ...base, id: 'LZ-TEST02', title: 'flags every VPC', appliesTo: ['aws_vpc'], check: (g) => g.byType('aws_vpc').map((v) => finding(v, 'a VPC')) };
const onBuckets: Rule = { ...base, id: 'LZ-TEST03', title: 'judges buckets', appliesTo: ['aws_s3_bucket'], check: () => [] };
const wholeGraph: Rule = { ...base, id: 'LZ-TEST04', title: 'judges the whole graph', appliesTo: [], check: () => [] };

describe('runRules', () => {
  const g = graph(resource('hub', 'aws_vpc', 'a'));
  const network = buildNetwork(g, { onPremises: [] });

  test('a rule that throws becomes one error finding naming the rule and the exception; the rules after it still run', () => {
    const result = runRules([throwing, everyVpc], g, { network });
    expect(result.findings).toEqual([
      {
        rule: RULE_FAILED_RULE,
        title: 'Every rule of the pack runs to completion',
        level: 'error',
        resource: 'rule:LZ-TEST01',
        path: 'rule:LZ-TEST01',
        message: "rule LZ-TEST01 (a rule that crashes) failed and checked nothing: TypeError: Cannot read properties of undefined (reading 'cidr_block')",
        unknown: false,
      },
      { rule: 'LZ-TEST02', title: 'flags every VPC', level: 'error', resource: 'hub:aws_vpc.a', path: 'aws_vpc.a', message: 'a VPC', unknown: false },
    ]);
  });

  test('a thrown non-Error value is named too', () => {
    const odd: Rule = { ...throwing, check: () => { throw 'boom'; } };
    expect(runRules([odd], g, { network }).findings.map((f) => f.message)).toEqual(['rule LZ-TEST01 (a rule that crashes) failed and checked nothing: boom']);
  });

  test('lists rules none of whose types is in the graph, and never a rule over the whole graph', () => {
    expect(runRules([everyVpc, onBuckets, wholeGraph], g, { network }).rulesWithoutSubjects).toEqual(['LZ-TEST03']);
    expect(runRules([onBuckets], graph(resource('hub', 'aws_s3_bucket', 'b')), { network }).rulesWithoutSubjects).toEqual([]);
  });

  test('hands every rule the network model it was given', () => {
    let seen: unknown;
    const spy: Rule = { ...wholeGraph, check: (_g, context) => ((seen = context?.network), []) };
    runRules([spy], g, { network });
    expect(seen).toBe(network);
  });
});

describe('analyze contains a crashing rule', () => {
  const lz = defaultLandingZone();
  const stacks = readStacks(synthDefault());
  const run = (rules: readonly Rule[], suppressions = lz.suppressions) => analyze(graphFromJson(stacks), { ...lz, suppressions }, { now: NOW, rules });

  test('the default output passes with the pack alone, and fails (exit 1) with a crashing rule added, the pack still reporting', () => {
    expect(run(RULES).exitCode).toBe(0);
    const result = run([...RULES, throwing, everyVpc]);
    expect(result.exitCode).toBe(1);
    expect(result.findings.filter((f) => f.rule === RULE_FAILED_RULE).map((f) => f.message)).toEqual([expect.stringMatching(/^rule LZ-TEST01 \(a rule that crashes\) failed and checked nothing: TypeError/)]);
    expect(result.findings.filter((f) => f.rule === 'LZ-TEST02').length).toBeGreaterThan(0);
    expect(result.summary.findings.errors).toBe(result.findings.filter((f) => f.level === 'error').length);
  });

  test('no suppression can silence the engine finding', () => {
    const result = run([...RULES, throwing], [{ rule: RULE_FAILED_RULE, resource: '*', reason: 'hide it' }]);
    expect(result.exitCode).toBe(1);
    expect(result.findings.find((f) => f.rule === RULE_FAILED_RULE)?.suppressed).toBeUndefined();
    expect(result.findings.map((f) => f.message)).toContain(`suppresses ${RULE_FAILED_RULE} (Every rule of the pack runs to completion), which cannot be suppressed — fix the resource instead`);
  });

  test('rules without subjects are reported in the summary, the terminal output and the report, as information', () => {
    const result = run([...RULES, onBuckets, everyVpc]);
    // The default config deploys no network ACL (subnets keep the default one), so LZ-NACL01 has nothing to judge,
    // nor DNS Firewall associations (LZ-DNSFW02), Block Public Access exclusions (LZ-BPA02) or a
    // Network Firewall (LZ-NFW01, LZ-NFW02); it has VPCs (LZ-TEST02) and buckets (LZ-TEST03).
    expect(result.summary.rulesWithoutSubjects).toEqual(['LZ-BPA02', 'LZ-DNSFW02', 'LZ-NACL01', 'LZ-NFW01', 'LZ-NFW02']);
    const none: Rule = { ...onBuckets, id: 'LZ-TEST05', appliesTo: ['aws_vpc_ipam'] };
    const withNone = run([...RULES, none]);
    expect(withNone.exitCode).toBe(0);
    expect(withNone.summary.rulesWithoutSubjects).toContain('LZ-TEST05');
    expect(renderCheck(withNone)).toContain('  6 rules had no resource of their types to check: LZ-BPA02, LZ-DNSFW02, LZ-NACL01, LZ-NFW01, LZ-NFW02, LZ-TEST05');
    expect(renderFindings(parseAnalysisSummary(JSON.parse(JSON.stringify(withNone)), 'analysis.json'))).toContain('6 rules had no resource of their types to check: `LZ-BPA02`, `LZ-DNSFW02`, `LZ-NACL01`, `LZ-NFW01`, `LZ-NFW02`, `LZ-TEST05`.');
  });
});
