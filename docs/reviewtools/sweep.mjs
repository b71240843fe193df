// The sweep of a synthetic review sample (reviews 16 and 17; review 15's script generalised): for each
// message of REVIEW/messages/ an MSH-10 resend (same PUT targets), duplicate URLs, dangling urn:uuid
// references, validateBundle R4 and usCore errors; then URLs PUT under two patients, and the Patient URL
// each message of a family (one person across ADT/ORU/ORM/OML/RDE/SIU/MDM/BAR) PUTs. Run from the
// worktree root after npm run build, through a review's own script (docs/reviewNN/sweep.mjs), which
// names its families: `await sweep('docs/reviewNN', { 'NAME (MRN AUTH MR)': ['01', '04'], … })`.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { convertHl7v2, validateBundle } from '../../dist/transform/index.js';

const urlsOfEntries = (e) => e.filter((x) => x.resource?.resourceType !== 'MessageHeader').map((x) => x.request.url).sort();
const errors = (x) => (x.issue ?? x.issues ?? x).filter?.((i) => i.severity === 'error' || i.severity === 'fatal') ?? [];

/** The message with MSH-10 changed (X9 appended): a resend must PUT the same URLs (its Provenance aside). */
function resendSame(buf, bundle) {
  const s = buf.toString('latin1').replace(/^(MSH\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|)([^|]*)/, '$1$2X9');
  const { bundle: b2 } = convertHl7v2(Buffer.from(s, 'latin1'), {});
  const u1 = urlsOfEntries(bundle.entry), u2 = urlsOfEntries(b2.entry);
  const only1 = u1.filter((x) => !u2.includes(x)), only2 = u2.filter((x) => !u1.includes(x));
  const same = (only1.length === 0 && only2.length === 0) || (only1.length === 1 && only2.length === 1 && only1[0].startsWith('Provenance/') && only2[0].startsWith('Provenance/'));
  return { same, count: u1.length, only1, only2 };
}

/** Notes, per resource URL, the Patient URL its subject/patient/beneficiary names (with the message number). */
function notePatients(bundle, n, patOf) {
  const byId = new Map(bundle.entry.map((e) => [e.fullUrl, e]));
  for (const e of bundle.entry) {
    const r = e.resource ?? {}; const subj = r.subject?.reference ?? r.patient?.reference ?? r.beneficiary?.reference;
    if (subj && r.resourceType !== 'Patient') { const pu = byId.get(subj)?.request.url; if (!patOf.has(e.request.url)) patOf.set(e.request.url, new Set()); patOf.get(e.request.url).add(`${pu} #${n}`); }
  }
}

function sweepMessage(dir, f, patOf, urlsOf) {
  const n = f.slice(0, 2);
  const buf = readFileSync(`${dir}/${f}`);
  let bundle;
  try { ({ bundle } = convertHl7v2(buf, {})); } catch (e) { console.log(n, f, 'refused', e.code); return; }
  const { same, count, only1, only2 } = resendSame(buf, bundle);
  const all = bundle.entry.map((e) => e.request.url); const dup = all.filter((u, i) => all.indexOf(u) !== i);
  const full = new Set(bundle.entry.map((e) => e.fullUrl));
  const refs = [...JSON.stringify(bundle).matchAll(/"reference":"(urn:uuid:[^"]+)"/g)].map((m) => m[1]).filter((r) => !full.has(r));
  const v = errors(validateBundle(bundle)); const vu = errors(validateBundle(bundle, { usCore: true }));
  notePatients(bundle, n, patOf);
  urlsOf[n] = Object.fromEntries(bundle.entry.map((e) => [e.request.url, e.resource?.resourceType ?? e.request.method]));
  console.log(n, f, 'resend-same', same, count, 'dup', dup.length, 'dangling', refs.length, 'R4err', v.length, 'usCore', vu.length);
  for (const i of [...v, ...vu].slice(0, 4)) console.log('   ', JSON.stringify(i).slice(0, 240));
  if (!same) console.log('   diff', only1.slice(0, 5), only2.slice(0, 5));
}

/** Sweeps `review`/messages/ (a path from the worktree root); `families`: person label → message numbers. */
export async function sweep(review, families) {
  const dir = `${review}/messages`;
  const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
  const patOf = new Map();
  const urlsOf = {};
  for (const f of files) sweepMessage(dir, f, patOf, urlsOf);
  for (const [k, s] of patOf) { const ps = new Set([...s].map((x) => x.split(' #')[0])); if (ps.size > 1) console.log('URL under two patients', k, [...s].join(', ')); }
  // one patient per family: the Patient URL each message PUTs
  const pats = (n) => Object.entries(urlsOf[n] ?? {}).filter(([, t]) => t === 'Patient').map(([u]) => u.slice(0, 16));
  for (const [name, ns] of Object.entries(families)) {
    console.log(name, ns.map((n) => `#${n} ${pats(n).join('+')}`).join(', '));
  }
}

// Run directly (review 18 on): `node docs/reviewtools/sweep.mjs docs/reviewNN`, families from
// docs/reviewNN/families.json ({"NAME (key)": ["01", "02"], …}).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const review = (process.argv[2] ?? '').replace(/\/$/, '');
  if (review === '') throw new Error('usage: node docs/reviewtools/sweep.mjs <review folder>');
  const file = `${review}/families.json`;
  await sweep(review, existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {});
}
