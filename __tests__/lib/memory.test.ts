import { betweenPhases, COLLECT_FROM_RESOURCES } from '../../lib/runtime/memory';

describe('betweenPhases (peak memory of a large analysis)', () => {
  /** Heap after dropping about 80 MB of reachable-then-garbage arrays and calling betweenPhases(resources). */
  function heapAfterGarbage(resources: number): { before: number; after: number } {
    let garbage: number[][] | undefined = Array.from({ length: 100 }, () => new Array<number>(100_000).fill(1.5));
    const before = process.memoryUsage().heapUsed;
    expect(garbage.length).toBe(100);
    garbage = undefined;
    betweenPhases(resources);
    return { before, after: process.memoryUsage().heapUsed };
  }

  test('at scale it runs a full collection: the dropped arrays are gone', () => {
    const { before, after } = heapAfterGarbage(COLLECT_FROM_RESOURCES);
    expect(before - after).toBeGreaterThan(50e6);
  });

  test('below the threshold it does nothing (a small landing zone pays no collection)', () => {
    const { before, after } = heapAfterGarbage(COLLECT_FROM_RESOURCES - 1);
    expect(before - after).toBeLessThan(50e6);
  });
});
