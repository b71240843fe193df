#!/usr/bin/env python3
"""Review 57 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-56's method over review 57's 24 synthetic messages (docs/review57/messages/, drawn by
docs/reviewtools/draw.py): a US community hospital's registration / ADT feed (registration KAREG v2.5.1, bed board
KABED v2.6 with bare MSH-7, ambulatory clinic KACLIN v2.8) on one America/Anchorage channel across the fall-back of
Sunday 6 November 2033 (01:00-01:59 twice: -08:00, then -09:00). The focus is the ADT events beyond A01/A03/A08 that
hig lists as supported (A05, A38, A14, A27, A15, A26, A02, A12, A21, A52, A22, A53, A06, A16, A24, A37, A47, A60; A54
refused as documented). CLASSES: the rows marked "review 57" first, then review 56's, 55's and 54's chains, read through
tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, SILENT_ASTAR, REFUSED) by message number; each
counts only on a commit before its fix (_FIXED, asked of git). tally_core converts with default options (zone UTC):
the registration's and clinic's MSH-7 offsets then give R35-N1's channel remark (a (b) remark) and the bed board's
bare times read at UTC; the values were judged by hand on America/Anchorage (test/review57/destination.test.ts).
Run from the worktree root (after npm run build): python3 docs/review57/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 57: every Bundle read; each (b) hit checked in the corpus (no IG target) or against hig's
    # documented rule.
    (r'^PV1: PV1-18: the system of table 0018', 'b', 'PV1-18 patient type: IG PV1[Encounter] #18 has no target; a local code without a system reported (review 57 #01, #03)'),
    (r'^PV1: PV1-10: the system of table 0069', 'b', 'PV1-10 hospital service: a local code the HospitalService map lacks, kept as a code without system (review 57)'),
    (r'^PV1-42 is valued but not mapped', 'b', 'PV1-42 of an A26 (A27 since fix35c, R57-W2): the cancelled pending transfer\'s (admission\'s) bed, documented as no place of the visit (Event semantics A26, A27; review 57 #15, #11)'),
    (r'^PV1-6 is valued but not mapped', 'b', 'PV1-6 of an A12: the cancelled transfer\'s destination, documented as no place of the visit (Event semantics A12; review 57 #19)'),
    (r'^MRG-1 is valued but not mapped', 'b', 'MRG-1 of an A06 naming the PID\'s own record: no MRG[Account] row, nothing to link (review 57 #23)'),
    (r'^(MSH-7|EVN-2|EVN-6|PV1-44): a time without offset in the hour America/Anchorage repeats', 'b', 'remark: a bare time in the repeated hour read in its first pass, reported (review 57 #14, #15; only under the channel zone)'),
] + (tables_of(HERE.parent / 'review56' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review55' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review54' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 57's reading of main ce07e7bf), by message number; the destination
# ones judged by delivering the messages in feed order on America/Anchorage (test/review57/destination.test.ts).
# R57-W1 (#10, #11, at the destination): the bed board's A14 names the ED visit the patient is in (PV1-2 E, PV1-3 the
# ED bay, PV1-44 19:30, two hours before MSH-7) and asks for a bed (PV1-42, PV2-8); hig writes the visit `planned` with
# the bay `planned` ("not yet started", "not in that bed yet"), and the A27 that cancels the pending admission writes
# the ED visit `cancelled` ("ended before it has begun") for good: the server holds Peter's four and a half ED hours
# as a visit that never happened. v2.5.1 3.3.14/3.3.27: the A14 notifies a planned admission, the A27 cancels that
# notification, not the visit; IG PV1[Encounter] #3 (PV1-2 not P -> active); MAPPING-RULES "a cancelled admission
# must not be reported as a visit that happened" read the other way round.
W1 = 'R57-W1 wrong data (destination): A14 / A27 naming a visit already under way (PV1-44 before MSH-7, the patient in PV1-3) make it `planned` then `cancelled`: the ED visit that happened reads as never begun (v2.5.1 3.3.14, 3.3.27; IG PV1[Encounter] #3)'
# R57-W2 (#11, at the destination): the A27 echoes PV1-42, the bed of the admission it cancels; hig writes it
# `reserved` on the visit (IG PV1[Encounter] #42, unconditional) where it treats the same field of an A26 as the
# cancelled event's (no place); after the feed bed 4E-418-B is `reserved` on the cancelled visit and `active` on
# Peter's inpatient stay (#23).
W2 = 'R57-W2 wrong data (destination): an A27\'s PV1-42 (the cancelled pending admission\'s bed) stays `reserved` on the visit, as an A26\'s would not (IG PV1[Encounter] #42; hig\'s cancelled-event places rule)'
WRONG = {10: [W1], 11: [W1, W2]}
SILENT = {}
SILENT_ASTAR = {}
# R57-R1 (#06): IAM-11 (onset) `20290600` (the clinic's habit: day 00 for "June 2029, day unknown") refuses the
# whole A60 as INVALID_DATE (documented: docs/errors.md, "hig does not guess a date into a patient's record"); the
# sulfamethoxazole allergy never reaches the server. R57-R2 (#20): ADT^A54 refused, documented ("A54/A55 stay
# refused").
# Both fixed by fix38c: #06 converts (an optional date no identity reads: day 00 read at its month, reported; 43878bdd),
# #20 converts (A54/A55 read as the attending's change; c90648d6); the converter refuses them on a commit before.
REFUSED = {n for n, fix in ((6, '43878bdd'), (20, 'c90648d6')) if not _fixed(fix)}
DELETES = set()
_FIXED = {'R57-W1': '1eadd337', 'R57-W2': '288e508c', 'R57-N1': '29d49239', 'R57-N5': 'c59a9e19', 'R57-N7': '30d2fe04', 'R57-N3': '596941e3', 'R57-R1': '43878bdd', 'R57-R2': 'c90648d6'}  # fix35c: A14/A27 read as the pending admission's events (a begun visit keeps its status and bay); an A27's PV1-42 is the cancelled admission's bed; a merge's retired record keeps the person; the Supported events table lists A44 (and A18); fix38c: IAM-11 day 00 read at its month, reported (R1); A54/A55 convert (R2)

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
