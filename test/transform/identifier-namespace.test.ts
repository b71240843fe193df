/**
 * [hig identity rule; code review 32 CR32-2, code review 33 CR33-2] transform/identifier-namespace.ts: an
 * identifier's namespace is its system, else its assigning authority (CX.4, assigner.display), else none; the type
 * (CX.5) of a system-less identifier tells two of one authority apart only when both send one. Expected values
 * written from the rule, by hand.
 */
import { describe, expect, it } from 'vitest';
import { holdsIdentifier, identifierNamespace, sameIdentifier, sameNamespace } from '../../src/transform/identifier-namespace.js';

const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const cx = (value: string, authority?: string, type?: string) => ({
  ...(type === undefined ? {} : { type: { coding: [{ system: V2_0203, code: type }] } }),
  value,
  ...(authority === undefined ? {} : { assigner: { display: authority } }),
});
const mr = (value: string, authority?: string) => cx(value, authority, 'MR');

describe('identifierNamespace', () => {
  it('a system is the namespace, whatever the assigner', () => {
    expect(identifierNamespace({ system: 'http://hl7.org/fhir/sid/us-ssn', value: '900113333', assigner: { display: 'SSA' } })).toBe('http://hl7.org/fhir/sid/us-ssn');
  });
  it('no system: the authority (the type is compared apart)', () => {
    expect(identifierNamespace(mr('R5550001', 'QVSTATEREG'))).toBe('assigner:QVSTATEREG');
    expect(identifierNamespace(cx('R5550001', 'QVSTATEREG'))).toBe('assigner:QVSTATEREG');
  });
  it('neither system nor authority: none', () => {
    expect(identifierNamespace(mr('777'))).toBeUndefined();
    expect(identifierNamespace('777')).toBeUndefined();
  });
});

describe('sameIdentifier / sameNamespace', () => {
  it('one number of two authorities is two identifiers; of one authority, one', () => {
    expect(sameIdentifier(mr('1234567', 'QVMC'), mr('1234567', 'QVSTATEREG'))).toBe(false);
    expect(sameIdentifier(mr('1234567', 'QVMC'), mr('1234567', 'QVMC'))).toBe(true);
  });
  it('CR33-2: CX.5 on one side only: the same identifier, one namespace', () => {
    expect(sameIdentifier(mr('QV9990001', 'QVMC'), cx('QV9990001', 'QVMC'))).toBe(true);
    expect(sameNamespace(mr('QV9990001', 'QVMC'), cx('QV8880002', 'QVMC'))).toBe(true);
    expect(holdsIdentifier([cx('QV9990001', 'QVMC')], mr('QV9990001', 'QVMC'))).toBe(true);
  });
  it('CX.5 on both sides and different (MR, AN): two namespaces of one authority', () => {
    expect(sameIdentifier(mr('4455', 'QVMC'), cx('4455', 'QVMC', 'AN'))).toBe(false);
    expect(sameNamespace(mr('4455', 'QVMC'), cx('9911', 'QVMC', 'AN'))).toBe(false);
  });
  it('a system decides alone: the type is not compared', () => {
    const ssn = (type?: string) => ({ system: 'http://hl7.org/fhir/sid/us-ssn', value: '900113333', ...(type === undefined ? {} : { type: { coding: [{ code: type }] } }) });
    expect(sameIdentifier(ssn('SS'), ssn('SB'))).toBe(true);
  });
  it('no namespace: no namespace in common; the same value is the same number sent twice', () => {
    expect(sameNamespace(mr('777'), mr('888'))).toBe(false);
    expect(sameIdentifier(mr('777'), cx('777'))).toBe(true);
  });
});
