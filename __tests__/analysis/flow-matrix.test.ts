/** The flow matrix (analysis/flows/matrix.ts): the intents' own queries and expectations, recorded while they are evaluated. */
import { evaluateFlowMatrix, flowState } from '../../analysis/flows/matrix';
import { graphFromJson } from '../../analysis/graph/load';
import { evaluateIntents } from '../../analysis/intents';
import { buildNetwork } from '../../analysis/network/build';
import { noteExpectation, noteQuery, observeReach, type ReachObserver } from '../../analysis/reach/observe';
import type { ReachResult } from '../../analysis/reach/types';
import { readStacks, synthDefault } from '../helpers/analysis';
import { defaultLandingZone } from '../helpers/landing-zone';

const lz = defaultLandingZone();
const model = () => buildNetwork(graphFromJson(readStacks(synthDefault())), { onPremises: lz.onPremises.cidrs });

describe('evaluateFlowMatrix', () => {
  test('gives the verdicts of evaluateIntents, and every flow the intents probed with the checks they made', () => {
    const m = model();
    const matrix = evaluateFlowMatrix(m, lz);
    expect(matrix.intents.map((i) => `${i.id} ${i.subject} ${i.status}`)).toEqual(evaluateIntents(m, lz).map((i) => `${i.id} ${i.subject} ${i.status}`));
    expect(matrix.flows.length).toBeGreaterThan(300);
    // Each flow once, ordered by key, and each one checked by some intent.
    expect(new Set(matrix.flows.map((f) => f.key)).size).toBe(matrix.flows.length);
    expect(matrix.flows.map((f) => f.key)).toEqual([...matrix.flows.map((f) => f.key)].sort());
    expect(matrix.flows.filter((f) => f.checks.length === 0)).toEqual([]);
    const https = matrix.flows.find((f) => f.from === 'internet 198.51.100.10' && f.to === 'alb alb_load-balancer (public-1)' && f.port === 443)!;
    expect(https).toMatchObject({ protocol: 'tcp', state: 'allowed', checks: [{ intent: 'I1', expected: 'reachable', verdict: 'holds' }] });
    const isolated = matrix.flows.find((f) => f.from === 'shop-prod/web-1 (any security group)' && f.to === 'shop-dev/app-1 (any security group)' && f.port === 443)!;
    expect(isolated).toMatchObject({ state: 'denied', checks: [{ intent: 'I3', expected: 'blocked', verdict: 'holds' }] });
    expect(isolated.query).toMatchObject({ from: { kind: 'subnet', securityGroups: 'any' }, protocol: 'tcp', port: 443 });
  });

  test('flowState: delivered there and back, delivered one way (reply dropped or unknown), stopped, unknown', () => {
    const stop = (direction: 'forward' | 'return') => ({ component: 'x', kind: 'route' as const, reason: 'r', direction });
    const base = { path: [], returnPath: [] };
    expect(flowState({ ...base, status: 'reachable', reachable: true })).toBe('allowed');
    expect(flowState({ ...base, status: 'blocked', reachable: false, blockedBy: stop('forward') })).toBe('denied');
    expect(flowState({ ...base, status: 'blocked', reachable: false, blockedBy: stop('return') })).toBe('one-way');
    expect(flowState({ ...base, status: 'unknown', reachable: false, unresolved: stop('forward') })).toBe('unknown');
    expect(flowState({ ...base, status: 'unknown', reachable: false, unresolved: stop('return') })).toBe('one-way');
  });
});

describe('observeReach', () => {
  test('reports to the innermost observer while it runs, to nobody outside', () => {
    const seen: string[] = [];
    const observer = (name: string): ReachObserver => ({ query: () => seen.push(`${name} query`), expectation: () => seen.push(`${name} expectation`) });
    const result = { status: 'reachable', reachable: true, path: [], returnPath: [] } as ReachResult;
    const ask = () => {
      noteQuery({ kind: 'internet' }, { kind: 'on-premises', address: '10.0.0.1' }, 'tcp', 443, result);
      noteExpectation(result, 'reachable', 'holds');
    };
    ask();
    observeReach(observer('outer'), () => {
      ask();
      observeReach(observer('inner'), ask);
      ask();
    });
    ask();
    expect(seen).toEqual(['outer query', 'outer expectation', 'inner query', 'inner expectation', 'outer query', 'outer expectation']);
  });
});
