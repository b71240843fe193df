/**
 * Code review 25 CR25-4: which document a notification without content (MDM T07) acts on at the FHIR
 * destination (src/destinations/named-resources.ts heldResource), against a scripted search.
 * The delivered behaviour is document-notification-delivery.test.ts's; this covers the answers the
 * in-repo server does not give without a crafted history (several matches of one TXA-12).
 *
 *   npx vitest run test/destinations/document-notifications.test.ts
 */
import { describe, expect, it } from 'vitest';
import { heldResource } from '../../src/destinations/named-resources.js';

const heldDocument = async (query: string, higId: string, search: Parameters<typeof heldResource>[3]) => {
  const held = await heldResource('DocumentReference', query, higId, search);
  return typeof held === 'string' ? undefined : held.resource;
};
import { DestinationRejectedError } from '../../src/destinations/failures.js';

type Json = Record<string, unknown>;

const QUERY = 'identifier=%7CDOC-55120&subject=Patient/p1';
const HIG_ID = 'doc-hig';

/** A search answering `answers[query]` ([] otherwise), recording the queries asked. */
function scripted(answers: Record<string, Json[]>) {
  const asked: string[] = [];
  const search = (type: string, query: string): Promise<Json[]> => {
    asked.push(`${type}?${query}`);
    return Promise.resolve(answers[query] ?? []);
  };
  return { asked, search };
}

describe('CR25-4 [hig identity: a document is patient + TXA-12; FHIR R4 http.html#patch] the document a T07 acts on', () => {
  it('the search finds one: that document, without a read of hig\'s id', async () => {
    const { asked, search } = scripted({ [QUERY]: [{ resourceType: 'DocumentReference', id: 'srv-1' }] });
    expect((await heldDocument(QUERY, HIG_ID, search))?.id).toBe('srv-1');
    expect(asked).toEqual([`DocumentReference?${QUERY}`]);
  });

  it('the search finds none: the document at hig\'s id, read by _id', async () => {
    const { asked, search } = scripted({ [`_id=${HIG_ID}`]: [{ resourceType: 'DocumentReference', id: HIG_ID }] });
    expect((await heldDocument(QUERY, HIG_ID, search))?.id).toBe(HIG_ID);
    expect(asked).toEqual([`DocumentReference?${QUERY}`, `DocumentReference?_id=${HIG_ID}`]);
  });

  it('neither: none held (the caller PUTs the placeholder at hig\'s id)', async () => {
    expect(await heldDocument(QUERY, HIG_ID, scripted({}).search)).toBeUndefined();
  });

  it('two documents of the number, one at hig\'s id (the T02\'s): that one', async () => {
    const { search } = scripted({ [QUERY]: [{ resourceType: 'DocumentReference', id: 'srv-1' }, { resourceType: 'DocumentReference', id: HIG_ID }] });
    expect((await heldDocument(QUERY, HIG_ID, search))?.id).toBe(HIG_ID);
  });

  it('two documents of the number, none at hig\'s id: refused (permanent), the error naming no number or id', async () => {
    const { search } = scripted({ [QUERY]: [{ resourceType: 'DocumentReference', id: 'srv-1' }, { resourceType: 'DocumentReference', id: 'srv-2' }] });
    const error = await heldDocument(QUERY, HIG_ID, search).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DestinationRejectedError);
    expect(String((error as Error).message)).not.toMatch(/DOC-55120|srv-|p1|doc-hig/);
  });
});
