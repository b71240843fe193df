/**
 * The pharmacy messages of the give suites (review 65 R65-N3, code review 36 CR36-1/2): an order placed or ended
 * (RDE^O11 with its RXE), a give of it (RGV^O15 RXG, v2.5.1 4A.14.6) and its administration (RAS^O17 RXA), converted
 * to the Bundles a FHIR destination delivers. One oncology sender, synthetic data.
 */
import { convertHl7v2 } from '../../src/transform/index.js';

const msh = (type: string, id: string) => `MSH|^~\\&|ONC|CC|RX|CC|20341103080000-0500||${type}|${id}|P|2.5.1`;
const pid = (mrn: string) => `PID|1||${mrn}^^^CC^MR||GIVE^GRETA||19700101|F`;
const orc = (control: string, number: string, status = '') => `ORC|${control}|${number}^ONC|||${status}||||20341103080000-0500|||1457392011^ONCOLOGIST^ANNA`;
const RXE = 'RXE|^Q21D^^20341103090000-0500|CYC^Cyclophosphamide^LOCAL|1000||mg^milligram^UCUM';

/** The order `number` of patient `mrn`, ORC-1 `control` (NW places it, DC/CA end it), ORC-5 `status`. */
export const rde = (mrn: string, number: string, control: string, status = '') => convertHl7v2([msh('RDE^O11^RDE_O11', `${number}-${control}`), pid(mrn), orc(control, number, status), RXE].join('\r')).bundle;

/** Give `subId` (RXG-1) of the order. */
export const rgv = (mrn: string, number: string, subId: string) =>
  convertHl7v2([msh('RGV^O15^RGV_O15', `${number}-G${subId}`), pid(mrn), orc('RE', number, 'IP'), `RXG|${subId}||^^^20341103090000-0500|CYC^Cyclophosphamide^LOCAL|1000||mg^milligram^UCUM`].join('\r')).bundle;

/** The administration of give `subId`: RXA-1 the give sub-ID, RXA-20 the completion status; `id` tells resends apart. */
export const ras = (mrn: string, number: string, subId: string, completion: string, id = 'A') =>
  convertHl7v2([msh('RAS^O17^RAS_O17', `${number}-A${subId}${completion}${id}`), pid(mrn), orc('RE', number, 'IP'), `RXA|${subId}|1|20341103091500|20341103101500|CYC^Cyclophosphamide^LOCAL|1000|mg^milligram^UCUM${'|'.repeat(13)}${completion}|A`].join('\r')).bundle;
