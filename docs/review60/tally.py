#!/usr/bin/env python3
"""Review 60 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-59's method over review 60's 24 synthetic messages (docs/review60/messages/, drawn by
docs/reviewtools/draw.py): a Brazilian private hospital group in São Paulo (HJPTASY ADT / ORM / RDE, ISO 8859-1 bytes
with MSH-18 8859/1) and its clinical laboratory and bedside eMAR (LIPRLIS ORU, HJPBEIRA RAS, UTF-8 with MSH-18
UNICODE UTF-8) on one America/Sao_Paulo channel (May 2034, BRT -03:00, no daylight saving since 2019; every MSH-7
carries -0300). The focus is the FHIR destination: patients by MRN with CPF (TAX) and CNS (NH) beside it, accented
names through both charsets, the operadora's Coverage (ANS number), the visit through A01 / A02 / A03 / A13 / A03 and
A04 / A11, the A40 merge, lab orders (one cancelled) and results (one corrected, a culture with its antibiograma),
and an RDE / RAS pair. CLASSES: the rows marked "review 60" first, then review 59's, 58's and 57's chains, read
through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, SILENT_ASTAR, REFUSED) by message number;
each counts only on a commit before its fix (_FIXED, asked of git). tally_core converts with default options (zone
UTC); every MSH-7 here has an offset, so the bare times read by it; the values were judged by hand on
America/Sao_Paulo (test/review60/destination.test.ts).
Run from the worktree root (after npm run build): python3 docs/review60/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 60: every Bundle read; each (b) hit checked in the corpus (no IG target) or against hig's
    # documented rule, classed below or by the chained rows.
    (r'^OBR-7 is valued but not mapped', 'b', 'OBR-7 in an order message (ORM^O01): IG OBR[ServiceRequest] #7 "should not be populated in a message corresponding to a ServiceRequest (eg ORM)"; the sender\'s collection time (review 60 #02, #12, #13)'),
    (r'^OBR-27 is valued but not mapped', 'b', 'OBR-27 quantity/timing beside ORC-7: IG OBR[ServiceRequest] #27 "IF ORC-7 NOT VALUED" (review 60 #02)'),
    (r'^RXE-15 is valued but not mapped', 'b', 'RXE-15 prescription number: no RXE map in the IG corpus (docs/mapping.md pharmacy rows) (review 60 #05)'),
    (r'^RXA-(1|2|11) is valued but not mapped', 'b', 'RXA-1/2 give and administration sub-ID counters, RXA-11 administered-at location outside VXU: no RXA[MedicationAdministration] map in the corpus; R4 MedicationAdministration has no location (review 60 #06)'),
    (r'^ORC-5: a code with no entry in the IG.s OrderStatus map', 'b', 'ORC-5 A (some results available): no row in the IG OrderStatus map (table 0038) (review 60 #15)'),
    (r'^DG1-6: a diagnosis type the DiagnosisType map gives no diagnosis role for', 'b', 'DG1-6 W / F: the IG DiagnosisType map has rows for W and F with no FHIR code (review 60 #01, #10)'),
    (r'^MRG-3: a prior account number in a patient merge', 'b', 'MRG-3 prior account in an A40: IG MRG[Account] only for account merges (review 60 #21)'),
] + (tables_of(HERE.parent / 'review59' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review58' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review57' / 'tally.py')['CLASSES'])
# The chains repeat their ancestors' rows: the first of each row kept, in order (the first match, and so every class,
# is unchanged; review 59's note).
CLASSES = list(dict.fromkeys(CLASSES))

# Manual findings the report cannot show (review 60's reading of main 10a0cb88), by message number; the destination
# ones judged by delivering the messages in feed order on America/Sao_Paulo (test/review60/destination.test.ts).
WRONG = {}
SILENT = {}
# R60-L1 (#01-#10, Maria's PID): PID-10 `03^Parda^BR-IBGE-RACA` (the IBGE raça/cor category the Brazilian
# registration records, code 03 "Parda") is written as the us-core-race extension with text "Parda" only: the code
# and its coding system are dropped without a report line; a Brazilian category stated in the US OMB race extension.
# The class of R47-L1 (AUSIS, fixed by fix32f) and R53-L1 (NZ ethnicity, fixed by fix34b): each fix named one
# realm's code set; every other coded race still goes to us-core-race text.
L1 = 'R60-L1 (a*) PID-10 race of another realm (Brazil IBGE raça/cor 03 Parda) written as us-core-race text, its code and system dropped without a report line (IG PID[Patient] #10: "should use the local extension ... based on the country/realm"; R47-L1, R53-L1 class)'
SILENT_ASTAR = {n: [L1] for n in range(1, 11)}
REFUSED = set()
DELETES = set()
_FIXED = {'R60-L1': '8d183d1d', 'R60-N5': '8482185e', 'R60-N1': '54dcdd2d'}  # fix36d: a PID-10 code of a non-US code set (IBGE raca/cor) kept in v2-race, never US Core race; fix36f: a dispense's / administration's order event adds the pharmacy's ORC-3 to the held order; PID-6's parts beside XPN.1 reported

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
