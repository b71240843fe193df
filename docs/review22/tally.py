#!/usr/bin/env python3
"""Review 22 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-21's method over review 22's 24 synthetic messages (docs/review22/messages/, drawn by
docs/reviewtools/draw.py). CLASSES is review 21's table (itself review 19's with review 21's rows first), read
through tally_core.tables_of, not copied, with the rows marked "review 22" first. Manual findings (WRONG, SILENT)
by message number; each counts only on a commit before its fix (_FIXED, asked of git; none yet).
Run from the worktree root (after npm run build): python3 docs/review22/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 22: report texts the earlier tables placed too broadly ----
    # #17: TQ1-12 conjunction of a pharmacy order's second TQ1: the IG row names `extension??-conjunction`
    # (TQ1[MedicationRequest] #12), an unnamed extension, so (a*), not review 19's generic (b) row
    (r'^TQ1-12 is valued but not mapped', 'a*', 'TQ1-12 conjunction (TQ1[MedicationRequest] #12 extension??)'),
] + tables_of(HERE.parent / 'review21' / 'tally.py')['CLASSES']

# Manual findings the report cannot show (review 22's reading of main cd550b0), by message number.
# R22-L1 (#17): RXE-7 give instructions on the first dosageInstruction only; the Q4H PRN instruction loses
# "Max 3 g per 24 h" (pharmacy.ts mapRxe appendDosageText(firstDosage); medication-timing.ts shareOrderDosage
# shares route/site/method/device/dose, not the text). Silent: the text is in the Bundle once.
L1 = 'R22-L1 RXE-7 give instructions reach the first of several TQ1 instructions only (hig RXE-7 → dosageInstruction.text; TQ1[MedicationRequest])'
# R22-L2 (#22): TXA-4 activity date/time neither mapped nor reported (IG TXA[DocumentReference] #4 has no target:
# a (b) field; counted here as a silent loss because hig's rule is "mapped or reported", documents.ts mapTxa).
L2 = 'R22-L2 TXA-4 activity date/time dropped without a report line (TXA[DocumentReference] #4, no target; documents.ts)'
# R22-D1 (#11, judged at the destination after #09 as review 21 judged R21-R1): the lab's SC with its OBR is a
# full PUT to the order #09 placed; the server's TSH order loses ORC-12 requester, authoredOn, ORC-7
# occurrence/priority, without a report line (docs/mapping.md "Explicit null and empties": orders stay full PUTs).
D1 = 'R22-D1 an SC status change with its OBR PUTs the whole order: the held requester/authoredOn/priority are removed (ORC[ServiceRequest] #12, #9; patch.ts / mapping.md full PUT of orders)'
WRONG = {}
SILENT = {11: [D1], 17: [L1], 22: [L2]}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = {3}   # #03 A29: DELETE Patient, nothing to read field by field
_FIXED = {'R22-L1': 'a404cb7', 'R22-L2': 'fc813fb', 'R22-D1': 'a467812'}

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
