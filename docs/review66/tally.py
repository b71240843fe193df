#!/usr/bin/env python3
"""Review 66 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-62's method over review 66's 24 synthetic messages (docs/review66/messages/, drawn by
docs/reviewtools/draw.py): a German university hospital's radiology and cardiology departments on one Europe/Berlin
channel (March 2035, CET +01:00 until 25 March, CEST +02:00 after): the KIS (ADT 2.5, MSH-18 8859/1, PID-3
Patientennummer + KVNR, IN1 of a statutory Krankenkasse by its IK), the RIS (OMI^O23 with IPC, ORU^R01 text reports,
one corrected; UTF-8), an old worklist broker (ORM^O01 2.3.1, MSH-18 empty with Latin-1 bytes), the cardiology
system (ORU^R01 ECG with measurements and an ED PDF; 8859/1) and the document system (MDM T02 / T08 / T11; UTF-8).
The focus is documents and imaging orders judged at the FHIR destination. CLASSES: the rows marked "review 66"
first, then review 62's, 61's and 60's chains, read through tally_core.tables_of, not copied. Manual findings
(WRONG, SILENT, SILENT_ASTAR, REFUSED) by message number; each counts only on a commit before its fix (_FIXED, asked
of git). tally_core converts with default options (zone UTC); the values were judged by hand on Europe/Berlin
(test/review66/destination.test.ts).
Run from the worktree root (after npm run build): python3 docs/review66/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 66: every Bundle read; each (b) hit checked in the corpus (no IG target) or against hig's
    # documented rule ("Imaging orders (OMI^O23, IPC)", "Documents (MDM)", "Character sets and escapes"). Every line
    # this sample prints is classed by the chained rows (review 59's XTN.2 PRN beside CP; review 36's OBR-18/19/20,
    # TXA-4, OBX-3 / OBX-11 of an MDM content; fix31c's IPC-2..9; review 48's OBR-24 outside table 0074; the
    # Windows-1252 remark of an empty MSH-18; the chain's 'field without IG target' for ORC-13, OBR-24 of an order,
    # TXA-21 of a T11) or tally_core REMARKS: no row of its own is needed.
] + (tables_of(HERE.parent / 'review62' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review61' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review60' / 'tally.py')['CLASSES'])
CLASSES = list(dict.fromkeys(CLASSES))

# Manual findings the report cannot show (review 66's reading of main ce865288), by message number.
WRONG = {}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R66-N1': '28af3f1a'}  # fix37c: OBX-5 HD / EI / EIP / DLN / CQ / MO / XTN keep their one value, the other parts reported (N1, a note, not counted); N5 decided: TXA-19 UN stays current (docs/mapping.md)

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
