#!/usr/bin/env python3
"""Review 49 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-48's method over review 49's 24 synthetic messages (docs/review49/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 49" first, then review 48's, 47's and 46's chains, read
through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, REFUSED) by message number; each counts only
on a commit before its fix (_FIXED, asked of git). tally_core converts with default options (zone UTC). This sample
crosses America/Toronto's spring-forward (9 March 2031 02:00 EST -> 03:00 EDT: 02:00-02:59 does not exist), so the
skipped-hour `value` lines of the review's channel (#10, #11, #12, #13, #21, #24) are not printed under the tally: on
UTC no hour is skipped. Those readings were judged by hand (see docs/mapping-review-49.md); every message here carries
an MSH-7 offset and gets R35-N1's channel remark under the tally, a (b) remark (review 43's row).
Run from the worktree root (after npm run build): python3 docs/review49/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 49: every Bundle read; the (b) hits checked in the corpus (no RF1, PRD or FT1 sheet in the IG;
    # TXA[DocumentReference] and TXA[Provenance] #7, #11 without target; SCH[Appointment] #5, #6 without target;
    # AIL/AIP[Appointment] #2, #12 without target; NTE[Observation] #2 without target). The chained rows class them
    # too (the generic "field without IG target"); these name the fields this sample sends.
    (r'^TXA-(7|11) is valued but not mapped', 'b', 'TXA-7 transcription time, TXA-11 transcriptionist: TXA[DocumentReference] / TXA[Provenance] #7, #11 no target (review 49)'),
    (r'^FT1-(5|6|8|12|13|14|16) is valued but not mapped', 'b', 'FT1-5/6/8/12/13/14/16 (posting date, type, description, unit price, department, plan, location): no FT1 sheet (review 49)'),
    (r'^RF1-(4|8|9|11) is valued but not mapped', 'b', 'RF1-4 disposition, RF1-8 expiration, RF1-9 process date, RF1-11 external id: no RF1 sheet (review 49)'),
    (r'^SCH-5 is valued but not mapped', 'b', 'SCH-5 schedule id: SCH[Appointment] #5 no target (review 49)'),
    (r'^AI[LP]-12 is valued but not mapped', 'b', 'AIL-12 / AIP-12 filler status beside SCH-25 and the S26 event: AI*[Appointment] #12 no target (review 49)'),
] + (tables_of(HERE.parent / 'review48' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review47' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review46' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 49's reading of main 0c49e58e), by message number; judged at the
# destination too (test/review49/destination.test.ts, defects.test.ts).
# R49-W1 (#02, #15): an SIU^S12's PV1-3 (the room of a booking days ahead) becomes the Encounter's location with
# status `active` ("the patient is at this location now"); no later message writes the visit, so after the room change
# (#14), the consult in EX5 (#16/#17) and the no-show (#23) the server still holds Odette in EX3 and Finnegan in FC2.
W1 = 'R49-W1: a booking\'s room (SIU PV1-3) is written as the room the patient is in (Encounter.location active) days before the visit, and stays after a room change or a no-show'
WRONG = {2: [W1], 15: [W1]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R49-W1': 'b027559a'}  # fix33b: a booking's place planned; the FHIR destination moves or clears a held booking's place

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
