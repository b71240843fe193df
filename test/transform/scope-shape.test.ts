/**
 * The scope every mapper reads has one object shape for the whole message (segments/scope.ts rootScope):
 * every key present from the start, in one order, in the root and in each child scope, and a mapper's
 * write (scope.patient = …) adds none. A shape per group made the scope's reads megamorphic
 * (docs/benchmarks.md, 2026-12-07 evening).
 */
import { describe, expect, it } from 'vitest';
import type { GroupFrame, GroupTree } from '../../src/transform/groups.js';
import type { EventMeaning } from '../../src/transform/events.js';
import { childScope, rootScope } from '../../src/transform/segments/scope.js';

// the shape is what is tested: the frames and tree are stand-ins, never read here
const root = {} as GroupFrame;
const inner = {} as GroupFrame;
const scope = rootScope({ results: true, event: 'R01', meaning: {} as EventMeaning, group: root, tree: {} as GroupTree, header: undefined });

// every key of Scope (segments/scope.ts), written out by hand
const KEYS = ['results', 'event', 'meaning', 'group', 'tree', 'header', 'patient', 'motherIdentifiers', 'account', 'encounter', 'serviceRequest', 'report', 'specimen', 'medicationRequest', 'medicationFrom', 'appointment', 'document', 'procedure', 'problem', 'noteTarget', 'effective', 'effectiveFrom', 'issued', 'reported'];

describe('scope shape', () => {
  it('the root scope has every key of Scope, unset ones undefined', () => {
    expect(Object.keys(scope)).toEqual(KEYS);
    expect(scope.patient).toBeUndefined();
    expect(scope.event).toBe('R01');
  });

  it('a child scope has the same keys in the same order, its own group and no note target', () => {
    scope.patient = { resourceType: 'Patient', id: 'p' };
    scope.noteTarget = { resourceType: 'Patient', id: 'p' };
    const child = childScope(scope, inner);
    expect(Object.keys(child)).toEqual(KEYS);
    expect(child.group).toBe(inner);
    expect(child.noteTarget).toBeUndefined();
    expect(child.patient).toEqual({ resourceType: 'Patient', id: 'p' });
    expect(Object.keys(scope)).toEqual(KEYS);
  });
});
