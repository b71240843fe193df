/**
 * Regenerates data/vocabulary.json from the HL7 V2-to-FHIR IG concept-map CSVs.
 * Run: npx tsx src/transform/vocabulary/build.ts [path-to-IG-mappings/codesystems]
 * Default source: ../shared/corpus/hl7-v2-to-fhir-ig/mappings/codesystems (relative to the repo).
 * Runtime code reads only the generated JSON inside the repo (see data/NOTICE.md).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './csv.js';
import type { VocabularyFile } from './types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const source = process.argv[2] ?? path.resolve(repoRoot, '../shared/corpus/hl7-v2-to-fhir-ig/mappings/codesystems');

function mapName(file: string): string | undefined {
  const m = /^HL7 Concept Map_ (.+?) - [^-]+\.csv$/.exec(file);
  return m?.[1]?.trim();
}

/** Finds the v2 and FHIR columns from the second header row; layouts differ between sheets. */
function columns(header: readonly string[]): { v2: number; v2System: number; fhir: number; display: number; system: number } {
  const codes = header.flatMap((h, i) => (h.trim() === 'Code' ? [i] : []));
  const systems = header.flatMap((h, i) => (h.trim() === 'Code System' ? [i] : []));
  const fhir = codes[1] ?? 6;
  const display = header.findIndex((h, i) => i > fhir && h.trim() === 'Display');
  return { v2: codes[0] ?? 0, v2System: systems[0] ?? 2, fhir, display, system: systems[1] ?? 9 };
}

const out: VocabularyFile = { source: 'HL7 V2-to-FHIR IG concept maps (Apache-2.0)', maps: {}, tables: {}, structures: {} };
for (const file of readdirSync(source).sort()) {
  const name = mapName(file);
  if (name === undefined) continue;
  const rows = parseCsv(readFileSync(path.join(source, file), 'utf8'));
  const header = rows[1];
  if (header === undefined) continue;
  const col = columns(header);
  if (name === 'MessageStructure') {
    for (const r of rows.slice(2)) {
      const structure = (r[0] ?? '').trim();
      const events = (r[1] ?? '').split(',').map((e) => e.trim()).filter((e) => /^[A-Z]\d{2}$|^[A-Z]{2}\d$/.test(e));
      if (structure !== '' && events.length > 0) out.structures[structure] = events;
    }
    continue;
  }
  const entries: Record<string, [string, string, string]> = {};
  // the HL7 table the map's v2 codes are from: one `HL7nnnn` on every row that has a v2 code
  const sourceTables = new Set(rows.slice(2).filter((r) => (r[col.v2] ?? '').trim() !== '').map((r) => (r[col.v2System] ?? '').trim()));
  const [only] = [...sourceTables];
  const table = sourceTables.size === 1 && only !== undefined ? /^HL7(\d{4})$/.exec(only)?.[1] : undefined;
  if (table !== undefined && out.tables !== undefined) out.tables[name] = table;
  for (const r of rows.slice(2)) {
    const v2 = (r[col.v2] ?? '').trim();
    const code = (r[col.fhir] ?? '').trim();
    const system = (r[col.system] ?? '').trim();
    if (v2 === '' || code === '' || v2 in entries) continue;
    const display = ((col.display >= 0 ? r[col.display] : undefined) || r[col.fhir + 1] || '').trim();
    entries[v2] = [code, display, system];
  }
  if (Object.keys(entries).length > 0) out.maps[name] = entries;
}
writeFileSync(path.join(here, 'data/vocabulary.json'), `${JSON.stringify(out)}\n`);
console.log(`maps: ${Object.keys(out.maps).length}, structures: ${Object.keys(out.structures).length}`);
