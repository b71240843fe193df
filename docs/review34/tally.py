#!/usr/bin/env python3
"""Review 34 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-33's method over review 34's 24 synthetic messages (docs/review34/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 34" first, then review 33's and review 32's chains,
read through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, REFUSED) by message number; each
counts only on a commit before its fix (_FIXED, asked of git; empty: nothing fixed yet).
Run from the worktree root (after npm run build): python3 docs/review34/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 34: every line of the 22 Bundles read; the earlier chains class them all. The catch-all
    # "field without IG target" (b) hits were checked against the corpus: FT1-5/6/23/25 (no FT1 segment map; hig's
    # FT1-25 is read only when FT1-7 is empty: the CPT beside a local charge code is reported, R34-N3, a note: since 733be60
    # a second coding of ChargeItem.code), OBR-26 and
    # OBR-28 (OBR[ServiceRequest]/OBR[DiagnosticReport] #26, #28 deferred), ORC-8 (ORC[ServiceRequest] #8 "future
    # edition"), OBR-7/OBR-27 of an ORM (#7 "should not be populated in … ORM"; #27 only IF ORC-7 NOT VALUED), SAC
    # (no SAC map in the corpus), SPM-11, NTE-2, DG1-2 beside a DG1-3 with its system. ORC-2/ORC-3 "valued but not
    # mapped" is R33-N4's spurious line (OBR-2/OBR-3 carry the same numbers, kept as PLAC/FILL; gone since b29012f) ----
] + tables_of(HERE.parent / 'review33' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review32' / 'tally.py')['CLASSES']

# Manual findings the report cannot show (review 34's reading of main 44db398), by message number. Order events and
# what results point at are judged at the destination (test/review34/destination.test.ts).
# R34-W1 (#14): the serum tube KL27-340061-S1 (SPM-2 filler) under the TSH and under its reflex free T4 is two
# Specimen resources of one identifier (R33-W1's cx.add 'distinct', still open): two copies at the server.
# R34-W2 (#06, #02): one diagnosis sent as the reason of two or three tests of one order message (DG1-3 E11.9 twice in
# #06, Z00.00 twice in #02) is two Condition resources of one key (patient + visit + DG1-3, mapping.md "Resource
# identity"): two identical encounter-diagnoses at the server, Encounter.diagnosis listing both.
# R34-R1 (#07, #19): ORL^O22 (the lab's acceptance of the client order, ORC-1 OK, ORC-3 its filler number, ORC-5 SC)
# refused UNSUPPORTED_EVENT: no ORL map in the corpus, but ORC[ServiceRequest] #3 (identifier FILL) and #5 (status).
W1 = 'R34-W1: one tube (SPM-2 filler) under an order and its reflex is two Specimen resources at the server (= R33-W1; IG SPM[Specimen] #2; mapping.md Specimen identity)'
W2 = 'R34-W2: one DG1-3 diagnosis repeated under two tests of one order message is two Condition resources of one key (IG ORM_O01 DG1 → Condition, DG1[Condition] #3; mapping.md Condition identity)'
R1 = 'R34-R1: ORL^O22 refused (UNSUPPORTED_EVENT); the filler number (ORC-3 → identifier FILL) and ORC-5 SC never reach the order (IG ORC[ServiceRequest] #3, #5)'
WRONG = {2: [W2], 6: [W2], 14: [W1]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set() if _fixed('619f115') else {7, 19}  # fixorl26 converts ORL^O22
DELETES = set()
_FIXED = {'R34-W1': '86b1b06', 'R34-W2': '16487cd'}  # fixspm26 (R33-W1), dg126

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
