#!/usr/bin/env python3
"""Review 43 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-42's method over review 43's 24 synthetic messages (docs/review43/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 43" first, then review 42's, 41's and 40's chains, read
through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, REFUSED) by message number; each counts only
on a commit before its fix (_FIXED, asked of git).
tally_core converts with default options (zone UTC): every time of this sample is either offset-bearing or read on the
America/Los_Angeles channel in PDT (26 May - 4 June 2028, no change), so no `value` remark on a time differs between
the two zones.
Run from the worktree root (after npm run build): python3 docs/review43/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 43: every Bundle read; the (b) hits checked in the corpus: RXD-6/9/13 (no RXD sheet in the IG),
    # IAM-8 (IAM[AllergyIntolerance] #8 action reason: no target), PV1-37.2 (PV1[Encounter] #37 maps DLD.1 only).
    # tally_core converts with no channel zone (UTC), so every message whose MSH-7 has an offset gets R35-N1's
    # channel remark (8892ac5); on the review's America/Los_Angeles channel the line is not printed: a remark about the
    # channel, not a loss (reviews 39-42's tallies, which predate or do not class it, count it as (?) on today's main).
    (r"^MSH-7: the sender states the offset [-+]\d\d:\d\d and the channel's timezone is UTC", 'b', 'remark: channel left at UTC under the tally (R35-N1); absent on the America/Los_Angeles channel (review 43)'),
    (r'^RXD-(6|9|13) is valued but not mapped', 'b', 'RXD-6 actual dosage form / RXD-9 notes / RXD-13 dispense-to location: no RXD sheet in the IG (review 43)'),
    (r'^IAM-8 is valued but not mapped', 'b', 'IAM-8 allergy action reason: IAM[AllergyIntolerance] #8 no target (review 43)'),
    (r"^PV1-37\.2 \(segment \d+\): the discharge location's effective date has no IG row", 'b', 'PV1-37.2 DLD effective date: PV1[Encounter] #37 maps DLD.1 only (review 43)'),
] + (tables_of(HERE.parent / 'review42' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review41' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review40' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 43's reading of main 56fbb22), by message number; the destination
# ones judged by delivering the messages in feed order (test/review43/destination.test.ts, defects.test.ts).
# R43-W1 (#16): the A31's AL1 list (sulfamethoxazole, vancomycin) no longer names latex, which #08's AL1 list did;
# in v2's snapshot mode for ADT repeating segments (v2.3+ 2.10.4 / 2.23.4) the list is the patient's whole allergy
# list; hig PUTs the two it names and leaves latex `active` at the destination, with no report line.
W1 = 'R43-W1: an allergy the A31\'s AL1 list no longer names stays active at the destination (AL1 snapshot list; no line)'
WRONG = {16: [W1]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R43-W1': '6abe6b21'}  # fix31a: an ADT's AL1 list is the patient's whole list (v2 snapshot mode)

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
