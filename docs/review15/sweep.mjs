// Review 15 sweeps (issue 14; review 13's script, draw path changed, DELETE entries without a resource
// allowed: #22 is an A29): MSH-10 resend, duplicate URLs, dangling urn:uuid references,
// validateBundle R4 and usCore errors, URLs PUT under two patients. Run from the worktree root after
// npm run build: node docs/review14/sweep.mjs
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { convertHl7v2, validateBundle } from '../../dist/transform/index.js';
const rows = execFileSync('python3', ['docs/review15/draw.py', ...process.argv.slice(2)]).toString().split('\n').filter(l => l && !l.startsWith('#')).map(l => l.split('\t'));
const patOf = new Map(); const times=new Set();
for (const [n, src, f] of rows) {
  const buf = readFileSync(`../shared/corpus/${src}/${f}`);
  let bundle;
  try { ({ bundle } = convertHl7v2(buf, {})); } catch (e) { console.log(n, f.split('/').pop(), 'refused', e.code); continue; }
  const s = buf.toString('latin1').replace(/^(MSH\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|)([^|]*)/, '$1$2X9');
  const { bundle: b2 } = convertHl7v2(Buffer.from(s, 'latin1'), {});
  // every PUT URL but the MessageHeader's; the message's own Provenance (keyed by MSH-10 by design)
  // is the one Provenance allowed to differ
  const urls = e => e.filter(x => x.resource?.resourceType !== 'MessageHeader').map(x => x.request.url).sort();
  const u1 = urls(bundle.entry), u2 = urls(b2.entry);
  const only1 = u1.filter(x => !u2.includes(x)), only2 = u2.filter(x => !u1.includes(x));
  const same = (only1.length === 0 && only2.length === 0) || (only1.length === 1 && only2.length === 1 && only1[0].startsWith('Provenance/') && only2[0].startsWith('Provenance/'));
  const all = bundle.entry.map(e => e.request.url); const dup = all.filter((u, i) => all.indexOf(u) !== i);
  const full = new Set(bundle.entry.map(e => e.fullUrl)); const refs = [...JSON.stringify(bundle).matchAll(/"reference":"(urn:uuid:[^"]+)"/g)].map(m => m[1]).filter(r => !full.has(r));
  const v = validateBundle(bundle); const vu = validateBundle(bundle, { usCore: true });
  const errs = x => (x.issue ?? x.issues ?? x).filter?.(i => i.severity === 'error' || i.severity==='fatal').length ?? JSON.stringify(x).slice(0,100);
  const byId = new Map(bundle.entry.map(e => [e.fullUrl, e]));
  for (const e of bundle.entry) { const r = e.resource ?? {}; const subj = r.subject?.reference ?? r.patient?.reference ?? r.beneficiary?.reference; if (subj) { const pu = byId.get(subj)?.request.url; const k = e.request.url; if (!patOf.has(k)) patOf.set(k, new Set()); patOf.get(k).add(pu + ' #' + n); } }
  for (const m of JSON.stringify(bundle).matchAll(/"(\d{4}-\d\d-\d\dT[0-9:.]+(Z|[+-]\d\d:\d\d)?)"/g)) times.add(n+' '+m[1]);
  console.log(n, f.split('/').pop(), 'resend-same', same, u1.length, 'dup', dup.length, 'dangling', refs.length, 'R4err', errs(v), 'usCore', errs(vu));
  if (!same) console.log('   diff', only1.slice(0, 5), only2.slice(0, 5));
}
for (const [k, s] of patOf) { const ps = new Set([...s].map(x => x.split(' #')[0])); if (ps.size > 1) console.log('URL under two patients', k, [...s].join(', ')); }

