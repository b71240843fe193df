#!/usr/bin/env python3
"""Review 24 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-22's method over review 24's 24 synthetic messages (docs/review24/messages/, drawn by
docs/reviewtools/draw.py). CLASSES is review 22's table (itself review 21's, 19's…), read through
tally_core.tables_of, not copied, with the rows marked "review 24" first. Manual findings (WRONG, SILENT)
by message number; each counts only on a commit before its fix (_FIXED, asked of git).
Run from the worktree root (after npm run build): python3 docs/review24/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 24: report texts the earlier tables did not place ----
    # #07 A45: MRG-1 names the visit's prior patient; MRG[Account] has no MRG-1 row and the corpus has no
    # ADT_A45 message map: (b). The visit (PV1-19) is PUT under the PID patient, which is what A45 says.
    (r'^MRG-1: the visit\'s prior patient, another record than the PID\'s', 'b',
     'MRG-1 of a visit move (A45): no MRG[Account] row; the Encounter is under the PID patient'),
    # #11: OBR-24 `BB` is no table 0074 code (blood bank is `BLB`): my sample error; kept as a code without system.
    (r'^OBR-24: a coded value without a coding system that is no code of HL7 table 0074', 'nc',
     'OBR-24 outside table 0074 (review 24 sample error: BB for BLB), kept without system'),
    # #19: the taper's RXE-3/4 give amount 10-40 mg is the envelope of the four TQ1-2 phase doses, each kept
    # on its own instruction [IG TQ1[MedicationRequest] #2]: nothing of the order is missing.
    (r'^RXE-3: a give amount equal to none of the order\'s differing timing quantities', 'nc',
     'RXE-3/4 give range beside differing TQ1-2 doses (each phase keeps its dose, TQ1[MedicationRequest] #2)'),
] + tables_of(HERE.parent / 'review22' / 'tally.py')['CLASSES']

# Manual findings the report cannot show (review 24's reading of main a912b26), by message number.
# R24-L1 (#11, #17): OBX-4 sub-ID groups result lines (#11: unit number, product and crossmatch of unit 1
# apart from the patient's ABO/Rh and screen; #17: report body lines (1) apart from the impression (2)).
# IG OBX[Observation] #4: "Map to Observation.partOf or hasMember or derivedFrom according to the
# implementation guidance for the v2 message at hand, otherwise map to the extension-sub-id"
# (OG[Extension-Subidentifier]). hig reads OBX-4 for the Observation's identity only (obx.ts l. 185) and
# writes neither; no report line (a one-character value: the presence sweep skips it by default).
L1 = 'R24-L1 OBX-4 sub-ID grouping of ORU result lines neither mapped nor reported (IG OBX[Observation] #4 → partOf/hasMember/derivedFrom, else the sub-id extension; obx.ts)'
WRONG = {}
SILENT = {11: [L1], 17: [L1]}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R24-L1': '5b2b938'}

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
