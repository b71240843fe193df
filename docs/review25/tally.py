#!/usr/bin/env python3
"""Review 25 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-24's method over review 25's 24 synthetic messages (docs/review25/messages/, drawn by
docs/reviewtools/draw.py). CLASSES is review 24's table (itself review 22's, 21's…), read through
tally_core.tables_of, not copied, with the rows marked "review 25" first. Manual findings (WRONG, SILENT)
by message number; each counts only on a commit before its fix (_FIXED, asked of git).
Run from the worktree root (after npm run build): python3 docs/review25/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 25: report texts the earlier tables did not place ----
    # #21/#22: the line R23-L1's fix (ca202cc) gives TXA-22's time names a field without a target; review 23's
    # table places it (review 24's, which this one reads, comes from review 22's and predates the fix)
    (r'^TXA-22: PPN\.15, the authentication date/time', 'b', 'TXA-22 PPN.15 authentication time (TXA[DocumentReference] #22 no target)'),
] + tables_of(HERE.parent / 'review24' / 'tally.py')['CLASSES']

# Manual findings the report cannot show (review 25's reading of main 232831c), by message number. Order events
# are judged at the destination (test/review25/destination.test.ts, defects.test.ts: POSTed to the in-repo server).
# R22-D1 class, found again (#15 after #12/#13): the Beaker ORU's ServiceRequest (ORC-1 RE, OBR-25 F) is a full PUT
# at the CMP order's URL: the server's order loses authoredOn (ORC-9 of the NW), priority/occurrence (TQ1), the DG1
# reasonReference, the AOE supportingInfo, the requisition and the ORC-21 PractitionerRole requester; no report
# line. docs/mapping.md says "result messages (ORU, OUL) keep their PUT"; review 23 counted the class (its tally
# still does on HEAD: test/review23 R22-D1 class over HTTP is an expected fail), review 24 noted it only.
RD1 = 'R22-D1 class: a result message PUTs the whole order over the placer\'s: authoredOn/priority/occurrence/DG1 reason/AOE supportingInfo/ORC-21 requester removed (ORC[ServiceRequest] #7/#9/#21, OML_O21 DG1/OBX; mapping.md "result messages keep their PUT")'
# R23-D1, found again (#18 after #16): the Soarian RDE XO re-sends the whole vancomycin order (new dose and rate):
# a full PUT without authoredOn (ORC-9 → authoredOn only on NW), so the server's order loses the time it was
# placed; no report line (review 23's R23-D1, open on HEAD: test/review23 R23-D1 is an expected fail).
D1 = 'R23-D1 an XO that re-sends the whole order PUTs it without authoredOn: the held authoredOn is removed (ORC-9 IF NW; mapping.md full PUT of orders)'
WRONG = {}
SILENT = {15: [RD1], 18: [D1]}
SILENT_ASTAR = {}
# #08 ADT^A44 and #17 RGV^O15: UNSUPPORTED_EVENT (docs/mapping.md "Supported events": A44 and RGV_O15 named as
# not converted); the converter exits non-zero, which tally_core counts as refused.
# #08 ADT^A44 refused (UNSUPPORTED_EVENT) until the lead took A44 on (17d8620); #17 RGV^O15 (no IG map) until
# fix32a (203fd49: each RXG a MedicationRequest instance-order basedOn the order, docs/mapping.md "Pharmacy")
REFUSED = ({17} if _fixed('17d8620') else {8, 17}) - ({17} if _fixed('203fd49') else set())
DELETES = set()
_FIXED = {'R22-D1 class': 'e1195fd', 'R23-D1': 'fafa090', 'R25-N3': 'd982d5ea'}  # own23; #18's R23-D1 (a pharmacy XO, MedicationRequest): rx23; R25-N3 (an SC's Specimen keeps the NW's SPM-7): fix36e

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
