#!/usr/bin/env python3
"""Review 45 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-43's method over review 45's 24 synthetic messages (docs/review45/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 45" first, then review 43's, 42's and 41's chains, read
through tally_core.tables_of, not copied (review 44 ran beside this one and is not on main at 9dd2205: its rows
are not chained).
tally_core converts with default options (zone UTC). This sample is on a Europe/Amsterdam channel across the spring
change of 31 March 2030: the bare times the review reads in Europe/Amsterdam are read at UTC by the tally, so the
one `value` line that depends on the zone (the OBR-8 02:05 of #11/#14/#18, in the hour Europe/Amsterdam skips) is
absent under the tally and present on the review's channel (classed below either way); every message whose MSH-7
has an offset gets R35-N1's channel remark under the tally (review 43's row, chained).
Run from the worktree root (after npm run build): python3 docs/review45/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 45: every Bundle read; the (b) hits checked in the corpus: SCH-6 (SCH[Appointment] #6 no target),
    # OBR-27 in an order whose ORC-7 is valued (OBR[ServiceRequest] #27 only IF ORC-7 NOT VALUED), TXA-5/TXA-15
    # (TXA[DocumentReference] #5, #15 no target), OBX-11 of a document (OBX[DocumentReference] no status row): all
    # classed by the chained rows. The CX.5 NNNLD and XCN.13 AGB lines ('no code of HL7 table 0203 keeps no system') and
    # PV1-10's are tally_core REMARKS. The row below is seen only on the review's Europe/Amsterdam channel.
    (r'^OBR-8 \(segment \d+\): a time without offset in the hour Europe/Amsterdam skips as daylight saving starts', 'b', 'remark: OBR-8 on a modality clock not moved forward, read at +01:00 and said so (R31-N2 rule; review 45)'),
    # added with fix31c (R45-R1 fixed, OMI^O23 converts): IPC has no IG sheet; IPC-1 is the order's ACSN identifier
    # (hig rule), the step's fields IPC-2..9 have no IG row and no ServiceRequest element (docs/mapping.md "Imaging orders")
    (r'^IPC-\d+ is valued but not mapped', 'b', 'IPC-2..9 requested procedure / study UID / step / modality / station: no IPC sheet in the IG (fix31c)'),
] + (tables_of(HERE.parent / 'review43' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review42' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review41' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 45's reading of main 9dd2205), by message number; the destination
# ones judged by delivering the messages in feed order (test/review45/destination.test.ts).
# #03 and #07: OMI^O23 (IHE RAD-4 "procedure scheduled" with IPC: accession, requested procedure, Study Instance UID,
# scheduled procedure step, modality, station) is refused with UNSUPPORTED_EVENT; the IG has no OMI_O23 message map
# and no IPC segment map.
WRONG = {}
SILENT = {}
SILENT_ASTAR = {}
_FIXED = {'R45-R1': 'a778d95a'}  # fix31c: OMI^O23 converts (grammar, IPC-1 ACSN, the RIS's NW a patch)
REFUSED = set() if _fixed(_FIXED['R45-R1']) else {3, 7}
DELETES = set()

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
