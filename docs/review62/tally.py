#!/usr/bin/env python3
"""Review 62 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-59's method over review 62's 24 synthetic messages (docs/review62/messages/, drawn by
docs/reviewtools/draw.py): a Singapore public hospital cluster's registration (KRGPAS ADT 2.6, MSH-18 UNICODE UTF-8),
order entry (KRGCPOE OML^O21, ORM^O01, RDE^O11 2.5), laboratory (KRGLIS ORU^R01), radiology (KRGRIS ORU^R01 text
report) and outpatient pharmacy (KRGPHIS RDS^O13) on one Asia/Singapore channel (May 2034, SGT +08:00, no clock
change; every MSH-7 carries +0800). The focus is identity and names (MRN beside the NRIC / FIN, NNSGP; Chinese names
in Han characters in a second PID-5 / NK1-2 repetition; Malay bin/binti and Tamil s/o / d/o names; the foreign
domestic helper NK1), the ADT life cycle (A01/A02/A12/A03, A04, A05, A08, A28/A31, A40), lab orders and results
(HbA1c, lipids, dengue NS1 / serology, a cancelled test, a corrected platelet count), a radiology text report and an
outpatient prescription / dispense with TQ1, judged at the FHIR destination. CLASSES: the rows marked "review 62"
first, then review 59's, 58's and 57's chains, read through tally_core.tables_of, not copied. Manual findings
(WRONG, SILENT, SILENT_ASTAR, REFUSED) by message number; each counts only on a commit before its fix (_FIXED, asked
of git). tally_core converts with default options (zone UTC); every MSH-7 here has an offset, so the bare times read
by it (R35-N1's channel remark is a (b) remark, tally_core REMARKS); the values were judged by hand on
Asia/Singapore (test/review62/destination.test.ts).
Run from the worktree root (after npm run build): python3 docs/review62/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 62: every Bundle read; each (b) hit checked in the corpus (no IG target) or against hig's
    # documented rule. Every line this sample prints is classed by the chained rows (review 59's XTN.2 PRN beside CP,
    # PV1-39, NTE-2; review 48's TQ1-3 RPT.2/3, RXE-15, ORC-29 in RDS, RXD-11..19; review 43's RXD-6/9/13; review 41's
    # OBR-7 in an order; review 50's PV1-6 of an A12; review 56's ORC-17; the chain's uncounted 'nc' row "CX.5 local
    # type (code kept, no system)" for NNSGP, and its 'meta' row for MSH-15/16) or tally_core REMARKS (the NameType line
    # of PID-5 `A`): no row of its own is needed.
] + (tables_of(HERE.parent / 'review59' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review58' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review57' / 'tally.py')['CLASSES'])
CLASSES = list(dict.fromkeys(CLASSES))

# Manual findings the report cannot show (review 62's reading of main 10a0cb88), by message number; the destination
# one judged by delivering the messages in feed order on Asia/Singapore (test/review62/destination.test.ts).
# R62-L1 (#01-#20: each carries PID-10): PID-10 `CN^Chinese^KRG-RACE` / `MY^Malay^KRG-RACE` / `IN^Indian^KRG-RACE` (the
# cluster's race table): us-core-race text only, the code and its system dropped without a report line; the IG's PID-10
# row asks for the local extension. Review 53 R53-L1's class (a*), fixed then for NZ ethnicity only (846dfd4a).
L1 = 'R62-L1 (a*) PID-10 local race code (KRG-RACE) written as us-core-race text, its code and system dropped without a line; IG PID[Patient] #10: local extension (R53-L1 class)'
# R62-L2 (#23, at the destination): #22 registered the ED duplicate KRG6200150 with PID-3 BR0817263^^^BGD^PPN; the A40
# (MRG-1 the MRN alone) PUTs the retired record whole with MRG-1's identifier: the passport the server held is erased
# and no Patient carries it after #23 (a search by the passport finds nobody). IG PID[Patient] #3 (the fact #22 gave);
# hig merge rule (R57-N1: the retired record's PUT should not erase the person the server held).
L2 = 'R62-L2 (a, destination) the A40 PUTs the retired record with MRG-1 alone: the passport (PID-3 PPN) #22 gave it is erased at the server, held by no Patient (IG PID[Patient] #3; hig merge rule R57-N1)'
WRONG = {}
SILENT = {23: [L2]}
SILENT_ASTAR = {n: [L1] for n in range(1, 21)}
REFUSED = set()
DELETES = set()
_FIXED = {'R62-L1': '8d183d1d', 'R62-L2': 'cfa4a530', 'R62-N1': '231aebb9', 'R62-N3': '8482185e', 'R62-N2': 'b4cb1d83'}  # fix36d: a PID-10/22 code of a non-US code set kept in v2-race / v2-ethnicGroup, never US Core; an A40's retired record keeps the held identifiers (held-elements.ts); NNxxx is table 0203's (N1, a note, not counted); fix36f: the RDS's PATCH of the held MedicationRequest adds the pharmacy's ORC-3 (FILL); fix37a: an employer NK1 without NK1-2 names its RelatedPerson from NK1-30, one naming only an organization makes none (N2, a note, not counted)

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
