#!/usr/bin/env python3
"""Review 48 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-46's method over review 48's 24 synthetic messages (docs/review48/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 48" first, then review 46's, 45's and 44's chains, read
through tally_core.tables_of, not copied (review 47 ran beside this one and is not on main at 025c7b88). Manual
findings (WRONG, SILENT, REFUSED) by message number; each counts only on a commit before its fix (_FIXED, asked of git).
tally_core converts with default options (zone UTC). This sample crosses America/New_York's fall-back (3 November 2030
02:00 EDT -> 01:00 EST), so the repeated-hour `value` lines of the review's channel (#15) are not printed under the
tally: on UTC no hour repeats. Those lines are remarks about an ambiguous clock (the values are judged by hand:
R48-W1 and R48-W2 are in WRONG), so the tally's count is the same either way; every message here carries an MSH-7
offset and gets R35-N1's channel remark under the tally, a (b) remark (review 43's row).
Run from the worktree root (after npm run build): python3 docs/review48/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 48: every Bundle read; the (b) hits checked in the corpus (no RXE, RXD, RXC or RXA[MedicationAdministration]
    # sheet; ORC[MedicationAdministration] #9 no target; TQ1 of a VXU: VXU_V04 has no TQ1 row), classed below or by
    # the chained rows.
    (r'^RXE-(15|21) is valued but not mapped', 'b', 'RXE-15 prescription number, RXE-21 special dispensing instructions: no RXE sheet in the IG (review 48)'),
    (r'^RXD-(11|12|13|16|17|18|19) is valued but not mapped', 'b', 'RXD-11/12/13/16-19 (substitution, daily dose, dispense-to, strength, lot, expiry): no RXD sheet (review 48)'),
    (r'^RXC-(5|6) is valued but not mapped', 'b', 'RXC-5/6 component strength: no RXC sheet (review 48; mapping.md Pharmacy RXC row)'),
    (r'^RXA-(1|2|11) is valued but not mapped', 'b', 'RXA-1/2 sub-id counters, RXA-11 administered-at of a RAS: no RXA[MedicationAdministration] sheet (review 48)'),
    (r'^ORC-9 is valued but not mapped', 'b', 'ORC-9 of a RAS: ORC[MedicationAdministration] #9 no target (review 48)'),
    (r'^segment TQ1 has no FHIR mapping', 'b', 'TQ1 of a VXU ORDER: no VXU_V04 / RXA[Immunization] target (review 48)'),
    (r'^TQ1-3\.(2|3): a part of the repeat pattern the IG gives no FHIR target', 'b', 'TQ1-3 RPT.2/3 (the sender put the pattern text in RPT.2): RPT[Timing] no target (review 48)'),
    (r'^TQ1-3\.1: a repeat pattern without a coding system that is no code of HL7 table 0335 keeps no system', 'b', 'remark: a local repeat pattern (CONT) kept without a system (review 48)'),
    (r'^OBR-24: a coded value without a coding system that is no code of HL7 table 0074 keeps no system', 'b', 'remark: OBR-24 BB (local; 0074 says BLB) kept without a system (review 48)'),
    (r'^OBX-16: XCN\.7 \(degree\): a code without a coding system that is no code of HL7 table 0360 keeps no system', 'b', 'remark: OBX-16 XCN.7 MLS outside table 0360 kept without a system (review 48)'),
    (r'^OBR-27 is valued but not mapped', 'b', 'OBR-27 beside a valued ORC-7 (OBR[ServiceRequest] #27 only IF ORC-7 NOT VALUED) (review 48)'),
    (r'a time without offset in the hour [A-Za-z_/]+ repeats as daylight saving ends', 'b', 'remark: a bare time in the repeated hour, its reading named (review 31 R31-N2; review 48)'),
    # fix33a (R48-N1, after the review): a no-known-allergy AL1 is hig's SNOMED CT statement; the lines say so
    (r'^AL1-3: read as a no-known-allergy statement', 'b', 'remark: AL1-3 NKA/NKDA read as the SNOMED CT statement [hig: no-known-allergy statement; US Core AllergyIntolerance] (R48-N1)'),
    (r'^AL1-(4|5): a (severity|reaction) of a no-known-allergy statement', 'b', 'AL1-4/5 of a no-known-allergy statement: no allergy to be severe or react to (R48-N1)'),
    (r'^AL1-3: a no-known-allergy statement \(SNOMED CT \d+\) beside an allergy of the kind it denies', 'b', 'an NKA/NKDA beside an allergy it denies in one AL1 list: the allergy kept (R48-N1)'),
] + (tables_of(HERE.parent / 'review46' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review45' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review44' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 48's reading of main 025c7b88), by message number; the destination
# ones judged by delivering the messages in feed order (test/review48/destination.test.ts, defects.test.ts).
# R48-W1 (#14): a PRN hydromorphone dose given at a bare 01:50 in the FIRST pass of the repeated hour (01:50 EDT) and
# charted as given (RXA-20 CP) at 01:05 EST (MSH-7 -0500) is read at MSH-7's pass, 01:50 EST: 45 minutes after the
# message that reports it, without a line; its id (order number + RXA-3) is then #16's (the next dose, truly at
# 01:50 EST), whose PUT replaces it at the server: one opioid dose vanishes from the MAR.
# R48-W2 (#15): the crossmatch specimen's SPM-17 01:35 / SPM-18 01:39 (bare) are read at MSH-7's pass (EST), after the
# report's OBR-22 01:20 EST, while OBR-7 / OBX-14 of the same draw are read at 01:35 EDT by the ordering rule.
W1 = 'R48-W1: a dose given in the first pass of the repeated hour, charted in the second, is read an hour late (after its own message) and merges with the next dose at the server'
W2 = 'R48-W2: the crossmatch Specimen is collected and received (SPM-17/18) an hour after OBR-7 of the same draw, after its report was issued'
WRONG = {14: [W1], 15: [W2]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R48-W1': '69721814', 'R48-W2': '69721814'}  # fix32e: RXA-3/4 not after MSH-7 / RXA-22; SPM-17 not after its OBR's OBR-22, SPM-18 not after MSH-7

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
