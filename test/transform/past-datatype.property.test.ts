/**
 * [hig rule, review 64 R64-N2; v2.5.1 2.A datatype definitions] A component valued past its field's own datatype
 * (SPS.9 of an SPS, which has 7) reached no resource and no report line. Now the field reader reports it. Over every
 * valued field of typical messages (samples/ ADT A01, ORU R01, a VXU of review 64), one extra component past the
 * field's datatype gives exactly one new report line naming that field and the component, and never a crash; a field
 * the report already names whole (not mapped) or whose text is kept as sent (NTE-3) gets none.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { fieldType } from '../../src/transform/characters.js';
import { componentsOf } from '../../src/transform/past-datatype.js';
import { repoRoot } from './helpers.js';

const typical = ['samples/adt_a01.hl7', 'samples/oru_r01.hl7', 'docs/review64/messages/08-vxu-v04-baby-of-shamsa-hepb-bcg.hl7', 'docs/review66/messages/02-omi-o23-weissgerber-ct-thorax-scheduled.hl7'];
/** Fields whose text is kept as sent, `^` included (context.ts textAsSent). */
const AS_SENT = new Set(['NTE-3']);
/** The set ids (SI) a segment's mapper counts as read without reading them. */
const SET_ID = 'SI';

const lines = (msg: string): string[] => ((convertHl7v2(msg).report?.issue ?? []) as { details?: { text?: string } }[]).map((i) => i.details?.text ?? '');

function cases(file: string): { msg: string; seg: number; name: string; n: number; width: number }[] {
  const segs = readFileSync(path.join(repoRoot, file), 'utf8').replace(/\r?\n/g, '\r').split('\r').filter((s) => s !== '');
  const out: { msg: string; seg: number; name: string; n: number; width: number }[] = [];
  segs.forEach((s, i) => {
    const fields = s.split('|');
    const name = fields[0] ?? '';
    if (name === 'MSH') return;
    fields.forEach((f, n) => {
      if (n === 0 || f.trim() === '') return;
      const obx2 = name === 'OBX' && n === 5 ? fields[2] : undefined;
      const type = fieldType(name, n, obx2);
      const width = componentsOf(`${name}-${n}`, type);
      if (width === undefined || type === SET_ID) return;
      const reps = f.split('~');
      const comps = (reps[0] ?? '').split('^');
      while (comps.length < width) comps.push('');
      reps[0] = [...comps, 'PASTX'].join('^');
      const changed = [...fields];
      changed[n] = reps.join('~');
      const copy = [...segs];
      copy[i] = changed.join('|');
      out.push({ msg: copy.join('\r'), seg: i + 1, name, n, width });
    });
  });
  return out;
}

describe('a component past the field\'s datatype: one report line per field, never a crash (R64-N2)', () => {
  for (const file of typical) {
    it(`every valued field of ${file}`, () => {
      const base = new Set(lines(readFileSync(path.join(repoRoot, file), 'utf8')));
      const all = cases(file);
      expect(all.length).toBeGreaterThan(20);
      for (const c of all) {
        const at = `${c.name}-${c.n} (segment ${c.seg})`;
        // a changed value may no longer be the number another field repeats (ORC-2 counts as read where OBR-2 repeats it
        // as sent): that field is then reported whole, an effect of the change, not a line of this rule
        const added = lines(c.msg).filter((t) => !base.has(t) && !t.endsWith(' is valued but not mapped'));
        const whole = base.has(`${at} is valued but not mapped`) || [...base].some((t) => t.startsWith(`segment ${c.name} (segment ${c.seg})`)) || AS_SENT.has(`${c.name}-${c.n}`);
        if (whole) expect(added, at).toEqual([]);
        else expect(added, at).toEqual([expect.stringMatching(new RegExp(`^${at.replace(/[()]/g, '\\$&')}: ([A-Z0-9.]+, )*[A-Z0-9]+\\.${c.width + 1} valued past the components of its v2 datatype`))]);
      }
    });
  }
});
