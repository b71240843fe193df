/**
 * Code review 33 (docs/codereview33.md) CR33-1: 73bcfaa2's A29 person delete (destinations/person-delete.ts, review 50
 * R50-W2) deletes every RelatedPerson and Coverage its searches (`RelatedPerson?patient=`, `Coverage?beneficiary=`)
 * return, without checking that each names the deleted Patient; only an Account is checked (onlyTheirs). A FHIR
 * server may ignore a search parameter it does not apply (FHIR R4 search.html "Handling Errors": `Prefer:
 * handling=lenient`, the default of Microsoft's FHIR server; the parameters a server applied are in the searchset's
 * self link), and then answers every resource of the type: the A29 of one person deletes other patients' next of kin
 * and coverages (up to `_count=200` of each). hig sends no `Prefer: handling=strict`.
 *
 * The lenient server is played by a real HTTP proxy in front of the in-repo FHIR server that drops the `beneficiary`
 * parameter from a Coverage search (as such a server does: it answers every Coverage), and forwards everything else
 * unchanged. Delivered through the real FHIR destination (transaction). Expected values from the messages and
 * docs/mapping.md's A29 row ("another person's records stay"), not hig's output. Synthetic data.
 *
 *   npx vitest run test/codereview33/person-delete.test.ts
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from '../destinations/helpers.js';
import { createDestination, type BundlePusher } from '../destinations/push.js';
import { DestinationRejectedError } from '../../src/destinations/failures.js';

type Json = Record<string, unknown>;

const fhir = useFhirDestinations({ serverPer: 'test' });
const msh = (id: string, event: string, structure: string) => `MSH|^~\\&|QVPAS|QVMC|HIG|QVMC|20261207090000-0600||ADT^${event}^${structure}|${id}|P|2.5.1`;
const pid = (mrn: string) => `PID|1||${mrn}^^^QVMC^MR||TESTPERSONDEL^HOLLIS^^^^^L||19800512|M`;
const a04 = (mrn: string) =>
  [
    msh(`${mrn}-1`, 'A04', 'ADT_A01'),
    'EVN|A04|20261207090000',
    pid(mrn),
    'NK1|1|TESTPERSONDEL^ODA^^^^^L|SPO^Spouse^HL70063||^PRN^PH^^1^512^5550101',
    `PV1|1|O|CLIN^1^^QVMC||||||||||||||||${mrn}V^^^QVMC^VN`,
    `IN1|1|PPO^Preferred^QVPLAN|QVINS1^^^QVMC^XX|Acme Health||||GRP-${mrn}|||||||||TESTPERSONDEL^ODA^^^^^L|SPO^Spouse^HL70063|19810301|||||||||||||||||POL-${mrn}`,
  ].join('\r');
const a29 = (mrn: string) => [msh(`${mrn}-2`, 'A29', 'ADT_A21'), 'EVN|A29|20261207091500', pid(mrn), 'PV1|1|N'].join('\r');

const opened: BundlePusher[] = [];
const proxies: Server[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.close();
  for (const p of proxies.splice(0)) await new Promise<void>((resolve) => p.close(() => resolve()));
});

/**
 * A real HTTP proxy to the in-repo server playing a lenient server: `param` dropped from a search of `type` (the
 * server does not apply it), everything else forwarded as it is. Its base URL.
 */
async function lenient(type: string, param: string): Promise<string> {
  const proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', fhir.server.origin);
      if (req.method === 'GET' && url.pathname.endsWith(`/${type}`)) url.searchParams.delete(param);
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'accept', 'if-match', 'if-none-exist', 'prefer']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const body = chunks.length === 0 ? undefined : Buffer.concat(chunks);
      void fetch(url, { method: req.method ?? 'GET', headers, ...(body === undefined ? {} : { body }) }).then(async (answer) => {
        const out: Record<string, string> = {};
        answer.headers.forEach((value, name) => {
          if (!['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) out[name] = value;
        });
        res.writeHead(answer.status, out);
        res.end(Buffer.from(await answer.arrayBuffer()));
      }, () => res.destroy());
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
  proxies.push(proxy);
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}${new URL(fhir.server.url).pathname}`;
}

async function deliver(baseUrl: string, ...messages: string[]): Promise<void> {
  const dest = createDestination({ type: 'fhir', baseUrl, mode: 'transaction', auth: { type: 'none' } });
  opened.push(dest);
  for (const m of messages) await dest.deliver(convertHl7v2(m, { timezone: 'America/Chicago' }).bundle, never);
}
const all = (type: string): Json[] => [...fhir.server.resources.values()].filter((r) => r.resourceType === type);
const patientRef = (mrn: string) => `Patient/${String(fhir.stored('Patient', mrn)[0]?.id)}`;
const coveragesOf = (reference: string) => all('Coverage').filter((c) => (c.beneficiary as Json | undefined)?.reference === reference);

describe('CR33-1 [v2.5.1 3.3.29 A29; R50-W2] the A29 deletes what its searches return, unchecked', () => {
  // After the review (docs/codereview33.md): the fix refuses the A29 (the review's own proposal: "refused PHI-free
  // rather than half-applied"), so this test, which asserted the Patient deleted, now asserts the refusal: nothing of
  // the A29 is sent, QV3301002's coverage stays, and the error names the search without a value
  it('a server that ignores `beneficiary` (lenient): the A29 of QV3301001 leaves QV3301002\'s coverage (refused whole, PHI-free)', async () => {
    await deliver(fhir.server.url, a04('QV3301001'), a04('QV3301002'));
    const other = patientRef('QV3301002');
    const gone = patientRef('QV3301001');
    expect(coveragesOf(other)).toHaveLength(1);
    const refused = await deliver(await lenient('Coverage', 'beneficiary'), a29('QV3301001')).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(DestinationRejectedError);
    expect(String((refused as Error).message)).toContain('search Coverage?beneficiary');
    expect(String((refused as Error).message)).not.toMatch(/QV33010|TESTPERSONDEL|[0-9a-f]{8}-[0-9a-f]{4}-/);
    // another patient's coverage names her, not the deleted Patient: it stays; and nothing of the A29 was applied
    expect(coveragesOf(other)).toHaveLength(1);
    expect(coveragesOf(gone)).toHaveLength(1);
    expect(fhir.stored('Patient', 'QV3301001')).toHaveLength(1);
  });

  it('after the review: a RelatedPerson search answered whole (`patient` ignored) is refused the same way', async () => {
    await deliver(fhir.server.url, a04('QV3301005'), a04('QV3301006'));
    const other = patientRef('QV3301006');
    const relatives = () => all('RelatedPerson').filter((r) => (r.patient as Json | undefined)?.reference === other);
    const before = relatives().length;
    expect(before).toBeGreaterThan(0);
    const refused = await deliver(await lenient('RelatedPerson', 'patient'), a29('QV3301005')).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(DestinationRejectedError);
    expect(String((refused as Error).message)).toContain('search RelatedPerson?patient');
    expect(relatives()).toHaveLength(before);
  });

  it('after the review: every search asks `Prefer: handling=strict` (a server honouring it refuses a parameter it does not apply)', async () => {
    await deliver(fhir.server.url, a04('QV3301007'));
    await deliver(fhir.server.url, a29('QV3301007'));
    const searches = fhir.server.requests.filter((r) => r.method === 'GET' && r.path.includes('?'));
    expect(searches.map((r) => r.path.split('?')[0])).toEqual(expect.arrayContaining(['/fhir/RelatedPerson', '/fhir/Coverage', '/fhir/Account']));
    expect(searches.every((r) => r.headers.prefer === 'handling=strict')).toBe(true);
  });

  it('control: a server that applies `beneficiary` (through the same proxy, nothing dropped): the other patient\'s coverage stays, the deleted one\'s goes', async () => {
    await deliver(fhir.server.url, a04('QV3301003'), a04('QV3301004'));
    const gone = patientRef('QV3301003');
    const other = patientRef('QV3301004');
    await deliver(await lenient('Coverage', 'no-such-parameter'), a29('QV3301003'));
    expect(coveragesOf(gone)).toEqual([]);
    expect(coveragesOf(other)).toHaveLength(1);
  });
});
