#!/usr/bin/env python3
"""Review 18 tally (issue 14): re-run on any later commit to see what moved.

Review 17's method over review 18's 24 synthetic messages (docs/review18/messages/, drawn by
docs/reviewtools/draw.py): for each message it runs `node bin/hig.js convert --report FILE` (npm run build
first), classifies every report line by CLASSES (first match wins), adds the manual findings the report cannot
show (SILENT, SILENT_ASTAR, WRONG) and prints per message the (a) / (a*) / (b) lines and the verdicts under
review 9's four rules (docs/reviewtools/tally_core.py). Unknown lines print as '?' and count as (a).

CLASSES is review 17's table (read from docs/review17/tally.py, not copied) with the rows marked "review 18"
first: report texts the earlier tables did not meet.
Run from the worktree root (after npm run build): python3 docs/review18/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import main, tables_of  # noqa: E402
EXPECTED = 24


# (regex on the report text with ' (segment n)' removed, class, short label). First match wins.
CLASSES = [
    # ---- review 18: report texts the earlier tables did not place ----
    # since fix18c: the CDC IIS `9999` "no number" placeholder of a dose is no identifier, and says so
    # (a placeholder is no fact of the dose: not counted)
    (r'^ORC-[23]: the CDC IIS "no number" placeholder', 'nc', 'ORC-2/3 9999 placeholder (no identifier; nothing lost)'),
    # RDE^O01 v2.3 RXE-1 TQ.1 `1` beside RXE-3 500 MG: the documented supersession (as TQ1-2's row in review 13)
    (r'^RXE-1\.1: a quantity per occurrence, which the RXO/RXE give amount replaces', 'nc', 'RXE-1 TQ.1 beside the RXE give amount (documented supersession)'),
    # ORC-8 parent order: ORC[ServiceRequest] #8 has no target ("addressed in a future edition"); the
    # parent is in the Bundle through OBR-29 in #12/#23 anyway
    (r'^ORC-8 is valued', 'b', 'ORC-8 parent order (ORC[ServiceRequest] #8: no target, future edition)'),
    # RXA-4 of a VXU dose (RXA[Immunization] #4 has no target); RXA-23/24 of a MedicationAdministration
    # (the IG has no RXA[MedicationAdministration] map)
    (r'^RXA-(4|23|24) is valued', 'b', 'RXA-4 (VXU) / RXA-23/24 (RAS): no IG target'),
    # ORC-9 of a RAS: no ORC[MedicationAdministration] row
    (r'^ORC-9 is valued', 'b', 'ORC-9 of a MedicationAdministration (no ORC[MedicationAdministration] row)'),
    # OBX-11 of an MDM document's OBX: OBX[DocumentReference] no target (as review 13's row, kept first here)
    (r'^OBX-11 is valued', 'b', 'OBX-11 of document content (OBX[DocumentReference] no target)'),
    # RXA-20 beside RXA-21 D in VXU: review 17 'nc' (kept from its table)
] + tables_of(HERE.parent / 'review17' / 'tally.py')['CLASSES']

# Manual findings the report cannot show (review 18's reading of main f1baf61), by message number.
# R18-W1: an A05's PR1 (the planned knee replacement, PR1-5 three days after MSH-7) stated Procedure
# completed (segments/clinical.ts mapPr1 sets `completed` whatever the event) [IG PR1[Procedure] #0].
W1 = 'R18-W1 a planned procedure (PR1 of an A05 pre-admission) stated Procedure.status completed (clinical.ts mapPr1)'
# R18-W2: the cancel of one test (#11, ORC-1 OC / ORC-5 CA, one OBR) PUT to a ServiceRequest URL other than
# the one #10's three-test order made for it (order.ts requestKey: number alone vs number + OBR-4); #10's
# CMP stays active on the server.
W2 = 'R18-W2 a test cancelled alone revokes another ServiceRequest than its order made; the order stays active (order.ts requestKey)'
WRONG = {5: [W1], 11: [W2]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = {9}

# Each finding counts only on a commit before its fix (asked of git, as reviews 14-17's tallies do):
# the lead adds 'R18-XX': '<fix commit>' here when fixing one.
_FIXED = {'R18-W1': '0863046', 'R18-W2': '39a8cc0', 'R18-L1': '8fc8e12'}


if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
