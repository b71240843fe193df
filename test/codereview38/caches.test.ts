/**
 * Code review 38 (docs/codereview38.md), speed38: the module-level memos (characters.ts fieldType by segment + field,
 * hl7v2.ts goodExtensionBases) and MSH-3/4/7/10 split once. A memo shared by every message must not carry one
 * message's answer into another: these convert messages that differ in delimiters, OBX-2, version and channel
 * options, interleaved, and compare each with the same message converted first in a fresh order.
 *
 *   npx vitest run test/codereview38/caches.test.ts
 */
import { describe, expect, it } from 'vitest';
import { fieldType } from '../../src/transform/characters.js';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

/** An ORU whose OBX-2 is `type`, written with the delimiters `d` (field, component, repetition, escape, subcomponent). */
function oru(type: 'CWE' | 'ST' | 'NM' | 'CE', d = '|^~\\&', version = '2.5.1'): string {
  const [f, c] = [d[0] as string, d[1] as string];
  const value = type === 'CWE' || type === 'CE' ? `260373001${c}Detected${c}SCT` : type === 'NM' ? '4.1' : 'see note';
  return [
    `MSH${d}${f}LIS${f}NBH${f}EHR${f}NBH${f}20340601101500+0200${f}${f}ORU${c}R01${c}ORU_R01${f}CR38-C-${type}${f}P${f}${version}`,
    `PID${f}1${f}${f}NB6903802${c}${c}${c}NBH${c}MR${f}${f}VESTRHEIM${c}ASLAUG${f}${f}19570314${f}F`,
    `OBR${f}1${f}PL3802${c}EHR${f}FL3802${c}LIS${f}2823-3${c}Potassium${c}LN${f}${f}${f}203406010930+0200`,
    `OBX${f}1${f}${type}${f}2823-3${c}Potassium${c}LN${f}${f}${value}${f}${f}${f}${f}${f}${f}F`,
  ].join('\r');
}

const resources = (msg: string, options = {}) => ((convertHl7v2(msg, options).bundle.entry as { resource: Json }[]).map((e) => e.resource));
const valueOf = (msg: string) => {
  const o = resources(msg).find((r) => r.resourceType === 'Observation') as Json;
  return Object.fromEntries(Object.entries(o).filter(([k]) => k.startsWith('value')));
};

describe('CR38 checks: the speed38 memos answer per message', () => {
  it('fieldType: OBX-5 follows each OBX-2 (not cached), other fields the same answer first and later', () => {
    const first = ['PID-5', 'PID-3', 'OBX-3', 'OBR-7', 'ZZZ-1', 'MSH-9'].map((k) => fieldType(k.slice(0, 3), Number(k.slice(4))));
    expect(['CWE', 'NM', 'ST', 'CE', 'TX'].map((t) => fieldType('OBX', 5, t))).toEqual(['CWE', 'NM', 'ST', 'CWE', 'TX']);
    expect(['PID-5', 'PID-3', 'OBX-3', 'OBR-7', 'ZZZ-1', 'MSH-9'].map((k) => fieldType(k.slice(0, 3), Number(k.slice(4))))).toEqual(first);
    expect(first.slice(0, 4)).toEqual(['XPN', 'CX', 'CWE', 'DTM']);
  });

  it('the same ORU with other delimiters (#, !, @ components), interleaved with OBX-2 CWE/ST/NM and version 2.3: the same resources', () => {
    const base = { CWE: resources(oru('CWE')), ST: resources(oru('ST')), NM: resources(oru('NM')) };
    for (const d of ['|#~\\&', '!@~\\&', '|^~\\&']) {
      for (const t of ['NM', 'CWE', 'ST'] as const) expect(resources(oru(t, d)), `${d} ${t}`).toEqual(base[t]);
    }
    // OBX-2 CE (the v2.3 name) reads as CWE; a coded value after a numeric one keeps its coding
    expect(valueOf(oru('CE', '|^~\\&', '2.3')).valueCodeableConcept).toEqual(valueOf(oru('CWE')).valueCodeableConcept);
    expect(valueOf(oru('NM'))).toHaveProperty('valueQuantity');
  });

  it('extension bases: a bad base is refused after 70 good ones (the memo cleared at 64) and after the good default', () => {
    for (let i = 0; i < 70; i++) expect(() => convertHl7v2(oru('NM'), { extensionBase: `https://ext${i}.example/fhir/` })).not.toThrow();
    expect(() => convertHl7v2(oru('NM'), { extensionBase: 'https://ext1.example/fhir' })).toThrow(/extensionBase is not an http\(s\) URL ending in \//);
    expect(() => convertHl7v2(oru('NM'), { extensionBase: 'ftp://ext1.example/fhir/' })).toThrow(/extensionBase/);
    expect(() => convertHl7v2(oru('NM'))).not.toThrow();
  });
});
