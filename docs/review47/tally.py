#!/usr/bin/env python3
"""Review 47 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-46's method over review 47's 24 synthetic messages (docs/review47/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 47" first, then review 46's, 45's and 44's chains, read
through tally_core.tables_of, not copied.
tally_core converts with default options (zone UTC); this sample is on an Australia/Sydney channel across the end of
daylight saving on Sunday 4 April 2032 (03:00 AEDT +11:00 -> 02:00 AEST +10:00). Under the tally every bare time is
read at UTC, so the lines that depend on the zone (the repeated-hour lines of #11, whose MSH-7 is bare) are absent
there and present on the review's channel (classed below either way), and every message whose MSH-7 has an offset
gets R35-N1's channel remark (review 43's row, chained). The wrong data (R47-W1..W3) depends on the channel zone and
the server and is entered by hand below, as is R47-L1 (a*), which no report line shows.
Run from the worktree root (after npm run build): python3 docs/review47/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 47: every Bundle read; the (b) hits checked in the corpus: RF1 (no sheet), PRD-4 (PRD[Practitioner]
    # no target), DG1-6 W/F (DiagnosisType: no role), OBR-26 (OBR[DiagnosticReport]/[ServiceRequest] #26 "next
    # edition"), OBR-28 (deferred), OBR-27 beside ORC-7, ORC-13, NTE-2, ORDER_OBSERVATION NTE (ORU_R01 4.2.3 no target),
    # RXA-1/2/4, ORC-1 RE (VXU), PV1-6 of an A12 (the cancelled destination), MSH-15/16. Rows below: lines first seen in
    # this sample.
    # RF1-2 `U` (the sender's "urgent") is no code of table 0280 (S/A/R): the sender's code, reported (sample habit)
    (r'^RF1-2: a referral priority outside table 0280', 'b', 'remark: RF1-2 outside table 0280 (review 47)'),
    # PRD-7 PI.2 (type of ID number) sent as the authority AUSHICPR/AUSHIC (the sample put the authority in PI.2): kept
    # without a system, reported
    (r'^PRD-7\.2: a provider identifier type that names no identifier system hig knows', 'b', 'remark: PRD-7.2 type naming no known system (review 47)'),
    # XTN.2 ORN (other residence number) has no FHIR use in the IG's TelecommunicationUseCode map: the number is kept
    (r"^PID-13: XTN\.2 \(a use code the IG's TelecommunicationUseCode map gives no FHIR use\)", 'b', 'remark: XTN.2 ORN has no use (review 47)'),
    # VXU 2.4: an NTE after RXA (no NTE there in the 2.4/2.5 grammar; the sample's), kept as the Immunization's note
    (r'^segment NTE is not where structure VXU_V04 expects it', 'b', 'remark: VXU NTE after RXA out of grammar (review 47 sample)'),
    # #11 on the review's channel only (bare MSH-7 in the repeated hour): the documented first-pass default, reported
    (r'a time without offset in the hour \S+ repeats as daylight saving ends, placed by no MSH-7 offset', 'b', 'remark: repeated-hour time read in its first pass, reported (review 47 #11, channel zone only)'),
] + (tables_of(HERE.parent / 'review46' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review45' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review44' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 47's reading of main 025c7b88 on the Australia/Sydney channel), by
# message number; the destination ones judged by delivering the messages in feed order (test/review47/destination.test.ts).
W1 = 'R47-W1 #09 OBR-7/OBR-14/OBX-14 collected 02:40 in the first pass read 02:40+10:00 by MSH-7 02:20+1000: after the message and OBR-22'
W2 = 'R47-W2 PV1-44 / OBX-14 of the repeated hour re-sent by a message sent hours after it (MSH-7 +1000) read in the second pass, unreported: the server\'s held first-pass value moves an hour'
W3 = 'R47-W3 #20 ORC-1 RP: the replaced vitamin D order stays active (hig reads CA as revoked; OrderStatus RP -> revoked)'
L1 = 'R47-L1 (a*) PID-10 Indigenous status (AS 4700.1) written as us-core-race text, its code dropped; IG PID #10: AUS = indigenous extension'
WRONG = {9: [W1], 12: [W2], 13: [W2], 14: [W2], 20: [W3]}
SILENT = {}
SILENT_ASTAR = {n: [L1] for n in (1, 2, 3, 4, 5, 6, 10, 11, 12, 13, 14, 15, 16, 17, 20, 21, 23, 24)}
_FIXED = {'R47-W1': '69721814', 'R47-W2': '69721814',  # fix32e: MSH-7 and the message's done times bound a bare repeated-hour time; MSH-7 places a pass only within two hours
          'R47-W3': '77d2188b', 'R47-L1': 'ed28610d'}  # fix32f: RP/RU end the order replaced, the RO replaces it; PID-10 AUSIS -> AU Base indigenous-status
REFUSED = set()
DELETES = set()

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
