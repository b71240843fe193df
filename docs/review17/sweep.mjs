// Review 17 sweeps (issue 14; review 15's script over docs/review17/messages/): MSH-10 resend, duplicate
// URLs, dangling urn:uuid references, validateBundle R4 and usCore errors, URLs PUT under two patients,
// and the cross-message identity checks of the sample's message families (one patient, one visit, one
// order across ADT/ORU/ORM/OML/RDE/SIU/MDM/BAR). Run from the worktree root after npm run build:
//   node docs/review17/sweep.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { convertHl7v2, validateBundle } from '../../dist/transform/index.js';
const dir = 'docs/review17/messages';
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const patOf = new Map();
const urlsOf = {};
for (const f of files) {
  const n = f.slice(0, 2);
  const buf = readFileSync(`${dir}/${f}`);
  let bundle;
  try { ({ bundle } = convertHl7v2(buf, {})); } catch (e) { console.log(n, f, 'refused', e.code); continue; }
  const s = buf.toString('latin1').replace(/^(MSH\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|)([^|]*)/, '$1$2X9');
  const { bundle: b2 } = convertHl7v2(Buffer.from(s, 'latin1'), {});
  const urls = (e) => e.filter((x) => x.resource?.resourceType !== 'MessageHeader').map((x) => x.request.url).sort();
  const u1 = urls(bundle.entry), u2 = urls(b2.entry);
  const only1 = u1.filter((x) => !u2.includes(x)), only2 = u2.filter((x) => !u1.includes(x));
  const same = (only1.length === 0 && only2.length === 0) || (only1.length === 1 && only2.length === 1 && only1[0].startsWith('Provenance/') && only2[0].startsWith('Provenance/'));
  const all = bundle.entry.map((e) => e.request.url); const dup = all.filter((u, i) => all.indexOf(u) !== i);
  const full = new Set(bundle.entry.map((e) => e.fullUrl));
  const refs = [...JSON.stringify(bundle).matchAll(/"reference":"(urn:uuid:[^"]+)"/g)].map((m) => m[1]).filter((r) => !full.has(r));
  const errs = (x) => (x.issue ?? x.issues ?? x).filter?.((i) => i.severity === 'error' || i.severity === 'fatal') ?? [];
  const v = errs(validateBundle(bundle)); const vu = errs(validateBundle(bundle, { usCore: true }));
  const byId = new Map(bundle.entry.map((e) => [e.fullUrl, e]));
  for (const e of bundle.entry) {
    const r = e.resource ?? {}; const subj = r.subject?.reference ?? r.patient?.reference ?? r.beneficiary?.reference;
    if (subj && r.resourceType !== 'Patient') { const pu = byId.get(subj)?.request.url; if (!patOf.has(e.request.url)) patOf.set(e.request.url, new Set()); patOf.get(e.request.url).add(`${pu} #${n}`); }
  }
  urlsOf[n] = Object.fromEntries(bundle.entry.map((e) => [e.request.url, e.resource?.resourceType]));
  console.log(n, f, 'resend-same', same, u1.length, 'dup', dup.length, 'dangling', refs.length, 'R4err', v.length, 'usCore', vu.length);
  for (const i of [...v, ...vu].slice(0, 4)) console.log('   ', JSON.stringify(i).slice(0, 240));
  if (!same) console.log('   diff', only1.slice(0, 5), only2.slice(0, 5));
}
for (const [k, s] of patOf) { const ps = new Set([...s].map((x) => x.split(' #')[0])); if (ps.size > 1) console.log('URL under two patients', k, [...s].join(', ')); }
// one patient per family: the Patient URL each message PUTs
const pats = (n) => Object.entries(urlsOf[n] ?? {}).filter(([, t]) => t === 'Patient').map(([u]) => u.slice(0, 16));
for (const [name, ns] of Object.entries({ 'HERNANDEZ (70011223 UHD MR)': ['01', '02', '03', '04', '18', '19', '22', '23'],
  'OKONKWO (M000778899 NTMC MR)': ['05', '06', '24'], 'LEE (2288441 BSW MRN)': ['10', '11', '12', '13', '14'],
  'WALKER (3377001 BSW MRN)': ['15', '16', '17'], 'PATEL (PC20230311 PEDSCLINIC MR)': ['20', '21']})) {
  console.log(name, ns.map((n) => `#${n} ${pats(n).join('+')}`).join(', '));
}
