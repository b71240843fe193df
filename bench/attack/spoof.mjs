// Spoofed resend: the attacker sends first under the control id the real sender will use, with
// other content; then the real message; then a true resend of the real one (MSH-7 changed), and
// a variation differing only in segment terminators (LF vs CR). Prints ACKs, stats deltas and the
// duplicate_conflict alerts. Usage: node bench/attack/spoof.mjs
import { connect, frame, hl7, msaOf, stats, until, HTTP_PORT, adminHeaders, CANARY, logHas } from './lib.mjs';
const id = `SPOOF${Date.now()}`;
const before = await stats('rv-mllp');
const c = await connect();
const out = {};
out.attacker = msaOf(await c.send(frame(hl7(id, { canary: 'ATTACKER' }))))[1];
out.genuine = msaOf(await c.send(frame(hl7(id))))[1];
out.genuineResendOtherMsh7 = msaOf(await c.send(frame(hl7(id, { time: '20261129090000' }))))[1];
out.genuineAsLf = msaOf(await c.send(frame(hl7(id).replace(/\r/g, '\n'))))[1];
out.attackerAgain = msaOf(await c.send(frame(hl7(id, { canary: 'ATTACKER' }))))[1];
c.close();
await until(async () => { const s = await stats('rv-mllp'); return s.waiting + s.active === 0; }, 60000, 'queue empty');
const after = await stats('rv-mllp');
out.completedDelta = after.completed - before.completed;
out.duplicatesDelta = after.duplicates - before.duplicates;
out.conflictsDelta = after.conflicts - before.conflicts;
const alerts = await (await fetch(`http://127.0.0.1:${HTTP_PORT}/api/alerts`, { headers: adminHeaders() })).json();
const list = Array.isArray(alerts) ? alerts : alerts.alerts ?? [];
out.conflictAlerts = list.filter((a) => JSON.stringify(a).includes('duplicate_conflict') && JSON.stringify(a).includes(id)).length;
out.anyConflictAlert = list.filter((a) => JSON.stringify(a).includes('duplicate_conflict')).length;
out.canaryInLog = logHas(CANARY) || logHas('ATTACKER');
console.log(JSON.stringify({ controlId: id, ...out }));
