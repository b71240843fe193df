#!/usr/bin/env python3
"""Review 50 tally (issue 14, defect class 6: event semantics): re-run on any later commit to see what moved.

Reviews 17-48's method over review 50's 24 synthetic messages (docs/review50/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 50" first, then review 48's, 47's and 46's chains, read
through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, REFUSED) by message number; each counts only
on a commit before its fix (_FIXED, asked of git).
tally_core converts with default options (zone UTC). This sample crosses Europe/Dublin's fall-back (26 October 2031
02:00 IST -> 01:00 GMT), so the repeated-hour `value` lines of the review's channel (#12, #21) are not printed under
the tally: on UTC no hour repeats. Those lines are remarks about an ambiguous clock (the values are judged by hand:
R50-W1 is in WRONG), so the tally's count is the same either way; every message here carries an MSH-7 offset and, on
a channel left at UTC, gets R35-N1's channel remark for the +0100 ones, a (b) remark (tally_core REMARKS).
Run from the worktree root (after npm run build): python3 docs/review50/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 50: every Bundle read; each (b) hit checked in the corpus (no IG target) or against hig's
    # documented event rule, classed below or by the chained rows.
    (r'^DG1-2 is valued but not mapped', 'b', 'DG1-2 diagnosis coding method: DG1[Condition] #2 no target (review 50)'),
    (r'^MRG-(1|7) is valued but not mapped', 'b', 'MRG-1/MRG-7 of an A44 (prior holder of the moved account): MRG[Account] #1, #7 no target (review 50)'),
    (r'^SPM-11 is valued but not mapped', 'b', 'SPM-11 specimen role: SPM[Specimen] #11 no target (review 50)'),
    (r'^segment SAC has no FHIR mapping', 'b', 'SAC of an OUL_R22 specimen: no SAC segment map in the IG (OML_O21 CONTAINER row names none) (review 50)'),
    (r'^PV2-47 is valued but not mapped', 'b', 'PV2-47 expected LOA return of an A21: PV2[Encounter] #47 no target (review 50)'),
    (r'^NTE-2 is valued but not mapped', 'b', 'NTE-2 source of comment: NTE[Observation] #2 no target (review 50)'),
    (r'^PV1-36 is valued but not mapped', 'b', "PV1-36 echoed on an A13: the cancelled discharge's disposition (hig event rule, review 35 R35-N7) (review 50)"),
    (r'^PV1-6 is valued but not mapped', 'b', 'PV1-6 of an A12: the cancelled transfer destination, no location of the visit (hig event rule) (review 50)'),
    (r'^PV1-45: a discharge time on a visit that is in-progress', 'b', 'PV1-45 echoed on an A13: the cancelled discharge (hig event rule) (review 50)'),
] + (tables_of(HERE.parent / 'review48' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review47' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review46' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 50's reading of main 0c49e58e), by message number; the destination
# ones judged by delivering the messages in feed order (test/review50/destination.test.ts, defects.test.ts).
# R50-W1 (#12): the inpatient's serum/EDTA draw, SPM-17 / OBR-7 / OBX-14 01:30 bare, received SPM-18 01:50 bare (placed
# by hig itself in the first pass: the one reading not after MSH-7 01:32+0000), analysed 01:18, verified OBR-22 01:25
# (bare): collected 01:30 IST (00:30Z). hig reads 01:30 GMT (01:30Z) without a line: the Specimen collected 40 minutes
# after its receipt, the three reports and seven results effective after their own issue and analysis. At the server
# the ORU^R01 correction (#21), which alone reads 01:30 IST (reported, marked guessed), is put back to #12's 01:30Z by
# the held-pass rule: the false time survives the correction.
# R50-W2 (#19): the A29 deletes the duplicate Patient and leaves the RelatedPerson (NK1 spouse) and the Account
# (PID-18) the A04 (#17) wrote for that person, each naming a Patient that no longer exists (v2.5.1 3.3.29: the A29
# deletes all demographic information of the person).
W1 = 'R50-W1: a draw collected in the first pass of the repeated hour and received in it (SPM-18 placed so by hig) is read in the second pass: collected after its receipt and after its own report, an hour late'
W2 = "R50-W2: the A29 deletes the Patient and leaves the person's RelatedPerson and Account at the server, naming the deleted Patient"
WRONG = {12: [W1], 19: [W2]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R50-W1': '49f403be', 'R50-W2': '73bcfaa2'}  # fix33c: a bound bare in the same hour bounds by its own latest reading (SPM-18 00:50Z), not MSH-7; fix33b: an A29 deletes the person's RelatedPersons, Coverages and Accounts at the FHIR destination

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
