/**
 * The channel's `conversion` block (src/config/channel.ts): the namespace map and conditional
 * updates reach the conversion the worker runs for that channel (src/steps.ts). Channel files are
 * real files read by the same loader as `hig start`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadChannels } from '../../src/config/load-channels.js';
import { createKeyring, parseKey } from '../../src/security/seal.js';
import { pipelineStepsFor } from '../../src/steps.js';
import { TEST_KEY_HEX } from '../support/channel.js';

const dir = mkdtempSync(path.join(tmpdir(), 'hig-conversion-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function channelFile(id: string, extra: Record<string, unknown>): string {
  const d = mkdtempSync(path.join(dir, 'c-'));
  writeFileSync(path.join(d, `${id}.json`), JSON.stringify({ id, source: { type: 'http' }, ...extra }));
  return d;
}

const adt = [
  'MSH|^~\\&|HIS|GH|EHR|RECV|20240305081500||ADT^A08^ADT_A01|C1|P|2.5.1',
  'EVN|A08|20240305081500',
  'PID|1||123^^^HOSP^MR||DOE^JANE||19800215|F',
].join('\r');

describe('channel conversion options', () => {
  it('default to no namespace map and PUT Type/id', () => {
    const [channel] = loadChannels(channelFile('plain', {}));
    expect(channel?.conversion).toEqual({ namespaceMap: {}, patientAuthorities: [], conditionalUpdate: false, omittedFields: 'remove', extensionBase: 'https://hig.example/fhir/StructureDefinition/', unnamedExtensions: 'emit', licenceStates: 'us', reportCategory: 'message', allergyList: 'snapshot', contactList: 'snapshot', coverageList: 'snapshot' });
  });

  it("omittedFields 'keep' reaches the conversion: the Patient is a conditional create plus a PATCH [v2.5.1 2.5.3]", () => {
    const [channel] = loadChannels(channelFile('kept', { conversion: { namespaceMap: { HOSP: 'urn:oid:1.2.3.4' }, omittedFields: 'keep' } }));
    if (channel === undefined) throw new Error('no channel');
    const steps = pipelineStepsFor(channel, createKeyring(parseKey(TEST_KEY_HEX, 'test')));
    const { bundle } = steps.convertHl7v2(Buffer.from(adt));
    const requests = (bundle.entry as { request: { method: string; url: string } }[]).filter((e) => e.request.url.startsWith('Patient')).map((e) => `${e.request.method} ${e.request.url}`);
    expect(requests).toEqual(['POST Patient', 'PATCH Patient?identifier=urn%3Aoid%3A1.2.3.4|123']);
  });

  it('refuse an omittedFields value other than remove or keep, naming the field', () => {
    expect(() => loadChannels(channelFile('badkeep', { conversion: { omittedFields: 'merge' } }))).toThrow(/conversion\.omittedFields/);
  });

  it('reach the conversion: the namespace map names the system, conditional updates use it', () => {
    const [channel] = loadChannels(channelFile('mapped', { conversion: { namespaceMap: { HOSP: 'urn:oid:1.2.3.4' }, conditionalUpdate: true } }));
    if (channel === undefined) throw new Error('no channel');
    const steps = pipelineStepsFor(channel, createKeyring(parseKey(TEST_KEY_HEX, 'test')));
    const { bundle } = steps.convertHl7v2(Buffer.from(adt));
    const entry = (bundle.entry as { resource?: { resourceType: string; identifier?: unknown[] }; request: { url: string } }[]).find((e) => e.resource?.resourceType === 'Patient');
    expect(entry?.request.url).toBe('Patient?identifier=urn%3Aoid%3A1.2.3.4|123');
    expect(entry?.resource?.identifier?.[0]).toMatchObject({ system: 'urn:oid:1.2.3.4', value: '123' });
  });

  it("[hig unnamed-extension rule] extensionBase and unnamedExtensions reach the conversion the worker runs", () => {
    const cx6 = adt.replace('123^^^HOSP^MR', '123^^^HOSP^MR^NORTHWING');
    const convert = (conversion: Record<string, unknown>) => {
      const [channel] = loadChannels(channelFile('ext', { conversion }));
      if (channel === undefined) throw new Error('no channel');
      return JSON.stringify(pipelineStepsFor(channel, createKeyring(parseKey(TEST_KEY_HEX, 'test'))).convertHl7v2(Buffer.from(cx6)).bundle);
    };
    expect(convert({})).toContain('"url":"https://hig.example/fhir/StructureDefinition/v2-assigningFacility"');
    expect(convert({ extensionBase: 'https://fhir.example.org/sd/' })).toContain('"url":"https://fhir.example.org/sd/v2-assigningFacility"');
    expect(convert({ unnamedExtensions: 'report' })).not.toContain('v2-assigningFacility');
  });

  // R17-W2 [hig: US Core DiagnosticReport Lab] a laboratory system's channel states LAB on a report
  // without OBR-24 and without a specimen; the default states none (the message does not say lab)
  it('reportCategory reaches the conversion the worker runs, and refuses other values naming the field', () => {
    const oru = [
      'MSH|^~\\&|LIS|GH|EHR|RECV|20240305081500||ORU^R01|C2|P|2.5.1',
      'PID|1||123^^^HOSP^MR||DOE^JANE||19800215|F',
      'OBR|1|P1|F1|2823-3^Potassium^LN|||20240305070000|||||||||||||||20240305081000|||F',
      'OBX|1|NM|2823-3^Potassium^LN||4.4|mmol/L|||||F',
    ].join('\r');
    const convert = (conversion: Record<string, unknown>) => {
      const [channel] = loadChannels(channelFile('cat', { conversion }));
      if (channel === undefined) throw new Error('no channel');
      return JSON.stringify(pipelineStepsFor(channel, createKeyring(parseKey(TEST_KEY_HEX, 'test'))).convertHl7v2(Buffer.from(oru)).bundle);
    };
    expect(convert({})).not.toContain('"code":"LAB"');
    expect(convert({ reportCategory: 'laboratory' })).toContain('"code":"LAB"');
    expect(() => loadChannels(channelFile('badcat', { conversion: { reportCategory: 'lab' } }))).toThrow(/conversion\.reportCategory/);
  });

  // R43-W1 [v2.5.1 2.10.4.1 snapshot mode] an ADT's AL1s are the patient's whole list by default (a marked GET the FHIR
  // destination resolves); a delta feed's channel says additive: no marked entry
  it('allergyList reaches the conversion the worker runs, and refuses other values naming the field', () => {
    const a31 = [
      'MSH|^~\\&|ADT|GH|EHR|RECV|20240305081500||ADT^A31^ADT_A05|C3|P|2.5.1',
      'EVN|A31|20240305081500',
      'PID|1||123^^^HOSP^MR||DOE^JANE||19800215|F',
      'PV1|1|N',
      'AL1|1|DA^Drug allergy^HL70127|10180^Sulfamethoxazole^RXNORM|MI^Mild^HL70128|Rash',
    ].join('\r');
    const convert = (conversion: Record<string, unknown>) => {
      const [channel] = loadChannels(channelFile('allergies', { conversion }));
      if (channel === undefined) throw new Error('no channel');
      return JSON.stringify(pipelineStepsFor(channel, createKeyring(parseKey(TEST_KEY_HEX, 'test'))).convertHl7v2(Buffer.from(a31)).bundle);
    };
    expect(convert({})).toContain('"method":"GET","url":"AllergyIntolerance?_tag=');
    expect(convert({ allergyList: 'additive' })).not.toContain('"method":"GET"');
    expect(() => loadChannels(channelFile('badlist', { conversion: { allergyList: 'delta' } }))).toThrow(/conversion\.allergyList/);
  });

  // fix32b [v2.5.1 2.10.4.1 snapshot mode] an ADT's NK1s and IN1s are the patient's whole contact and insurance
  // lists by default (marked GETs the FHIR destination resolves); each list its own setting
  it('contactList and coverageList reach the conversion the worker runs, and refuse other values naming the field', () => {
    const a31 = [
      'MSH|^~\\&|ADT|GH|EHR|RECV|20240305081500||ADT^A31^ADT_A05|C4|P|2.5.1',
      'EVN|A31|20240305081500',
      'PID|1||123^^^HOSP^MR||DOE^JANE||19800215|F',
      'NK1|1|DOE^JOHN|SPO^Spouse^HL70063',
      'PV1|1|N',
      'IN1|1|GOLD-PPO^Gold PPO|BCX1^^^PAYERS^NIIP|Blue Payer',
    ].join('\r');
    const convert = (conversion: Record<string, unknown>) => {
      const [channel] = loadChannels(channelFile('lists', { conversion }));
      if (channel === undefined) throw new Error('no channel');
      return JSON.stringify(pipelineStepsFor(channel, createKeyring(parseKey(TEST_KEY_HEX, 'test'))).convertHl7v2(Buffer.from(a31)).bundle);
    };
    expect(convert({})).toContain('"method":"GET","url":"RelatedPerson?_tag=');
    expect(convert({})).toContain('"method":"GET","url":"Coverage?_tag=');
    expect(convert({ contactList: 'additive' })).not.toContain('"url":"RelatedPerson?_tag=');
    expect(convert({ coverageList: 'additive' })).not.toContain('"url":"Coverage?_tag=');
    expect(convert({ coverageList: 'additive' })).toContain('"url":"RelatedPerson?_tag=');
    expect(() => loadChannels(channelFile('badcontacts', { conversion: { contactList: 'delta' } }))).toThrow(/conversion\.contactList/);
    expect(() => loadChannels(channelFile('badcoverage', { conversion: { coverageList: 'delta' } }))).toThrow(/conversion\.coverageList/);
  });

  it('refuse an extensionBase that is no http(s) URL ending in /, and an unnamedExtensions other than emit or report, naming the field', () => {
    for (const extensionBase of ['https://fhir.example.org/sd', 'urn:hig:sd:', 'not a url/']) {
      expect(() => loadChannels(channelFile('badbase', { conversion: { extensionBase } }))).toThrow(/conversion\.extensionBase/);
    }
    expect(() => loadChannels(channelFile('badmode', { conversion: { unnamedExtensions: 'drop' } }))).toThrow(/conversion\.unnamedExtensions/);
  });

  it('refuse a namespace map entry that is not a URI, naming the field', () => {
    expect(() => loadChannels(channelFile('bad', { conversion: { namespaceMap: { HOSP: 'not a uri' } } }))).toThrow(/conversion\.namespaceMap\.HOSP/);
  });
});
