import { describe, expect, it } from 'vitest';
import { healthOf, type Counts } from '../../src/queue/status.js';

const counts = (c: Partial<Counts>): Counts => ({ active: 0, waiting: 0, completed: 0, failed: 0, delayed: 0, ...c });

// Issue 18 item 2: delayed and parked jobs count in health; DESIGN.md's busy/warning thresholds.
describe('healthOf', () => {
  it.each([
    ['nothing to do', counts({}), undefined, 'healthy'],
    ['21 active', counts({ active: 21 }), undefined, 'busy'],
    ['20 active', counts({ active: 20 }), undefined, 'healthy'],
    ['failures above 10 % of completed', counts({ completed: 9, failed: 1 }), undefined, 'warning'],
    ['failures at 10 % of completed', counts({ completed: 10, failed: 1 }), undefined, 'healthy'],
    ['a job waiting out its retry', counts({ completed: 100, delayed: 1 }), undefined, 'warning'],
    ['a circuit open, jobs parked', counts({ delayed: 3 }), { fhir: { state: 'open' } }, 'down'],
    ['a circuit half-open', counts({}), { fhir: { state: 'half-open' } }, 'down'],
    ['circuits closed', counts({ completed: 5 }), { fhir: { state: 'closed' } }, 'healthy'],
  ] as const)('%s → %s', (_what, c, circuits, expected) => {
    expect(healthOf(c, circuits as Parameters<typeof healthOf>[1])).toBe(expected);
  });
});
