#!/usr/bin/env python3
"""Review 41 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-39's method over review 41's 24 synthetic messages (docs/review41/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 41" first, then review 39's, 38's and 37's chains, read
through tally_core.tables_of, not copied (review 40 was not on main when this branch was cut from 997f51a; its rows
join when it is: replace review 37 by review 40). Manual findings (WRONG, SILENT, REFUSED) by message number; each
counts only on a commit before its fix (_FIXED, asked of git).
tally_core converts with default options (zone UTC): the report lines it classes are the ones read under the channel
zone America/New_York the review read the Bundles with, except the `value` remarks on bare times in the hour
America/New_York repeats (#09 MSH-7, #17 TXA-4/6, #19 OBR-7, #20 OBR-7/OBX-14), which only that zone raises: they are
the time-zone rule's documented first-pass reading (notes R41-N1, R41-N2), not losses.
Run from the worktree root (after npm run build): python3 docs/review41/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 41: every Bundle read; the (b) hits checked in the corpus: SCH-6, AIS-2, AIL-2/4, AIP-2 (their
    # SCH/AI* rows have no target), OBR-7 of an order (OBR[ServiceRequest] #7 "should not be populated"), OBR-26 and
    # ORC-8 (no target: "a next edition with micro"), SPM-26, PR1-9/10/14/20, TXA-4/5/7, OBX-3/11 of a document,
    # NTE-2, RXA-1/2/12 of a RAS (no RXA[MedicationAdministration] sheet), DG1-6 F, DG1-21 A.
    # PR1-16 has an IG row (PR1[Procedure] #16 → Procedure.code with the CPT modifier): (a) R41-L1.
    # fix29b (R41-W1): under the default zone (tally_core converts without --timezone) #10's MSH-7 -0500 is a fixed
    # offset, which knows no repeated hour: RXA-4 01:15 reads before RXA-3 01:40 and is now left out WITH this line
    # (before: silently). On the review's America/New_York channel the pair rule reads 01:40 EDT → 01:15 EST and no
    # line is written (defects.test.ts R41-W1); the line is the zone's limit stated, counted with (b).
    (r'^RXA-4: an end before its start \(RXA-3\)', 'b', 'RXA-4 before RXA-3 under the default zone (no repeated hour in a fixed offset); the channel zone reads the pair (review 41 R41-W1, fixed)'),
    (r'^PR1-16 is valued but not mapped', 'a', 'PR1-16 CPT modifier: IG PR1[Procedure] #16 → Procedure.code "PR1-3.1:PR1-16.1" (review 41 R41-L1)'),
    (r'^(PR1-(9|10|14|20)) is valued but not mapped', 'b', 'PR1-9/10/14/20: PR1[Procedure] rows without target (review 41)'),
    (r'^SPM-26 is valued but not mapped', 'b', 'SPM-26 number of containers: SPM[Specimen] #26 no target (review 41)'),
    (r'^(OBR-26|ORC-8) is valued but not mapped', 'b', 'OBR-26 / ORC-8 parent result / order: IG rows without target (micro next edition) (review 41)'),
    (r'^OBR-7 is valued but not mapped', 'b', 'OBR-7 in an order message: OBR[ServiceRequest] #7 no target (review 41)'),
    (r'^AI[LPS]-\d+ is valued but not mapped', 'b', 'AIS-2 / AIL-2/4 / AIP-2: AI* rows without target (review 41)'),
] + (tables_of(HERE.parent / 'review39' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review38' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review37' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 41's reading of main 997f51a), by message number; the destination
# ones judged by delivering the messages in feed order (test/review41/destination.test.ts, defects.test.ts).
# R41-W1 (#10): an infusion started 01:40 EDT (first pass) and stopped 01:15 EST (second pass), RXA-3/RXA-4 bare in
# a message whose MSH-7 is -0500: both read at -05:00, the end before the start; hig then drops RXA-4 without a report
# line and keeps RXA-3 as effectiveDateTime 01:40-05:00, an hour after the infusion began.
W1 = 'R41-W1: RXA-3/RXA-4 bare in the repeated hour, the end before the start as read: RXA-4 dropped silently, RXA-3 an hour late (mapping.md Time-zone rule, RXA-3/4 effective; FHIR Period per-1)'
WRONG = {10: [W1]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R41-W1': '2d91a6fb', 'R41-L1': 'db3c6159', 'R41-N1': 'e8d43910'}  # fix29b: the pair rule; PR1-16 CPT modifiers; fix31b: the held pass

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
