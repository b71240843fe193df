/**
 * Review 54 (issue 14): the whole sample (docs/review54/messages/, 01 → 24 in order) of a Québec university hospital
 * (CHU Fleuve-Saint-Laurent, invented) and its regional laboratory network, converted on ONE America/Toronto channel
 * across the spring-forward of Sunday 13 March 2033 (02:00 EST -05:00 → 03:00 EDT -04:00: 02:00–02:59 does not exist)
 * and delivered, each file's bytes as sent (MSH-18 decides: 8859/1 Latin-1, UNICODE UTF-8, empty), as FHIR
 * transactions to the in-repo test FHIR server; what the server holds after each message, read against the
 * messages and the IG rows named: French text with accents and «guillemets» exact, escapes decoded, the legal (birth)
 * name official, the RAMQ health insurance number, a corrected potassium and a corrected susceptibility on the same
 * resources, a cancelled coagulation, a urine culture's two organisms and their susceptibility reports, two discharge
 * summaries (TX + PDF), a merge of a duplicate chart, visits through transfers and discharges, and every bare time
 * around the change. Expected values are the messages', written by hand.
 *
 *   npx vitest run test/review54/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review54/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'America/Toronto' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, one, refOf } = snapshotReaders(after);
const loinc = (o: Json) => ((o.code as Json).coding as Json[]).find((c) => c.system === 'http://loinc.org')?.code;
const patient = (n: string, mrn: string) => one(n, 'Patient', mrn);
const visit = (n: string, number: string) => one(n, 'Encounter', number);
const report = (n: string, number: string) => one(n, 'DiagnosticReport', number);
/** A document by TXA-12 [IG TXA[DocumentReference] #12 → masterIdentifier]. */
const document = (n: string, number: string) => {
  const found = ofType(n, 'DocumentReference').filter((d) => (d.masterIdentifier as Json | undefined)?.value === number);
  expect(found, `DocumentReference ${number} after #${n}`).toHaveLength(1);
  return found[0] as Json;
};
/** The report's results as held, in its order. */
const results = (n: string, number: string) => {
  const held = new Map(ofType(n, 'Observation').map((o) => [ref(o), o]));
  return ((report(n, number).result as Json[] | undefined) ?? []).map((r) => held.get(refOf(r)) as Json);
};
const result = (n: string, number: string, code: string) => {
  const found = results(n, number).filter((o) => loinc(o) === code);
  expect(found, `${code} of ${number} after #${n}`).toHaveLength(1);
  return found[0] as Json;
};
const qty = (o: Json) => o.valueQuantity as Json | undefined;
const interp = (o: Json) => ((o.interpretation as Json[] | undefined) ?? []).flatMap((i) => (i.coding as Json[]).map((c) => c.code));
const official = (p: Json) => ((p.name as Json[]) ?? []).find((x) => x.use === 'official');
/** The visit's locations as held: the bed (Location.name) and its status [IG PV1[Encounter] #3, #6]. */
const beds = (n: string, number: string) => {
  const places = new Map(ofType(n, 'Location').map((l) => [ref(l), l]));
  return ((visit(n, number).location as Json[] | undefined) ?? []).map((l) => [places.get(refOf(l.location))?.name, l.status ?? null]);
};
const instant = (t: unknown) => Date.parse(String(t));
const b64 = (s: unknown) => Buffer.from(String(s), 'base64');

const GAGNON = '5400123';
const COTE = '5400311';
const BELANGER = '5400456';
const DUP = '5400999';
const GA_VISIT = '54-700101';
const CO_VISIT = '54-700117';
const HE_VISIT = '54-700124';
const LYTES = 'B33-072-0311';
const CBC_CO = 'H33-072-0402';
const COAG = 'C33-072-0403';
const CX = 'M33-072-0141';

describe('review 54 at the destination (channel zone America/Toronto, spring-forward 13 Mar 2033)', () => {
  it('the 24 files converted and accepted (#20 among them: the test server checks no string pattern), four persons plus the retired duplicate', () => {
    expect(refused).toEqual([]);
    expect(failures).toEqual([]);
    expect(after.size).toBe(24);
    expect(ofType('24', 'Patient')).toHaveLength(5);
  });

  it('#01 (8859/1, Latin-1 bytes): the legal name is the birth name GAGNON, official; the married name TREMBLAY kept beside it, not official [IG PID[Patient] #5; NameType L → official]', () => {
    const p = patient('01', GAGNON);
    expect(official(p)).toMatchObject({ family: 'GAGNON', given: ['Marie-Ève', 'Élise'] });
    expect((p.name as Json[]).filter((x) => x.use === 'official')).toHaveLength(1);
    expect(text(p.name)).toContain('"family":"TREMBLAY"');
    expect(text(p.extension)).toContain('"valueString":"PELLETIER"'); // PID-6 mother's maiden name
    expect((p.address as Json[])[0]).toMatchObject({ line: ['2150, chemin Sainte-Foy', 'app. 3'], city: 'Québec', state: 'QC', postalCode: 'G1V 1R8' });
  });

  it('#01 the RAMQ number (NAM) is an identifier of type JHN assigned by RAMQ, beside the CHU MRN [IG PID[Patient] #3; CX[Identifier] #4, #5]', () => {
    const ids = patient('01', GAGNON).identifier as Json[];
    const nam = ids.find((i) => i.value === 'GAGM86571412') as Json;
    expect(text(nam.type)).toContain('"code":"JHN"');
    expect((nam.assigner as Json).display).toBe('RAMQ');
    expect(text(ids)).toContain('"value":"5400123"');
  });

  it('#01 / #04 next of kin: the spouse (table 0063 SPO, French text) and a local «Fille» code kept with their French texts [IG NK1[RelatedPerson] #3]', () => {
    const spouse = ofType('01', 'RelatedPerson').find((r) => text(r.name).includes('TREMBLAY')) as Json;
    expect(text(spouse.relationship)).toContain('"code":"SPO","display":"Époux"');
    const daughter = ofType('04', 'RelatedPerson').find((r) => text(r.name).includes('Sylvie')) as Json;
    expect(text(daughter.name)).toContain('"family":"CÔTÉ"');
    expect(text(daughter.relationship)).toContain('"display":"Fille"');
  });

  it('#03 (UTF-8) biochemistry: potassium 6.1 H with its French note, the escapes \\T\\ \\F\\ \\S\\ \\R\\ decoded [IG OBX[Observation] #5, NTE → note]', () => {
    const k = result('03', LYTES, '2823-3');
    expect(qty(k)).toMatchObject({ value: 6.1, code: 'mmol/L' });
    expect(k.status).toBe('final');
    expect(text(k.note)).toContain('Hémolyse légère & potassium possiblement surestimé | à recontrôler');
    expect(text(result('03', LYTES, '2160-0').note)).toContain('Valeur de référence ^ femme adulte ~ DFGe');
    expect(report('03', LYTES).effectiveDateTime).toBe('2033-03-12T23:55:00-05:00');
  });

  it('#09 the corrected potassium (OBX-11 C) is the SAME Observation as #03\'s, now 4.1 corrected; the report corrected; no second potassium [ObservationResultStatusCodesInterpretation C; OBR-25 C]', () => {
    const before = result('03', LYTES, '2823-3');
    const now = result('09', LYTES, '2823-3');
    expect(ref(now)).toBe(ref(before));
    expect(now.status).toBe('corrected');
    expect(qty(now)?.value).toBe(4.1);
    expect(interp(now)).toEqual(['N']);
    expect(report('09', LYTES).status).toBe('corrected');
    const gagnon = ref(patient('09', GAGNON));
    expect(ofType('09', 'Observation').filter((o) => refOf(o.subject) === gagnon && loinc(o) === '2823-3')).toHaveLength(1);
  });

  it('#05 haematology: the TX value "4,5" (a French comma) stays the string the lab sent, never a number; SN <10 a comparator; LL [IG OBX[Observation] #2/#5 TX → valueString, SN → valueQuantity]', () => {
    const retic = result('05', CBC_CO, '17849-1');
    expect(retic.valueString).toBe('4,5');
    expect(retic.valueQuantity).toBeUndefined();
    const plt = result('05', CBC_CO, '777-3');
    expect(qty(plt)).toMatchObject({ value: 10, comparator: '<' });
    expect(interp(plt)).toEqual(['LL']);
    expect(result('05', CBC_CO, '18314-6').valueString).toBe('Anisocytose marquée; présence de schizocytes (2 & 3 par champ).');
    expect(text(result('05', CBC_CO, '18314-6').note)).toContain('frottis \\\\ aucune agrégation'); // \E\ → one backslash
  });

  it('#05 a draw stamped 02:30 (the hour the zone skips) is an instant before the specimen was received 03:02 EDT and the result 03:05 EDT [hig skipped-hour rule; OBR-7 → effective]', () => {
    const drawn = instant(report('05', CBC_CO).effectiveDateTime);
    expect(drawn).toBeLessThan(instant('2033-03-13T03:02:00-04:00'));
    expect(drawn).toBeGreaterThan(instant('2033-03-13T01:00:00-05:00'));
    expect(result('05', CBC_CO, '718-7').effectiveDateTime).toBe('2033-03-13T03:05:00-04:00');
  });

  it('#06 / #07 transfers: François ER bay 12 → 5e Sud bed B; Marie-Ève 6e Nord bed A → ICU bed 04 (back-timed into the skipped hour) [IG PV1[Encounter] #3, #6]', () => {
    expect(beds('06', CO_VISIT)).toEqual([['B', 'active'], ['12', 'completed']]);
    expect(beds('07', GA_VISIT)).toEqual([['04', 'active'], ['A', 'completed']]);
    expect(visit('07', GA_VISIT).status).toBe('in-progress');
    expect((visit('07', GA_VISIT).period as Json).start).toBe('2033-03-12T22:30:00-05:00');
  });

  it('#08 the clotted coagulation: report cancelled, both results cancelled without a value, the order revoked, the French note kept [OBR-25 X; OBX-11 X]', () => {
    expect(report('08', COAG).status).toBe('cancelled');
    const r = results('08', COAG);
    expect(r.map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
    expect(r.every((o) => o.valueQuantity === undefined)).toBe(true);
    expect(text(r)).toContain('Échantillon coagulé & analyse annulée. Prière de prélever à nouveau (tube bleu, citrate 3,2 %).');
    expect(one('08', 'ServiceRequest', COAG).status).toBe('revoked');
  });

  it('#10 / #11 Hélène\'s real chart: birth name BÉLANGER official, RAMQ, mother\'s maiden name; after the A40 the ER duplicate (OUELLET, 5400999) is inactive and replaced-by her chart [IG MRG; Patient.link]', () => {
    const p = patient('11', BELANGER);
    expect(official(p)).toMatchObject({ family: 'BÉLANGER', given: ['Hélène', 'Françoise'] });
    expect(text(p.identifier)).toContain('"value":"BELH51610315"');
    expect(text(p.extension)).toContain('"valueString":"LAFLAMME"');
    const dup = patient('11', DUP);
    expect(dup.active).toBe(false);
    expect(text(dup.link)).toContain('"type":"replaced-by"');
    expect(text(p.link)).toContain('"type":"replaces"');
  });

  it('#12 the new address, a residence «Les Jardins du Fleuve» (Latin-1 « » bytes), exact [IG PID[Patient] #11]', () => {
    expect((patient('12', GAGNON).address as Json[])[0]).toMatchObject({
      line: ['88, rue Saint-Jean', 'Résidence «Les Jardins du Fleuve», app. 214'], city: 'Québec', postalCode: 'G1R 1N4',
    });
  });

  it('#13 Hélène\'s blood count after the merge is hers (the surviving chart), on her ER visit', () => {
    const cbc = report('13', 'H33-072-0424');
    expect(refOf(cbc.subject)).toBe(ref(patient('13', BELANGER)));
    expect(results('13', 'H33-072-0424').map((o) => qty(o)?.value)).toEqual([121, 7.8, 231]);
  });

  it('#15 urine culture final: two organisms told apart by OBX-4 (E. coli 1, E. faecalis 2), each susceptibility report based on the culture by OBR-29 [IG OBX[Observation] #4; OBR[ServiceRequest] #29 → basedOn.identifier]', () => {
    const culture = results('15', CX);
    expect(culture.filter((o) => loinc(o) === '630-4').map((o) => text(o.valueCodeableConcept))).toEqual([
      expect.stringContaining('"code":"112283007"'), expect.stringContaining('"code":"78065002"'),
    ]);
    expect(report('15', CX).status).toBe('final');
    for (const child of [`${CX}-S1`, `${CX}-S2`]) {
      const order = one('15', 'ServiceRequest', child);
      expect(text(order.basedOn)).toContain(`"value":"${CX}"`);
      expect(report('15', child).status).toBe('final');
    }
    expect(interp(result('15', `${CX}-S1`, '28-1'))).toEqual(['R']); // E. coli ampicillin R
    expect(interp(result('15', `${CX}-S2`, '28-1'))).toEqual(['S']); // E. faecalis ampicillin S
    expect(interp(result('15', `${CX}-S1`, '193-3'))).toEqual(['S']);
  });

  it('#21 the corrected ciprofloxacin (S → R, OBX-11 C) is the SAME Observation as #15\'s, corrected, >=4 mg/L; E. faecalis\' report untouched [ObservationResultStatusCodesInterpretation C]', () => {
    const before = result('15', `${CX}-S1`, '193-3');
    const now = result('21', `${CX}-S1`, '193-3');
    expect(ref(now)).toBe(ref(before));
    expect(now.status).toBe('corrected');
    expect(qty(now)).toMatchObject({ value: 4, comparator: '>=' });
    expect(interp(now)).toEqual(['R']);
    expect(text(now.note)).toContain('ciprofloxacine RÉSISTANTE');
    expect(report('21', `${CX}-S1`).status).toBe('corrected');
    expect(report('21', `${CX}-S2`).status).toBe('final');
    const gagnon = ref(patient('21', GAGNON));
    expect(ofType('21', 'Observation').filter((o) => refOf(o.subject) === gagnon && loinc(o) === '193-3')).toHaveLength(1);
  });

  it('#16 (8859/1) the Gram stain FT: \\.br\\ → line breaks, \\XE9\\ → é, accents exact; drawn 02:35 (skipped) before the bottle reached the lab 03:10 EDT', () => {
    const gram = result('16', 'M33-073-0155', '664-3');
    expect(gram.valueString).toBe("Flacon aérobie positif après 14 h d'incubation.\nColoration de Gram : cocci à Gram positif en amas.\nRésultat communiqué à la Dre Lévesque le 14 mars à 09 h 55.");
    expect(instant(report('16', 'M33-073-0155').effectiveDateTime)).toBeLessThan(instant('2033-03-13T03:10:00-04:00'));
  });

  it('#19 (UTF-8) a \\XC3A9\\ hex escape is é in UTF-8; the TX HbA1c "7,2" kept as sent', () => {
    const r = results('19', 'B33-073-0907');
    expect(r.find((o) => loinc(o) === '59462-2')?.valueString).toBe("HbA1c au-dessus de la cible (évaluer l'observance).\nContrôle recommandé dans 3 mois.");
    expect(r.find((o) => loinc(o) === '4548-4')?.valueString).toBe('7,2');
  });

  it('#17 (no MSH-18, UTF-8 bytes) / #23 (8859/1): the French discharge summaries\' text exact and the PDF intact [IG MDM_T02; TXA[DocumentReference]; OBX ED → attachment]', () => {
    const doc17 = document('17', 'DOC-54-0017');
    const [t17, pdf17] = (doc17.content as Json[]).map((c) => c.attachment as Json);
    expect(b64(t17?.data).toString('utf8')).toBe([
      'RÉSUMÉ DE CONGÉ & MÉDECINE INTERNE',
      "Patient : François Côté, 85 ans. Admis le 13 mars 2033 par l'urgence.",
      'Diagnostic principal : thrombopénie sévère (plaquettes < 10 x 10^9/L) sur purpura thrombotique.',
      'Hémoculture : cocci à Gram positif en amas | identification en cours.',
      'Congé à domicile avec suivi en hématologie «dans 1 semaine».',
    ].join('\n'));
    expect(pdf17?.contentType).toBe('application/pdf');
    expect(b64(pdf17?.data).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    const doc23 = document('23', 'DOC-54-0023');
    const t23 = b64(((doc23.content as Json[])[0]?.attachment as Json).data).toString('utf8');
    expect(t23).toContain('Patiente : Marie-Ève Gagnon, 46 ans. Pyélonéphrite à E. coli résistant à la ciprofloxacine.');
    expect(t23).toContain('Traitement : ceftriaxone IV puis céfixime per os.\nDurée totale : 14 jours.');
    expect(t23).toContain('Conseil : «boire abondamment» et consulter si fièvre & douleur lombaire.');
    expect(refOf(doc23.subject)).toBe(ref(patient('23', GAGNON)));
  });

  it('#18 / #24 discharges: each visit finished at its PV1-45 with its offset, every bed it held completed [IG PV1[Encounter] #45; Event A03]', () => {
    expect(visit('18', CO_VISIT).status).toBe('finished');
    expect((visit('18', CO_VISIT).period as Json)).toEqual({ start: '2033-03-13T01:45:00-05:00', end: '2033-03-14T11:30:00-04:00' });
    expect(beds('18', CO_VISIT)).toEqual(expect.arrayContaining([['B', 'completed'], ['12', 'completed']]));
    expect((visit('24', GA_VISIT).period as Json).end).toBe('2033-03-15T11:30:00-04:00');
    expect(beds('24', GA_VISIT).every(([, s]) => s === 'completed')).toBe(true);
    expect(beds('24', GA_VISIT).map(([b]) => b)).toEqual(expect.arrayContaining(['04', 'A']));
  });

  it('#22 Hélène\'s ER visit (opened under the duplicate chart) is finished on her surviving chart', () => {
    const v = visit('22', HE_VISIT);
    expect(v.status).toBe('finished');
    expect(refOf(v.subject)).toBe(ref(patient('22', BELANGER)));
    expect((v.period as Json).end).toBe('2033-03-15T09:25:00-04:00');
  });

  it('the bare times around the change: #03 23:55 and #13 00:20 EST at -05:00, #06 03:15 EDT at -04:00 (Provenance), #07\'s EVN-6 02:15 on a clock not moved forward', () => {
    expect(report('13', 'H33-072-0424').effectiveDateTime).toBe('2033-03-13T00:20:00-05:00');
    const occurred = (n: string) => ofType(n, 'Provenance').map((p) => p.occurredDateTime).filter(Boolean);
    expect(occurred('06')).toContain('2033-03-13T03:15:00-04:00');
    expect(occurred('07')).toContain('2033-03-13T02:15:00-05:00');
  });
});

describe('review 54 at the destination: defects', () => {
  // R54-W1: #02 from the ER system has no MSH-18 and Latin-1 bytes; hig reads an empty MSH-18 as UTF-8, and each
  // Latin-1 accent (é 0xE9, É 0xC9) is no UTF-8: U+FFFD is written in its place, with no report line (the \X..\ case
  // has one: mapping.md "Character sets and escapes"). The server holds "H\uFFFDl\uFFFDne", "L\uFFFDvis".
  it('R54-W1 #02 the duplicate chart\'s name and address are the letters the ER sent (Hélène, avenue des Érables, Lévis), not U+FFFD', () => {
    const p = patient('02', DUP);
    expect(official(p)).toMatchObject({ family: 'OUELLET', given: ['Hélène'] });
    expect((p.address as Json[])[0]).toMatchObject({ line: ['301, avenue des Érables'], city: 'Lévis' });
  });
  it('R54-W1 control: #02\'s chart is on the server, its MRN and birth date right', () => {
    const p = patient('02', DUP);
    expect(p.birthDate).toBe('1951-11-03');
  });
});
