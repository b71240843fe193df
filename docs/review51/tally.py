#!/usr/bin/env python3
"""Review 51 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-50's method over review 51's 24 synthetic messages (docs/review51/messages/, drawn by
docs/reviewtools/draw.py): a US academic molecular genetics and anatomic pathology laboratory and its hospital on one
America/Chicago channel (April 2032, CDT -05:00 throughout, no clock change; every MSH-7 carries -0500). CLASSES: the
rows marked "review 51" first, then review 50's, 49's and 48's chains, read through tally_core.tables_of, not copied.
Manual findings (WRONG, SILENT, REFUSED) by message number; each counts only on a commit before its fix (_FIXED,
asked of git). tally_core converts with default options (zone UTC); every MSH-7 here has an offset, so the bare times
read by it (the channel remark of review 35 R35-N1 is a (b) remark, tally_core REMARKS).
Run from the worktree root (after npm run build): python3 docs/review51/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    (r'^OBR-3[2-5]: an XCN \(id\^family\^given…\) in an NDL field', 'b', 'an XCN-shaped OBR-32–35 read as the XCN it is (a remark, no loss: the person kept, no PractitionerRole place made up) (review 51 R51-N1, after the review)'),
    (r'^SPM-2: repetition 2\+: SPM-2 identifies one specimen', 'b', 'SPM-2 repetition 2+: the IG row is 0..1 (another slide or an extract: another specimen) (review 51, after the review)'),
    # ---- review 51: every Bundle read; each (b) hit checked in the corpus (no IG target) or against hig's
    # documented rule, classed below or by the chained rows.
    (r'^OBR-14 is valued but not mapped', 'b', "OBR-14 of a result group that carries its SPM: the SPM's Specimen holds SPM-18, checked equal to OBR-14 in every message of this sample (v2.5.1 OBR-14 kept for backward compatibility; the IG's OBR Specimen is the SPM's here) (review 51)"),
    (r'^segment SPM: a specimen echoed in an order response \(ORL\)', 'b', "SPM echoed in an ORL^O22: no ORL_O22 message map in the IG corpus (hig rule: the order's or result's Specimen is kept) (review 51)"),
    (r'^TQ1-9: a code of another coding system than HL7 table 0485', 'b', 'TQ1-9 sent under HL70078 (the sender names the wrong table; review 51 own habit): ExtendedPriorityCodes reads table 0485 only (review 51)'),
] + (tables_of(HERE.parent / 'review50' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review49' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review48' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 51's reading of main f289e526), by message number; the destination
# ones judged by delivering the messages in feed order (test/review51/destination.test.ts, defects.test.ts).
# R51-L1 (#13, #18, #24): SPM-2 sent with a second repetition (#13 the second FNA slide C32-01206-2; #18/#24 the
# lab's DNA extract number MG32-000871-D1): hig reads SPM-2's first repetition (context.ts rep(): reps(n)[0]) and
# drops the second without a report line; no identifier, no line. SPM-2 is 0..1 in v2.5.1 (the sender's
# non-conformance), but hig reports a repetition it does not read elsewhere (PV1-20, TQ1-9, ORC-7), and the number is
# a specimen identity the receiver cannot find the slide or extract by.
L1 = 'R51-L1: a second repetition of SPM-2 (a second slide number / the lab\'s extract number) dropped without a report line (IG SPM[Specimen] #2 -> identifier)'
WRONG = {}
SILENT = {13: [L1], 18: [L1], 24: [L1]}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R51-L1': 'a3eb0755'}  # lead: the further repetition of SPM-2 is reported (another specimen's number, not this one's identifier)

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
