import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../src/errors.js';
import { convertJson, validateBundle } from '../../src/transform/index.js';
import { formatDate } from '../../src/transform/json/index.js';
import { resources } from './helpers.js';

describe('convertJson with mappings/patient-basic.json', () => {
  it('maps the original gateway shape to a valid Patient', () => {
    const r = convertJson('patient-basic', { id: 'P-1', firstName: 'Ada', lastName: 'Lovelace', gender: 'f', birthDate: '1815-12-10' });
    expect(validateBundle(r.bundle)).toEqual([]);
    const [p] = resources(r.bundle, 'Patient');
    expect(p).toMatchObject({
      identifier: [{ system: 'urn:hig:source:patient-basic', value: 'P-1' }],
      name: [{ family: 'Lovelace', given: ['Ada'], text: 'Ada Lovelace' }],
      gender: 'female',
      birthDate: '1815-12-10',
    });
    expect(r.bundle.type).toBe('transaction');
    expect(r.messageType).toBe('json:patient-basic');
  });

  it('is deterministic and upserts by identifier', () => {
    const a = convertJson('patient-basic', { id: 'P-1', firstName: 'A', lastName: 'B' });
    const b = convertJson('patient-basic', { id: 'P-1', firstName: 'C', lastName: 'D' });
    expect(resources(a.bundle, 'Patient')[0]?.id).toBe(resources(b.bundle, 'Patient')[0]?.id);
  });

  it('reports source properties the mapping does not use, by name only', () => {
    const r = convertJson('patient-basic', { id: 'P-1', firstName: 'A', lastName: 'B', ssn: '123-45-6789' });
    const text = JSON.stringify(r.report);
    expect(text).toContain('ssn');
    expect(text).not.toContain('123-45-6789');
  });

  it.each([
    ['unknown mapping', 'nope', { id: 'CANARY' }, 'MAPPING_NOT_FOUND'],
    ['path traversal', '../package', { id: 'CANARY' }, 'MAPPING_NOT_FOUND'],
    ['missing required id', 'patient-basic', { firstName: 'CANARY' }, 'MAPPING_FAILED'],
    ['not an object', 'patient-basic', 'CANARY', 'MAPPING_FAILED'],
  ])('%s → %s', (_n, id, data, code) => {
    try {
      convertJson(id, data);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PermanentError);
      expect((e as PermanentError).code).toBe(code);
      expect((e as PermanentError).message).not.toContain('CANARY');
    }
  });

  it('uses mappingsDir and rejects invalid mapping files', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hig-map-'));
    writeFileSync(path.join(dir, 'obs.json'), JSON.stringify({
      id: 'obs',
      resources: [
        { resourceType: 'Patient', key: { system: 'urn:x', source: 'pid' }, fields: [{ target: 'identifier[0].value', source: 'pid' }] },
        { resourceType: 'Observation', fields: [
          { target: 'status', value: 'final' },
          { target: 'code.text', source: 'test' },
          { target: 'subject', reference: 'Patient' },
          { target: 'valueQuantity.value', source: 'result' },
          { target: 'effectiveDateTime', source: 'when', transform: { date: 'DD.MM.YYYY' } },
        ] },
      ],
    }));
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ id: 'bad', resources: [{ resourceType: 'Patient', fields: [{ target: '!!' }] }] }));
    const r = convertJson('obs', { pid: 'X', test: 'glucose', result: 5.4, when: '31.12.2024' }, { mappingsDir: dir });
    expect(validateBundle(r.bundle)).toEqual([]);
    const [o] = resources(r.bundle, 'Observation');
    const [p] = resources(r.bundle, 'Patient');
    expect(o).toMatchObject({ status: 'final', valueQuantity: { value: 5.4 }, effectiveDateTime: '2024-12-31', subject: { reference: `urn:uuid:${p?.id}` } });
    expect(() => convertJson('bad', {}, { mappingsDir: dir })).toThrow(/MAPPING_FAILED/);
  });
});

describe('formatDate', () => {
  it.each([
    ['12/31/2024', 'MM/DD/YYYY', '2024-12-31'],
    ['1/2/2024', 'MM/DD/YYYY', '2024-01-02'],
    ['20240229', 'YYYYMMDD', '2024-02-29'],
    ['20230229', 'YYYYMMDD', undefined],
    ['2024-02-30', 'YYYY-MM-DD', undefined],
    ['2024-02-29', 'YYYY-MM-DD', '2024-02-29'],
  ])('%s as %s → %s', (v, layout, expected) => {
    expect(formatDate(v, layout)).toBe(expected);
  });
});
