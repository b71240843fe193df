/** MSH → MessageHeader (IG: MSH[MessageHeader]); the Bundle fields are read in bundle.ts. */
import type { Conversion, SegmentReader } from '../context.js';
import { tableCoding } from '../datatypes/coding.js';
import { hdUri } from '../datatypes/identifier.js';
import { val } from '../datatypes/primitive.js';
import { toDateTime } from '../datatypes/time.js';
import { organization, organizationFromHd } from '../entities.js';
import { addExtension, unnamedExtensionUrl } from '../datatypes/unnamed-extension.js';
import { lookup } from '../vocabulary/index.js';
import type { Json, Reference, Resource } from '../types.js';

const DATA_ABSENT = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

/** MessageHeader.source/destination need an endpoint url; without one we say why it is absent. */
function endpoint(target: Json, uri: string | undefined): void {
  if (uri !== undefined) target.endpoint = uri;
  else target._endpoint = { extension: [{ url: DATA_ABSENT, valueCode: 'unknown' }] };
}

/**
 * [IG HD[MessageHeader.source-endpoint] HD.2 IF HD.3 = "URI"] a network address (MSH-24/MSH-25)
 * whose HD.3 says URI is the endpoint itself, whatever its scheme (`ftp://…`, `mllp://…`); hig's
 * identifier rule (hdUri) takes only http(s)/urn, and the IG's `"urn:uri:"+HD.2` is no URI
 * scheme, so the URI is kept as sent. Other HDs follow hdUri (ISO → urn:oid:, UUID → urn:uuid:).
 */
function networkAddress(seg: SegmentReader, n: number, cx: Conversion): string | undefined {
  const rep = seg.rep(n);
  if (rep === undefined) return undefined;
  const universal = val(rep, 2);
  const uri = (val(rep, 3) ?? '').toUpperCase() === 'URI' && universal !== undefined && /^[a-z][a-z0-9+.-]*:\S+$/i.test(universal) ? universal : hdUri(rep, cx);
  if (uri === undefined) cx.leftOut(seg, `${n}`, 'a network address that is no URI (HD.2 with HD.3 ISO/UUID/URI)');
  return uri;
}

export function mapMsh(seg: SegmentReader, cx: Conversion): Resource {
  const header: Json = { resourceType: 'MessageHeader' };
  const event = seg.str(9, 2);
  // [IG MSH[MessageHeader] MSH-9.2 → eventCoding.code, system v2-0003]: the system only on a table
  // 0003 event (a v2.1/2.2 message has none in MSH-9.2: `unknown` is no event code)
  header.eventCoding = tableCoding('0003', event ?? 'unknown');
  const app = seg.rep(3);
  const source: Json = {};
  const appName = val(app, 1);
  if (appName !== undefined) source.name = appName;
  // [IG MSH[MessageHeader] MSH-24 → source.endpoint; MSH-3 IF MSH-24 NOT VALUED], each only when
  // the HD names a URI (a bare host or IP address is no url); else data-absent-reason
  endpoint(source, networkAddress(seg, 24, cx) ?? hdUri(app, cx));
  header.source = source;
  const destApp = seg.rep(5);
  const receiver = organizationFromHd(cx, seg.rep(6));
  // [IG MSH[MessageHeader] MSH-25 → destination.endpoint; MSH-5 IF MSH-25 NOT VALUED]
  const destAddress = networkAddress(seg, 25, cx);
  if (destApp !== undefined || receiver !== undefined || destAddress !== undefined) {
    const dest: Json = {};
    const n = val(destApp, 1);
    if (n !== undefined) dest.name = n;
    endpoint(dest, destAddress ?? hdUri(destApp, cx));
    if (receiver !== undefined) dest.receiver = receiver;
    header.destination = [dest];
  }
  const sender = organizationFromHd(cx, seg.rep(4));
  if (sender !== undefined) header.sender = sender;
  senderCountry(seg, sender, cx);
  const processing = lookup('ProcessingID', seg.str(11));
  if (processing !== undefined) header.meta = { tag: [{ system: processing.system, code: processing.code, display: processing.display }] };
  processingMode(seg, header, cx);
  seg.reps(7); // timestamp → Bundle.timestamp
  seg.reps(10); // control id → Bundle.identifier
  seg.reps(12); // version → report metadata
  seg.reps(18); // charset → used for decoding
  language(seg, header, cx);
  return cx.add(header as Resource);
}

/**
 * [IG MSH[MessageHeader] #19 → language (CWE[Code] via PrincipalLanguageOfMessage, BCP-47 codes)] the message's
 * language: MSH-19.1 when it is a BCP-47 tag (ISO 639-1 `fr`, `fr-CA`), its primary subtag lower-cased as BCP-47
 * writes it; another code (a three-letter ISO 639-2 `fre`, text) is reported, never guessed (review 54 R54-L1: every
 * French message's language was "valued but not mapped").
 */
const BCP47 = /^[A-Za-z]{2}(-[A-Za-z0-9]{2,8})*$/;
function language(seg: SegmentReader, header: Json, cx: Conversion): void {
  const code = seg.str(19, 1);
  if (code === undefined) return;
  if (!BCP47.test(code)) {
    cx.leftOut(seg, '19', 'a language code that is no BCP-47 tag (ISO 639-1, e.g. fr or fr-CA): no MessageHeader.language');
    return;
  }
  const [primary, ...rest] = code.split('-');
  header.language = [(primary as string).toLowerCase(), ...rest].join('-');
}

/**
 * [IG MSH[MessageHeader] MSH-17 → sender(Organization.address.country) via CountryCode]: the
 * sending facility's country, the map's ISO 3166 code (table 0399 is ISO 3166's alpha-3 codes).
 * A value the map does not hold (`Germany`, `DE`), or a country without an MSH-4 sender to hold
 * it, is reported, never its value. Until issue 14's vocab16 MSH-17 was read (licence-issuer.ts
 * asks whether it names the US) and put nowhere, without a report line.
 */
function senderCountry(seg: SegmentReader, sender: Reference | undefined, cx: Conversion): void {
  const code = seg.str(17);
  if (code === undefined) return;
  const country = lookup('CountryCode', code.toUpperCase())?.code;
  const org = cx.made('Organization', sender);
  if (country === undefined) cx.leftOut(seg, '17', "a country that is no code of the IG's CountryCode map (table 0399, ISO 3166 alpha-3)");
  else if (org === undefined) cx.leftOut(seg, '17', 'a country without a sending facility (MSH-4) Organization to hold it');
  else {
    const addresses = (org.address ?? []) as Json[];
    if (!addresses.some((a) => a.country === country)) addresses.push({ country });
    org.address = addresses;
  }
}

/**
 * [IG MSH[MessageHeader] MSH-11 → meta via PT[Meta]: PT.2 → tag[2], system v2-0207, via
 * ProcessingMode]: the processing mode (A archive, R restore from archive, I initial load, T current
 * processing at intervals) is the second tag after PT.1's processing id. A code not in table 0207
 * is reported. Until issue 14's vocab16 MSH-11.2 was dropped without a report line (MSH-11 counted
 * as read for PT.1).
 */
function processingMode(seg: SegmentReader, header: Json, cx: Conversion): void {
  const code = seg.str(11, 2);
  if (code === undefined) return;
  const mode = lookup('ProcessingMode', code.toUpperCase());
  if (mode === undefined || mode.system === undefined) {
    cx.leftOut(seg, '11', 'a processing mode (MSH-11.2) that is no code of HL7 table 0207');
    return;
  }
  const meta = (header.meta ?? {}) as Json;
  const tags = (meta.tag ?? []) as Json[];
  tags.push({ system: mode.system, code: mode.code, ...(mode.display === undefined ? {} : { display: mode.display }) });
  meta.tag = tags;
  header.meta = meta;
}

/** SFT → MessageHeader.source software and version (IG: SFT[MessageHeader]); the first SFT only. */
export function mapSft(seg: SegmentReader, header: Resource | undefined, cx: Conversion): void {
  const source = header?.source as Json | undefined;
  if (source === undefined || source.software !== undefined) return;
  const product = seg.str(3);
  const version = seg.str(2);
  if (product !== undefined) source.software = product;
  if (version !== undefined) source.version = version;
  softwareExtensions(seg, source, cx);
}

/**
 * [IG SFT[MessageHeader] #1 → source.extension??-vendorOrganization(Organization) XON[Organization],
 * #4 → source.extension??-binaryIdentifier (string), #5 → source.extension??-description (string),
 * #6 → source.extension??-installDate (dateTime, DTM[DateTime])] hig's v2-<name> extensions on
 * MessageHeader.source (unnamed-extension.ts; the corpus's most frequent unnamed-extension rows:
 * SFT-1/4/5/6 in 65/65/64/58 of its messages). With unnamedExtensions 'report' the fields stay
 * unread and the report names them, as before.
 */
function softwareExtensions(seg: SegmentReader, source: Json, cx: Conversion): void {
  if (cx.extensions.mode !== 'emit') return;
  const url = (name: string) => unnamedExtensionUrl(name, cx.extensions.base);
  const vendor = organization(cx, seg.rep(1));
  if (vendor !== undefined) addExtension(source, { url: url('vendorOrganization'), valueReference: vendor });
  const binary = seg.str(4);
  if (binary !== undefined) addExtension(source, { url: url('binaryIdentifier'), valueString: binary });
  const description = seg.str(5);
  if (description !== undefined) addExtension(source, { url: url('description'), valueString: description });
  // read without refusing: a software install date that is no date says nothing of the patient,
  // so it is reported, never the reason a message is refused (SegmentReader.dateTime refuses)
  const raw = seg.str(6);
  const installed = raw === undefined ? undefined : toDateTime(raw, seg.timezone, seg.timeDoubt('6'));
  if (typeof installed === 'string') addExtension(source, { url: url('installDate'), valueDateTime: installed });
  else if (raw !== undefined) cx.leftOut(seg, '6', 'a software install date that is no date/time');
}
