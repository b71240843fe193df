#!/usr/bin/env python3
"""Review 39 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-38's method over review 39's 24 synthetic messages (docs/review39/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 39" first, then review 38's, 37's and 36's chains, read
through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, REFUSED) by message number; each counts only
on a commit before its fix (_FIXED, asked of git).
tally_core converts with default options (zone UTC): the report lines it classes are the ones read under the channel
zone America/Chicago the review read the Bundles with (every time in this sample carries its offset except the DFT's,
#18, whose MSH-7 is bare too; no report line of #18 names a time, so no `value` remark differs).
Run from the worktree root (after npm run build): python3 docs/review39/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 39: every Bundle read; no line left unclassed by the chained rows (the (b) hits checked in the
    # corpus: RXA-1/2 (RXA[Immunization] #1/#2 empty), RXA-15/16 of a RAS (no RXA[MedicationAdministration] sheet),
    # RXE-21 (no RXE sheet), FT1-5/6/13/26 (no FT1 map), NTE-2, TXA-4/5/22 PPN.15 (TXA #4/#5/#22 empty), OBX-3/11 of a
    # document, MSH-15/16/21, DG1-6 F (the DiagnosisType map gives F no role)).
] + (tables_of(HERE.parent / 'review38' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review37' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review36' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 39's reading of main f0f3e8d), by message number; the destination
# ones judged by delivering the messages in feed order (test/review39/destination.test.ts, defects.test.ts).
# R39-W1 (#24): a historical dose (RXA-9 01 "Historical information - source unspecified", RXA-3 2028-01-14, given at
# the hospital at birth) → Immunization.encounter = the clinic's well-child visit of 2028-02-28 (PV1-19 PMP3900223),
# "the visit ... the immunization was performed as part of" (FHIR R4): the visit of the message, which only recorded it.
W1 = 'R39-W1: a historical dose (RXA-9 01-08, primarySource false) linked as Immunization.encounter to the visit that recorded it (FHIR R4 Immunization.encounter; no IG row sets it)'
WRONG = {24: [W1]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R39-W1': 'b188169'}  # the lead: historical doses name no encounter

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
