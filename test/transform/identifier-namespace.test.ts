/**
 * [hig identity rule; code review 32 CR32-2] transform/identifier-namespace.ts: an identifier's namespace is its
 * system, else its assigning authority (CX.4, assigner.display) with its type (CX.5), else none. Expected values
 * written from the rule, by hand.
 */
import { describe, expect, it } from 'vitest';
import { identifierNamespace, identifierText } from '../../src/transform/identifier-namespace.js';

const mr = (value: string, authority?: string) => ({
  type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] },
  value,
  ...(authority === undefined ? {} : { assigner: { display: authority } }),
});

describe('identifierNamespace', () => {
  it('a system is the namespace, whatever the assigner', () => {
    expect(identifierNamespace({ system: 'http://hl7.org/fhir/sid/us-ssn', value: '900113333', assigner: { display: 'SSA' } })).toBe('http://hl7.org/fhir/sid/us-ssn');
  });
  it('no system: the authority and the type', () => {
    expect(identifierNamespace(mr('R5550001', 'QVSTATEREG'))).toBe('assigner:QVSTATEREG/MR');
  });
  it('neither system nor authority: none', () => {
    expect(identifierNamespace(mr('777'))).toBeUndefined();
    expect(identifierNamespace('777')).toBeUndefined();
  });
  it('one number of two authorities is two identifiers; of one authority, one', () => {
    expect(identifierText(mr('1234567', 'QVMC'))).not.toBe(identifierText(mr('1234567', 'QVSTATEREG')));
    expect(identifierText(mr('1234567', 'QVMC'))).toBe(identifierText(mr('1234567', 'QVMC')));
  });
});
