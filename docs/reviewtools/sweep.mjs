// Sweeps of a synthetic review sample (review 17's docs/review17/sweep.mjs, taking the review folder): MSH-10
// resend, duplicate URLs, dangling urn:uuid references, validateBundle R4 and usCore errors, URLs PUT under two
// patients, and the sample's message families (<folder>/families.json: {"NAME (key)": ["01", "02"], …}: the
// Patient URL each message PUTs, so one patient shows as one URL). Run from the worktree root after npm run build:
//   node docs/reviewtools/sweep.mjs docs/review18
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { convertHl7v2, validateBundle } from '../../dist/transform/index.js';

const folder = (process.argv[2] ?? '').replace(/\/$/, '');
if (folder === '') throw new Error('usage: node docs/reviewtools/sweep.mjs <review folder>');
const dir = `${folder}/messages`;
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const patOf = new Map();
const urlsOf = {};
const resend = (buf) => Buffer.from(buf.toString('latin1').replace(/^(MSH\|(?:[^|]*\|){8})([^|]*)/, '$1$2X9'), 'latin1');
const errs = (x) => (x.issue ?? x.issues ?? x).filter?.((i) => i.severity === 'error' || i.severity === 'fatal') ?? [];
for (const f of files) {
  const n = f.slice(0, 2);
  const buf = readFileSync(`${dir}/${f}`);
  let bundle;
  try { ({ bundle } = convertHl7v2(buf, {})); } catch (e) { console.log(n, f, 'refused', e.code); continue; }
  const { bundle: b2 } = convertHl7v2(resend(buf), {});
  const urls = (e) => e.filter((x) => x.resource?.resourceType !== 'MessageHeader').map((x) => x.request.url).sort();
  const u1 = urls(bundle.entry), u2 = urls(b2.entry);
  const only1 = u1.filter((x) => !u2.includes(x)), only2 = u2.filter((x) => !u1.includes(x));
  const same = (only1.length === 0 && only2.length === 0) || (only1.length === 1 && only2.length === 1 && only1[0].startsWith('Provenance/') && only2[0].startsWith('Provenance/'));
  const all = bundle.entry.map((e) => e.request.url); const dup = all.filter((u, i) => all.indexOf(u) !== i);
  const full = new Set(bundle.entry.map((e) => e.fullUrl));
  const refs = [...JSON.stringify(bundle).matchAll(/"reference":"(urn:uuid:[^"]+)"/g)].map((m) => m[1]).filter((r) => !full.has(r));
  const v = errs(validateBundle(bundle)); const vu = errs(validateBundle(bundle, { usCore: true }));
  const byId = new Map(bundle.entry.map((e) => [e.fullUrl, e]));
  for (const e of bundle.entry) {
    const r = e.resource ?? {}; const subj = r.subject?.reference ?? r.patient?.reference ?? r.beneficiary?.reference;
    if (subj && r.resourceType !== 'Patient') { const pu = byId.get(subj)?.request.url; if (!patOf.has(e.request.url)) patOf.set(e.request.url, new Set()); patOf.get(e.request.url).add(`${pu} #${n}`); }
  }
  urlsOf[n] = Object.fromEntries(bundle.entry.map((e) => [e.request.url, e.resource?.resourceType ?? e.request.method]));
  console.log(n, f, 'resend-same', same, u1.length, 'dup', dup.length, 'dangling', refs.length, 'R4err', v.length, 'usCore', vu.length);
  for (const i of [...v, ...vu].slice(0, 4)) console.log('   ', JSON.stringify(i).slice(0, 240));
  if (!same) console.log('   diff', only1.slice(0, 5), only2.slice(0, 5));
}
for (const [k, s] of patOf) { const ps = new Set([...s].map((x) => x.split(' #')[0])); if (ps.size > 1) console.log('URL under two patients', k, [...s].join(', ')); }
const famFile = `${folder}/families.json`;
if (existsSync(famFile)) {
  const pats = (n) => Object.entries(urlsOf[n] ?? {}).filter(([u, t]) => t === 'Patient' || (t === 'DELETE' && u.startsWith('Patient/'))).map(([u]) => u.slice(0, 16));
  for (const [name, ns] of Object.entries(JSON.parse(readFileSync(famFile, 'utf8')))) {
    console.log(name, ns.map((n) => `#${n} ${pats(n).join('+')}`).join(', '));
  }
}
