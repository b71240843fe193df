/**
 * Review 27 (issue 14, branch review27 on main 37715b1): defects found in a fresh synthetic sample of 24
 * feed-style messages (docs/review27/messages/, docs/mapping-review-27.md). Each defect is `it.fails` (it
 * asserts the correct behaviour and fails today; the lead flips it to `it` when fixed); each has a control
 * that passes today. Expected values come from the messages, the IG rows named and FHIR's element
 * definitions, not from hig's output. Order events are judged at the destination as reviews 21–26 did: the
 * messages named are delivered in order (test/support/review-delivery.ts) to the in-repo FHIR server.
 *
 *   npx vitest run test/review27/defects.test.ts
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { deliverSample, type SampleDelivery } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const messages = new URL('../../docs/review27/messages/', import.meta.url);
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** What the server holds after `files` (of the sample) are delivered in the order given. */
async function after(...files: string[]): Promise<SampleDelivery> {
  const dir = mkdtempSync(join(tmpdir(), 'review27-'));
  made.push(dir);
  // the delivery takes a folder in file order: prefix each copy with its place in `files`
  files.forEach((f, i) => copyFileSync(new URL(f, messages), join(dir, `${String(i).padStart(2, '0')}-${f}`)));
  return deliverSample(pathToFileURL(`${dir}/`));
}
const text = (x: unknown) => JSON.stringify(x ?? null);
const codeIs = (r: Json, code: string) => JSON.stringify(r.code ?? {}).includes(`"code":"${code}"`);

const NW = '02-rde-o11-vanco-nw.hl7';
const XO = '06-rde-o11-vanco-xo.hl7';
const DC = '09-rde-o11-vanco-dc.hl7';
const CBC_BMP = '19-oml-o21-cbc-bmp-nw.hl7';
const REJECTED = '20-oru-r01-cbc-final-bmp-rejected.hl7';
const CA = '21-oml-o21-bmp-ca.hl7';
const LIPID_NW = '14-oml-o21-two-tests-nw.hl7';
const SC = '15-orm-o01-sc-received.hl7';
const ADMIT = '01-adt-a01-admit-summer.hl7';
const A60 = '07-adt-a60-allergy-update.hl7';

describe('review 27: the pharmacy DC replaces the held dosageInstruction with its own bare one (R27-A1)', () => {
  // #06 (RDE XO) holds dosageInstruction with RXR-3 IV Pump (v2-device) [IG RXR[MedicationRequest] #3 → dosageInstruction
  // .??extension-device??], RXE-7 text and RXE-23/24 rate 250 mL/h. #09 (RDE DC) re-sends TQ1 (Q12H, start, end), RXE-3/5
  // 1000 mg and RXR-1 IV only: it says nothing about the device, the sig or the rate, but its JSON Patch `add
  // /dosageInstruction` replaced the array: the stopped order no longer said how it was given. Fixed (fixrx26): the FHIR
  // destination makes the DC's dosage again over the held line it re-sends (patch.ts heldDosagePatch).
  it('R27-A1 [IG RXR[MedicationRequest] #3] after the DC the stopped order keeps the XO\'s IV pump and instructions', async () => {
    const s = await after(NW, XO, DC);
    const rx = s.byIdentifier('MedicationRequest', '27RX50012')[0];
    await s.close();
    expect(rx?.status).toBe('stopped');
    expect(text(rx?.dosageInstruction)).toContain('v2-device');
    expect(text(rx?.dosageInstruction)).toContain('Infuse over 60 minutes');
    // RXE-23/24 of the XO, its RXE-3 (the DC's too), and the DC's TQ1-8 stop time [IG TQ1[MedicationRequest] #8]
    expect(text(rx?.dosageInstruction)).toContain('"value":250');
    expect(text(rx?.dosageInstruction)).toContain('"value":1000');
    expect(text(rx?.dosageInstruction)).toContain('"end":"2026-07-17T07:58:00-05:00"');
    expect(rx?.dosageInstruction).toHaveLength(1);
  }, 60_000);
  it('R27-A1 control: after NW + XO the order holds 1000 mg, the IV pump, the XO\'s sig and rate; the DC\'s end and status arrive', async () => {
    const s = await after(NW, XO);
    const rx = s.byIdentifier('MedicationRequest', '27RX50012')[0];
    await s.close();
    expect(text(rx?.dosageInstruction)).toContain('v2-device');
    expect(text(rx?.dosageInstruction)).toContain('"value":250');
    expect(text(rx?.dosageInstruction)).toContain('"value":1000');
    const s2 = await after(NW, XO, DC);
    const stopped = s2.byIdentifier('MedicationRequest', '27RX50012')[0];
    await s2.close();
    expect(stopped?.status).toBe('stopped');
    expect(stopped?.authoredOn).toBe('2026-07-14T08:24:00-05:00');
    expect(text(stopped?.dosageInstruction)).toContain('"end":"2026-07-17T07:58:00-05:00"');
  }, 60_000);
});

describe('review 27: the placer\'s CA of a test the lab already cancelled does not reach the order (R27-L1)', () => {
  // #20 (the lab's ORU: BMP ORC-5 CA, OBR-25 X) ends the BMP order (revoked). #21 (the hospital's OML CA, ORC-9 16:30,
  // ORC-16 RECOLL) is a conditional create + FHIRPath Patch; the destination drops the patch of an order already ended
  // (order-events.ts ENDED, kept so that a status is not reopened: CR23-1) — and with it the event itself:
  // businessEvent CA with its date [IG ORC[ServiceRequest] #1 → extension businessEvent] never reaches the order.
  it('R27-L1 [IG ORC[ServiceRequest] #1] after #19, #20, #21 the BMP order carries the CA business event', async () => {
    const s = await after(CBC_BMP, REJECTED, CA);
    const bmp = s.byIdentifier('ServiceRequest', '27190002')[0];
    await s.close();
    expect(bmp?.status).toBe('revoked');
    expect(text(bmp?.extension)).toContain('"code":"CA"');
  }, 60_000);
  it('R27-L1 control: without the lab\'s cancel before it, the CA revokes the order with its business event and reason', async () => {
    const s = await after(CBC_BMP, CA);
    const bmp = s.byIdentifier('ServiceRequest', '27190002')[0];
    await s.close();
    expect(bmp?.status).toBe('revoked');
    expect(text(bmp?.extension)).toContain('"code":"CA"');
    expect(text(bmp?.extension)).toContain('RECOLL');
  }, 60_000);
});

describe('review 27: one tube becomes two or three Specimens (R27-D1, identity)', () => {
  // #19 SPM-2 `27SP00191&EPC` (placer only); #20 SPM-2 `27SP00191&EPC^SB27-S88122&SBRL` (the same placer id, the lab's
  // filler id added). [IG SPM[Specimen] #2 → identifier (placer and filler)]; hig keys a Specimen by the filler id, else
  // the placer id (docs/mapping.md "Resource identity"), so the tube the order was placed with and the tube the lab
  // rejected are two resources: the order names both, the rejection sits on the second only.
  // fixed by fix36a: the FHIR destination writes #20's pair at the Specimen #19 made (destinations/specimen-numbers.ts)
  it('R27-D1 [IG SPM[Specimen] #2] after #19, #20 one Specimen carries placer id 27SP00191, unavailable and hemolyzed', async () => {
    const s = await after(CBC_BMP, REJECTED);
    const tubes = s.byIdentifier('Specimen', '27SP00191');
    await s.close();
    expect(tubes).toHaveLength(1);
    expect(tubes[0]?.status).toBe('unavailable');
  }, 60_000);
  // #14 (SPM-2 27SP00145, serum), #15 (the lab's SC: OBR-14 received 13:15 MST, no SPM): a second Specimen, unnamed
  it('R27-D1 (SC) after #14, #15 the lipid order names one Specimen, received 13:15 -07:00, serum', async () => {
    const s = await after(LIPID_NW, SC);
    const order = s.byIdentifier('ServiceRequest', '27140001')[0];
    const spec = s.held('Specimen').filter((x) => text(x.request).includes(String(order?.id)));
    await s.close();
    expect((order?.specimen as unknown[]).length).toBe(1);
    expect(spec).toHaveLength(1);
    expect(spec[0]?.receivedTime).toBe('2026-12-01T13:15:00-07:00');
  }, 60_000);
  it('R27-D1 control: #19 alone gives one Specimen 27SP00191 (serum, collected 08:08 CST); #20\'s has the rejection', async () => {
    const s = await after(CBC_BMP);
    const tubes = s.byIdentifier('Specimen', '27SP00191');
    await s.close();
    expect(tubes).toHaveLength(1);
    expect((tubes[0]?.collection as Json).collectedDateTime).toBe('2026-12-02T08:08:00-06:00');
    const s2 = await after(REJECTED);
    const rejected = s2.held('Specimen').filter((x) => x.status === 'unavailable');
    await s2.close();
    expect(text(rejected[0]?.condition)).toContain('"code":"HEM"');
    expect(text(rejected[0]?.identifier)).toContain('"value":"27SP00191"');
  }, 60_000);
});

describe('review 27: an A60 update of an allergy first sent as AL1 makes a second allergy (R27-D2, identity)', () => {
  // #01 (A01) AL1 penicillin 70618 (RxNorm), MO, rash; #07 (A60) IAM-3 the same allergen, IAM-6 U (update), IAM-7
  // 27ALG0101, SV, anaphylaxis. hig keys IAM by IAM-7 when valued, else by IAM-3 "so AL1 and IAM meet" (docs/mapping.md):
  // with IAM-7 sent they never meet, and the server holds a moderate and a severe penicillin allergy.
  it('R27-D2 [IG IAM[AllergyIntolerance] #3, #7] after #01, #07 the patient has one penicillin allergy, severe', async () => {
    const s = await after(ADMIT, A60);
    const pcn = s.held('AllergyIntolerance').filter((a) => codeIs(a, '70618'));
    await s.close();
    expect(pcn).toHaveLength(1);
    expect(pcn[0]?.criticality).toBe('high');
  }, 60_000);
  it('R27-D2 control: #07 alone gives the penicillin allergy by IAM-7, severe, anaphylaxis, and latex', async () => {
    const s = await after(A60);
    const pcn = s.byIdentifier('AllergyIntolerance', '27ALG0101');
    const latex = s.byIdentifier('AllergyIntolerance', '27ALG0102');
    await s.close();
    expect(pcn).toHaveLength(1);
    expect(pcn[0]?.criticality).toBe('high');
    expect(text(pcn[0]?.reaction)).toContain('39579001');
    expect(latex).toHaveLength(1);
  }, 60_000);
});
