#!/usr/bin/env python3
"""Review 67 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-65's method over review 67's 24 synthetic messages (docs/review67/messages/, drawn by
docs/reviewtools/draw.py): a Canadian provincial health region (Alberta) on one America/Edmonton channel across the
start of MDT on Sunday 13 March 2033: the region's EMPI (TPEMPI ADT v2.5 A28, A31, A24, A37), two hospitals'
registration systems (TPRHREG ADT v2.5 A04/A01/A08/A03/A40/A47 with MSH-7 offsets; WCCHREG A04/A08/A03/A34 with a bare
MSH-7) and a community laboratory (PCCLLIS ORU^R01 v2.5.1 chemistry filed against the Alberta PHN). The focus is
patient identity judged at the FHIR destination. CLASSES: the rows marked "review 67" first, then review 65's, 64's
and 63's chains, read through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, SILENT_ASTAR, REFUSED)
by message number; each counts only on a commit before its fix (_FIXED, asked of git). tally_core converts with
default options (zone UTC); the values were judged by hand on America/Edmonton (test/review67/destination.test.ts).
Run from the worktree root (after npm run build): python3 docs/review67/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 67: every Bundle read; each report line of this sample is classed by the chained rows (review 59's
    # XTN.2 use beside XTN.3 CP, PV1-10 / PV1-18 local codes of no coding system; the 'meta' row for MSH-15/16) or
    # tally_core REMARKS (XPN.7 `U` of the trauma alias in PID-5 and MRG-7): no row of its own is needed.
] + (tables_of(HERE.parent / 'review65' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review64' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review63' / 'tally.py')['CLASSES'])
CLASSES = list(dict.fromkeys(CLASSES))

# Manual findings the report cannot show (review 67's reading of main 446f8d27), by message number; judged by
# delivering the messages in feed order on America/Edmonton (test/review67/destination.test.ts).
# R67-W1 (#17, #19; destination): the A47's MRG-1 is HOVLAND's mistyped PHN 967010003, which is OGUNLEYE's; the
# retired record of the "merge", keyed on that PHN, is OGUNLEYE's Patient (made by his PHN-only lab results #03): it is
# PUT with HOVLAND's name, sex, birth date and language, active false, replaced-by HOVLAND; his lipid report names it.
# #19 (his next result) PUTs his name back, and the destination carries active false / replaced-by (R33-L1): his
# creatinine lands on a record that says it is HOVLAND's. v2.5.1 3.3.47 (an identifier of the record changed, no
# second record); IG PID[Patient] #3 (the PHN identifies OGUNLEYE); FHIR R4 Patient.link replaced-by.
W1 = 'R67-W1 (destination) A47 MRG-1 = a mistyped PHN: another person\'s Patient overwritten with HOVLAND\'s person, inactive, replaced-by HOVLAND (v2.5.1 3.3.47; IG PID[Patient] #3)'
W1b = 'R67-W1 (destination) OGUNLEYE\'s creatinine filed on his Patient, held inactive and replaced-by HOVLAND since #17'
WRONG = {17: [W1], 19: [W1b]}
# R67-L1 (#07; destination): the EMPI's A24 PUTs CARDINAL's TPRH record whole from its PID (MRN + PHN: the source
# record's numbers), erasing the Indian Registry number 6731005501 (INAC RRI) that #02 (TPRH's own A04) and #05 gave
# it, and the EMPI id; the record her visits name no longer carries her registry number. IG PID[Patient] #3 (the fact
# an earlier message delivered); the class of R62-L2 (a link/merge event's record PUT whole), fixed for MRG only.
SILENT = {7: ['R67-L1 (destination) A24 link PUT erases the held Indian Registry number / EMPI id of the linked record (IG PID[Patient] #3; R62-L2 class)']}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R67-W1': '2ccefc11', 'R67-L1': '2ccefc11'}  # fix37d: an A47 whose MRG-1 is of another domain than the record key corrects an identifier (no retired record; the wrong number withdrawn); the destination refuses to retire another person's Patient; A24/A37 PUTs keep the held identifiers they do not name

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
