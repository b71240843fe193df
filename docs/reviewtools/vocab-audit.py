"""Issue 14 audit: the IG concept maps a segment or datatype row names, and whether hig's src/ reads them.

For every row of the IG's segment maps (segments hig maps, see docs/mapping.md "Segment → resource")
and datatype maps that names a map in its "Vocabulary Mapping" column, prints one table row:
map file, v2 field, FHIR target, map name, whether hig's vocabulary.json has codes for it, and
whether a quoted literal of the map's name occurs in src/ outside src/transform/vocabulary/data.

"referenced" only says the name is read somewhere; it does not prove this row's field reads it
(a map read for PV1-2 is "yes" for every row naming it). The rows marked "no" are the ones to check
by hand (see docs/mapping.md "Concept maps hig does not apply").

Run from the repository root: python3 docs/reviewtools/vocab-audit.py > docs/reviewtools/vocab-audit.md
Reads ../shared/corpus/hl7-v2-to-fhir-ig/mappings (or the path given as the first argument).
"""
import csv
import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
IG = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '..', 'shared', 'corpus', 'hl7-v2-to-fhir-ig', 'mappings')

# segments hig converts (docs/mapping.md "Segment → resource"); the IG has no map for GT1, IAR, FT1,
# PRB, GOL, RF1, PRD, ARV, RXE, RXD, IN2, so those are absent from the IG's files anyway
MAPPED = {'MSH', 'SFT', 'EVN', 'PID', 'PD1', 'NK1', 'PV1', 'PV2', 'ROL', 'PRT', 'AL1', 'IAM', 'DG1', 'PR1',
          'IN1', 'IN3', 'MRG', 'ORC', 'OBR', 'RXO', 'RXA', 'RXR', 'OBX', 'NTE', 'SPM', 'TQ1', 'TXA', 'SCH',
          'AIS', 'AIG', 'AIL', 'AIP', 'MSA'}
# maps whose resource hig does not make (docs/mapping.md: SFT[Device] is not made; DG1 makes no
# EpisodeOfCare, only PV1-54 does; no Task; OBR-15's SPS gives no Specimen: reported)
NOT_MADE = {'SFT[Device]', 'DG1[EpisodeOfCare]', 'TQ[Task-Priority]', 'SPS[Specimen-Source]'}
# rows whose map src names for another field, checked by hand: this row's field does not apply it
ROW_NOT_APPLIED = {
    ('ORC[Provenance]', 'ORC-28'): 'the order Provenance gets no label (the orders\' resources do)',
    ('PRT[PractitionerRole]', 'PRT-7'): 'PRT-7 not mapped, reported (the map is read for ROL-10)',
    ('PRT[RelatedPerson]', 'PRT-7'): 'PRT-7 not mapped, reported (the map is read for ROL-10)',
}


# why a map src never names is not applied (docs/mapping.md "Concept maps the IG names and hig does
# not apply"); a map missing here prints "?" and is one to look at
WHY = {
    'AllergenType[AllergyIntoleranceOriginalCategory]': 'another helper (AL1/IAM)',
    'AllergySeverity[AllergyIntolerance.criticality-original]': 'another helper (AL1/IAM)',
    'EventType': 'equivalent rule: table 0003 code for code, tableCoding(0003)',
    'YesNoIndicator': 'equivalent rule: cx.indicator Y/N (PV2-22: hig security-label rule)',
    'SpecimenRejectReason': 'no target (row names the map only)',
    'SegmentActionCode': 'no target (HTTP verb of a RESTful exchange)',
    'PreferredMethodOfContact': 'unnamed extension?? not implemented; reported',
    'PractitionerIDNumberType': 'no PLN field hig maps',
    'BodySite': 'gap: OBR-15 → Specimen (OBR[Specimen] via SPS) not made; reported',
}
NO_CODES = 'IG map has no v2 codes'


def canonical(name):
    """The map's file name as build.ts keys it: `Yes/NoIndicator` → YesNoIndicator, `Contact Role` → ContactRole."""
    return re.sub(r'[/ ]', '', name.strip())


def src_literals():
    text = []
    for path in glob.glob(os.path.join(ROOT, 'src', '**', '*.ts'), recursive=True):
        if os.sep + os.path.join('vocabulary', 'data') in path:
            continue
        with open(path, encoding='utf-8') as f:
            text.append(f.read())
    return '\n'.join(text)


def rows(kind):
    for path in sorted(glob.glob(os.path.join(IG, kind, '*.csv'))):
        m = re.search(r'FHIR R4_ (.+?) - [^-]+\.csv$', os.path.basename(path))
        if not m:
            continue
        sheet = m.group(1).strip()
        with open(path, encoding='utf-8') as f:
            table = list(csv.reader(f))
        if len(table) < 3:
            continue
        header = table[1]
        voc = next((i for i, h in enumerate(header) if h.startswith('Vocabulary')), None)
        target = next((i for i, h in enumerate(header) if h.startswith('FHIR Attribute')), None)
        if voc is None or target is None:
            continue
        for r in table[2:]:
            name = r[voc].strip() if len(r) > voc else ''
            if name == '':
                continue
            field = (r[1] if len(r) > 1 else '').strip()
            yield sheet, field, (r[target] if len(r) > target else '').strip(), name


def main():
    src = src_literals()
    with open(os.path.join(ROOT, 'src', 'transform', 'vocabulary', 'data', 'vocabulary.json'), encoding='utf-8') as f:
        maps = json.load(f)['maps']
    out, counts = [], {'rows': 0, 'referenced': 0, 'unreferenced': 0, 'not-made': 0, 'row-not-applied': 0}
    names, unref = set(), set()
    for kind in ('segments', 'datatypes'):
        for sheet, field, target, name in rows(kind):
            seg = sheet.split('[')[0]
            if kind == 'segments' and seg not in MAPPED:
                continue
            key = canonical(name)
            ref = re.search(r"['\"`]" + re.escape(key) + r"['\"`]", src) is not None
            made = sheet not in NOT_MADE
            row_why = ROW_NOT_APPLIED.get((sheet, field))
            counts['rows'] += 1
            names.add(key)
            if ref:
                counts['referenced'] += 1
            else:
                counts['unreferenced'] += 1
                unref.add(key)
            if not made:
                counts['not-made'] += 1
            elif row_why is not None:
                counts['row-not-applied'] += 1
            codes = len(maps.get(key, {}))
            why = row_why or ('' if ref else WHY.get(key, NO_CODES if codes == 0 else '?'))
            out.append(f"| {sheet} | {field} | {target.replace('|', '/')} | {name} | {codes} | "
                       f"{'yes' if ref else '**no**'}{'' if made else ' (resource not made)'} | {why} |")
    print('# Vocabulary audit (issue 14)\n')
    print('Generated by `python3 docs/reviewtools/vocab-audit.py`: every IG segment-map row (segments hig')
    print('maps) and datatype-map row naming a concept map; "codes" = v2 codes vocabulary.json holds for it;')
    print('"in src" = the map name occurs as a string literal in src/ (not proof the row\'s own field reads it).\n')
    print(f"Rows naming a map: {counts['rows']}; maps named: {len(names)}; rows whose map src names: "
          f"{counts['referenced']}; rows whose map src never names: {counts['unreferenced']} "
          f"({len(unref)} maps). Of all rows, {counts['not-made']} belong to a resource hig does not make "
          f"({', '.join(sorted(NOT_MADE))}) and {counts['row-not-applied']} name a map src reads for another "
          f"field only (checked by hand).\n")
    print('Maps never named in src: ' + ', '.join(sorted(unref)) + '\n')
    print('Applied by issue 14 vocab16: ConfidentialityCode (ORC-28), NameAssemblyOrder (XPN.11, XCN.18), '
          'CountryCode (MSH-17), ProcessingMode (PT.2 / MSH-11.2), BedStatus (PV1-40), VisitUserCode (PV2-7).\n')
    print('| map | field | FHIR target | concept map | codes | in src | why not applied |')
    print('| --- | --- | --- | --- | --- | --- | --- |')
    print('\n'.join(out))


main()
