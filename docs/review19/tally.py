#!/usr/bin/env python3
"""Review 19 tally (issue 14): re-run on any later commit to see what moved.

Review 17/18's method over review 19's 24 synthetic messages (docs/review19/messages/, drawn by
docs/reviewtools/draw.py): for each message it runs `node bin/hig.js convert --report FILE` (npm run build
first), classifies every report line by CLASSES (first match wins), adds the manual findings the report cannot
show (SILENT, SILENT_ASTAR, WRONG, REFUSED) and prints per message the (a) / (a*) / (b) lines and the verdicts
under review 9's four rules (docs/reviewtools/tally_core.py). Unknown lines print as '?' and count as (a).

CLASSES is review 18's table (read from docs/review18/tally.py, itself review 17's with its own rows first;
not copied) with the rows marked "review 19" first: report texts the earlier tables did not meet.
Run from the worktree root (after npm run build): python3 docs/review19/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import main, tables_of  # noqa: E402
EXPECTED = 24


# (regex on the report text with ' (segment n)' removed, class, short label). First match wins.
CLASSES = [
    # ---- review 19: report texts the earlier tables did not place ----
    # TQ1-3 `QD^Daily^HL70335` (#19): QD is no code of table 0335 (Q1D is), so the coding keeps no system; the
    # repeat (frequency 1 per 1 d) and the code itself are in the Bundle: nothing lost
    (r'^TQ1-3\.1: a repeat pattern without a coding system', 'nc', 'TQ1-3 code outside table 0335 (QD): timing.repeat kept, system left out'),
    # ORC-3 `9999^CDC` of a refused dose (#21): the CDC IIS placeholder is no number (review 18's note, fixed 3ba5e6a)
    (r'^ORC-3: the CDC IIS "no number" placeholder', 'nc', 'ORC-3 9999 (CDC IIS: no number), no identifier'),
    # OBR-27 beside an ORC-7 (#09): the IG's TQ[ServiceRequest] row is read from ORC-7, else OBR-27
    # (docs/mapping.md); in the sample both carry the same TQ, so nothing is lost
    (r'^OBR-27 is valued', 'nc', 'OBR-27 beside ORC-7 (the same TQ; ORC-7 mapped)'),
    # since 32f8378 (R19-R1): an ORC-only SC that leaves the order active is not sent; its ORC-3 (the filler
    # number the LIS assigns at collection) then reaches no order: a loss (ORC[ServiceRequest] #3)
    # (added 2026-12-06 by the lead) since the SC is sent to add the ORC-3 it names (#10), its line says so: nothing lost
    (r'^ORC-5: a status change without its OBR that leaves the order active: the order keeps the status it was placed with; the numbers it names are added', 'nc', 'ORC-only SC/IP: status kept, ORC-3 added'),
    (r'^ORC-5: a status change without its OBR that leaves the order active', 'a', 'ORC-only SC/IP not sent: ORC-3 filler number not added to the order (ORC[ServiceRequest] #3)'),
    (r'^a ServiceRequest was not created: its order event was not sent', 'nc', 'the SC not sent (counted on its ORC-5 line)'),
] + tables_of(HERE.parent / 'review18' / 'tally.py')['CLASSES']

# Manual findings the report cannot show (review 19's reading of main edb9af8), by message number.
# R19-W1: OMG^O19 with two OBRs under one ORC (#13): the grammar puts the second OBR in PRIOR_RESULT.ORDER_PRIOR
# and mapObr (order.ts) lists that new order in the first test's ServiceRequest.supportingInfo, silently.
W1 = 'R19-W1 a second test ordered under the same ORC of an OMG^O19 stated supportingInfo (a prior result) of the first (order.ts mapObr ORDER_PRIOR)'
# R19-I1: the EMPI's A39 (#08, PID-3 the enterprise PI alone) PUTs the surviving person at another Patient URL than
# its own A28/A31 (#01/#02: PI + a facility MR, keyed on the MR); #01's Patient is left unlinked (identity.ts ranking).
I1 = 'R19-I1 the A39 survivor (PI alone) is another Patient than the A28/A31 of the same person (PI + MR): one person, two active Patients (identity.ts patientIdentity)'
WRONG = {8: [I1], 13: [W1]}
SILENT = {}
SILENT_ASTAR = {}
# #10: an ORC-only SC of a two-test order: its conditional create and PATCH match both ServiceRequests of the
# number, the FHIR server answers 412 and the message dead-letters (docs/mapping.md Known gaps, order event (2)).
# #20: RGV^O15 is refused by the converter (UNSUPPORTED_EVENT; counted by the exit code too).
REFUSED = {10, 20}
import subprocess  # noqa: E402
# R19-R1 fixed (32f8378): the SC is no longer sent, so #10 is judged on its report again
if subprocess.run(['git', 'merge-base', '--is-ancestor', '32f8378', 'HEAD'], capture_output=True).returncode == 0:
    REFUSED.discard(10)
# R19-R2 fixed (203fd49, fix32a): RGV^O15 converts (each RXG a MedicationRequest instance-order basedOn the
# order), so #20 is judged on its report again
if subprocess.run(['git', 'merge-base', '--is-ancestor', '203fd49', 'HEAD'], capture_output=True).returncode == 0:
    REFUSED.discard(20)
DELETES = set()

# Each finding counts only on a commit before its fix (asked of git, as reviews 14-18's tallies do):
# the lead adds 'R19-XX': '<fix commit>' here when fixing one.
_FIXED = {'R19-W1': '0a07d33', 'R19-I1': 'b55a73f'}


if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
