/**
 * Regenerates data/field-types.json: the v2 datatype of every segment field the HL7 V2-to-FHIR IG
 * segment maps list (`PID-5` → `XPN`), which the field reader (transform/characters.ts) needs to
 * tell free text from identifying values. Normalised to one name per datatype family (CE → CWE,
 * TS → DTM, an `EIP - …` note → EIP); `varies` (OBX-5) is left out (OBX-2 names it per segment).
 * Run: npx tsx src/transform/vocabulary/build-field-types.ts [path-to-IG-mappings/segments]
 * Segments the IG maps do not list (RF1, GT1, RXD …) are typed by hand in field-types-supplement.ts.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './csv.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const source = process.argv[2] ?? path.resolve(repoRoot, '../shared/corpus/hl7-v2-to-fhir-ig/mappings/segments');

const SAME: Readonly<Record<string, string>> = { CE: 'CWE', TS: 'DTM', CM: '', OG: 'ST' };

function normalise(raw: string): string | undefined {
  const t = /^[A-Z][A-Z0-9]{1,2}/.exec(raw.trim())?.[0];
  if (t === undefined) return undefined;
  const same = SAME[t];
  return same === '' ? undefined : (same ?? t);
}

const found: Record<string, Set<string>> = {};
for (const file of readdirSync(source).sort()) {
  if (!file.endsWith('.csv')) continue;
  for (const row of parseCsv(readFileSync(path.join(source, file), 'utf8')).slice(2)) {
    const field = (row[1] ?? '').trim();
    const type = normalise(row[3] ?? '');
    if (!/^[A-Z][A-Z0-9]{2}-\d+$/.test(field) || type === undefined) continue;
    (found[field] ??= new Set()).add(type);
  }
}
const out: Record<string, string> = {};
for (const field of Object.keys(found).sort()) {
  const types = [...(found[field] ?? [])].sort();
  // two versions' names for one field (PID-12 IS/ID, ORC-4 EI/EIP): the later, wider one
  out[field] = types.includes('EIP') ? 'EIP' : (types[types.length - 1] ?? '');
}
writeFileSync(path.join(here, 'data/field-types.json'), `${JSON.stringify(out, null, 0).replace(/,"/g, ',\n"')}\n`);
console.log(`${Object.keys(out).length} fields`);
