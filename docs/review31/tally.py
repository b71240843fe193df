#!/usr/bin/env python3
"""Review 31 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-30's method over review 31's 24 synthetic messages (docs/review31/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 31" first, then review 30's and review 29's chains, read
through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, REFUSED) by message number; each counts only
on a commit before its fix (_FIXED, asked of git; empty: nothing fixed yet).
Run from the worktree root (after npm run build): python3 docs/review31/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 31: every line of the 22 Bundles classed by review 30's and 29's chains but one (below); the (b)
    # "field without IG target" hits checked against the corpus rows: DG1-2 (#01), OBR-26 (#18/#19: "will be mapped
    # in a next edition with micro"), MRG-1 in an account merge (#24: MRG[Account] #1 empty) ----
    # #16-#19 (microbiology): OBR-14 02:35 beside an SPM whose SPM-18 is the same 02:35, which hig maps to the
    # Specimen's receivedTime; review 16's (a) reading ("no Specimen made from an OBR") does not hold here (as in
    # review 29's sample, whose row this repeats ahead of review 16's)
    (r'^OBR-14 is valued but not mapped', 'nc', 'OBR-14 beside an SPM whose SPM-18 (same instant) gives Specimen.receivedTime (review 31 sample)'),
] + tables_of(HERE.parent / 'review30' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review29' / 'tally.py')['CLASSES']

# Manual findings the report cannot show (review 31's reading of main 0248a61), by message number. Order events and
# what results name are judged at the destination (test/review31/destination.test.ts); times on the channel setting
# docs/mapping.md prescribes for this sender (timezone America/New_York; with the default `UTC`, see R31-N1).
# R31-W1 (#02, #20): on an America/New_York channel a bare time in the fall-back's repeated hour is put in its first
# pass (-04:00) even when it is MSH-7's own clock and MSH-7 states -05:00: #02 EVN-2 01:38:12 → Provenance.recorded
# an hour early [IG EVN[Provenance] EVN-2]; #20 ORC-9 01:42:05 → authoredOn of four orders an hour early
# [IG ORC[ServiceRequest] #9].
W1 = 'R31-W1: bare time in the repeated hour of 2026-11-01 equal to MSH-7\'s clock (MSH-7 -0500) written -04:00 on an America/New_York channel (an hour early)'
WRONG = {2: [W1 + ' (EVN-2 → Provenance.recorded)'], 20: [W1 + ' (ORC-9 → authoredOn)']}
SILENT = {}
SILENT_ASTAR = {}
# R31-R1 (#14 A24, #15 A37): UNSUPPORTED_EVENT (exit code 1: the tally sees the refusal itself; listed for the reader)
REFUSED = set() if _fixed('1f7b422') else {14, 15}  # fixadt26 converts A24/A37
DELETES = set()
_FIXED = {'R31-W1': '9b5a7ab'}  # fixdst26

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
