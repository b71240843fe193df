/** Search criteria from strings (HTTP query, CLI flags): a malformed one is refused naming the parameter, never echoing its value. */
import { describe, expect, it } from 'vitest';
import { parseSearchParams, StoreQueryError } from '../../src/store/search.js';

describe('parseSearchParams', () => {
  it.each([
    [{ mrn: 'A^B^C' }, 'mrn'],
    [{ mrn: '^HOSP' }, 'mrn'],
    [{ mrn: '  ' }, 'mrn'],
    [{ name: 'Doe^John^X' }, 'name'],
    [{ since: '2026-13-45' }, 'since'],
    [{ since: '01/02/2026' }, 'since'],
    [{ until: '2026-01-01T08:00' }, 'until'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '501' }, 'limit'],
    [{ limit: '5x' }, 'limit'],
    [{ status: 'done' }, 'status'],
    [{ source: 'smtp' }, 'source'],
    [{ type: 'ADT^A01^ADT_A01' }, 'type'],
    [{ controlId: 'a\u0000b' }, 'controlId'],
    [{ cursor: 'bm90LWEtY3Vyc29y' }, 'cursor'],
  ])('%j → INVALID_QUERY naming %s', (input, parameter) => {
    let caught: unknown;
    try {
      parseSearchParams(input);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StoreQueryError);
    expect(caught).toMatchObject({ code: 'INVALID_QUERY', parameter });
    for (const v of Object.values(input)) if (v.trim().length > 2) expect((caught as Error).message).not.toContain(v);
  });

  it('reads every criterion', () => {
    expect(
      parseSearchParams({ mrn: 'MRN1^HOSP', name: 'Doe', controlId: 'C1', type: 'ADT^A01', status: 'dead_lettered', source: 'file', since: '2026-01-01', until: '2026-01-02T00:00:00Z', limit: '20', channel: 'adt', errorCode: 'DESTINATION_REJECTED' }),
    ).toEqual({ mrn: 'MRN1^HOSP', name: 'Doe', controlId: 'C1', type: 'ADT^A01', status: 'dead_lettered', source: 'file', since: new Date('2026-01-01'), until: new Date('2026-01-02T00:00:00Z'), limit: 20, channel: 'adt', errorCode: 'DESTINATION_REJECTED' });
    expect(parseSearchParams({})).toEqual({});
  });
});
