#!/usr/bin/env python3
"""Review 52 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-51's method over review 52's 24 synthetic messages (docs/review52/messages/, drawn by
docs/reviewtools/draw.py): a US state immunization information system (IIS) and its submitters (pediatric clinic
EHR, retail pharmacy, newborn nursery, school-located clinic, the registry's own historical abstraction) on one
America/Denver channel across the fall-back of Sunday 7 November 2032 (01:00-01:59 twice, -06:00 then -07:00; every
MSH-7 carries its offset). CLASSES: the rows marked "review 52" first, then review 51's, 50's and 49's chains, read
through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, REFUSED) by message number; each counts
only on a commit before its fix (_FIXED, asked of git). tally_core converts with default options (zone UTC); every
MSH-7 here has an offset, so the bare times are read by it (the channel remark of review 35 R35-N1 is a (b) remark,
tally_core REMARKS).
Run from the worktree root (after npm run build): python3 docs/review52/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    (r'^RXA-22: the entry time of an update or delete', 'b', 'RXA-22 of an update or delete (RXA-21 U/D): the IG row maps RXA-22 to recorded only IF RXA-21 EQUALS "A" (review 52 R52-W3, after the review)'),
    (r'^ORC-9: the transaction time of an update or delete', 'b', 'ORC-9 of an update or delete: hig holds it to RXA-22\'s condition (the same entry time; review 52 R52-W3, after the review)'),
    # ---- review 52: every Bundle read; each (b) hit checked in the corpus (no IG target) or against hig's
    # documented rule, classed below or by the chained rows.
    (r'^RXA-1 is valued but not mapped', 'b', 'RXA-1 give sub-ID counter: RXA[Immunization] #1 has no target (review 52)'),
    (r'^RXA-2 is valued but not mapped', 'b', 'RXA-2 administration sub-ID counter: RXA[Immunization] #2 has no target (review 52)'),
    (r'^RXA-4 is valued but not mapped', 'b', 'RXA-4 end of administration (CDC IIS IG: equal to RXA-3): RXA[Immunization] #4 has no target (review 52)'),
    (r'^RXA-20 is valued but not mapped', 'b', "RXA-20 of a deleted dose (RXA-21 D): the IG's RXA-20 rows apply only IF RXA-21 NOT EQUALS D (review 52)"),
    (r'^MSH-1[56] is valued but not mapped', 'b', 'MSH-15/16 accept / application acknowledgment type: no MSH[Bundle]/MSH[MessageHeader] target (review 52)'),
    (r'^MSH-21 is valued but not mapped', 'b', 'MSH-21 message profile (Z22^CDCPHINVS): no IG target (review 52)'),
    (r'^ORC-3: the CDC IIS "no number" placeholder of a dose', 'b', 'ORC-3 9999 (CDC IIS IG: the sender keeps no id): no identifier, documented hig rule (review 52)'),
    (r'^(PID-13|NK1-5): XTN\.2 \(its use home beside XTN\.3 CP', 'b', 'XTN.2 PRN beside XTN.3 CP: ContactPoint.use holds one (review 52 own habit: PRN with CP)'),
    (r'^RXA-3: a time without offset in the hour America/Denver repeats as daylight saving ends', 'b', 'RXA-3 bare in the repeated hour: read by the documented rule and named (the value line of R31-N2 / R44-W1) (review 52)'),
    (r'^RXA-22: a time without offset in the hour America/Denver repeats as daylight saving ends', 'b', 'RXA-22 bare in the repeated hour: read by the documented rule and named (review 52)'),
    (r'^OBX-14: a time without offset in the hour America/Denver repeats as daylight saving ends', 'b', 'OBX-14 bare in the repeated hour: read by the documented rule and named (review 52)'),
] + (tables_of(HERE.parent / 'review51' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review50' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review49' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 52's reading of main 86967a8f), by message number; the destination
# ones judged by delivering the messages in feed order (test/review52/destination.test.ts, defects.test.ts).
# R52-W1 (#08, #11): a dose OBX-14 bare in the repeated hour has no bound (context.ts NOT_AFTER OBX: {'14': [19]}; in
# a VXU no OBR-22 adds one), so it takes MSH-7's pass even where that reading is after the message: #08 sent at
# 01:05-0700 places the hep B dose's RXA-3 01:15 at -06:00 (the one reading before the message) and its eligibility
# and funding OBX-14 01:15 at -07:00, ten minutes after the message and an hour after the dose they describe; #11's
# update adds two more at -07:00 beside the -06:00 dose the server keeps.
W1 = "R52-W1: a dose OBX's bare OBX-14 in the repeated hour read after its own message (no MSH-7 bound for OBX-14), an hour after the dose's RXA-3 (IG TS/DTM[dateTime]; hig ordering rule)"
# R52-W2 (#16): a dose's URL is the patient + ORC-3; after the A40 (#15) the clinic deletes (RXA-21 D) the MMR and
# varicella doses it had sent under the retired chart (#05), naming them by the same ORC-3 under the surviving
# chart: two new entered-in-error Immunizations are created under the survivor and the two doses at the server stay
# `completed` (lots Y011562, Y020871), on the record the survivor `replaces`.
W2 = 'R52-W2: RXA-21 D after an A40 creates a new entered-in-error dose under the survivor; the dose sent under the merged record stays completed (IG RXA[Immunization] #21; hig identity patient + ORC-3)'
# R52-W3 (#06, #11, #12, #14): RXA-22 (system entry) → recorded also for RXA-21 U; the IG maps RXA-22 to recorded
# only IF RXA-21 EQUALS "A": each update's entry time replaces the time the dose was first recorded.
W3 = 'R52-W3: RXA-22 of an update (RXA-21 U) written to recorded, replacing when the dose was first recorded (IG RXA[Immunization] #22: IF RXA-21 EQUALS "A")'
WRONG = {6: [W3], 8: [W1], 11: [W1, W3], 12: [W3], 14: [W3], 16: [W2]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R52-W1': 'c592782e', 'R52-W3': 'c592782e', 'R52-W2': '6eead126'}  # the lead's fixes (W1, W3); fix34d (W2): the FHIR destination writes a number keyed within a merged patient's record where the merged record holds it

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
