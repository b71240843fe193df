#!/usr/bin/env python3
"""Review 69 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-68's method over review 69's 24 synthetic messages (docs/review69/messages/, drawn by
docs/reviewtools/draw.py): a Norwegian university hospital (Fjordvik universitetssjukehus, invented) on one Europe/Oslo
channel across the end of daylight saving (Sunday 29 October 2034, 03:00 CEST -> 02:00 CET): ADT (FUSPAS v2.5, MSH-7
with offset: A01, A02, A03, A13, A04, A08, A40, A11), order entry (FUSREK OML^O21 v2.5.1, MSH-7 with offset; one of two
tests cancelled by ORC-1 CA), clinical chemistry (FUSLAB ORU^R01 v2.5.1, every time bare: a troponin drawn in the first
pass and reported in the second, a cancelled CK-MB OBR-25 X, a corrected troponin) and microbiology (FUSMIK ORU^R01
v2.5.1: culture preliminary -> final with a child susceptibility OBR by OBR-26 / OBR-29). Fødselsnummer and D-number
(NNNOR, the register's OIDs) beside the MRN; Æ Ø Å in UTF-8. The focus is times across the fall-back at the FHIR
destination, identifiers, corrections and cancels. CLASSES: review 68's, 67's and 66's chains, read through
tally_core.tables_of, not copied (every line of this sample is classed by them). Manual findings (WRONG, SILENT,
SILENT_ASTAR, REFUSED) by message number; each counts only on a commit before its fix (_FIXED, asked of git).
tally_core converts with default options (zone UTC, where no hour repeats: the repeated-hour lines do not show here);
the values were judged by hand on Europe/Oslo (test/review69/destination.test.ts, defects.test.ts).
Run from the worktree root (after npm run build): python3 docs/review69/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 69: every Bundle read; no line of its own needed (the chained rows class each one).
] + (tables_of(HERE.parent / 'review68' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review67' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review66' / 'tally.py')['CLASSES'])
CLASSES = list(dict.fromkeys(CLASSES))

# Manual findings the report cannot show (review 69's reading of main 487c5f42), by message number; judged by
# delivering the messages in feed order on Europe/Oslo (test/review69/destination.test.ts, defects.test.ts).
# R69-W1 (#06): the 3-hour troponin, every time bare in the repeated hour: drawn OBR-7 02:50, received OBR-14 02:56,
# reported OBR-22 02:20, sent MSH-7 02:21. hig places the draw and receipt in the first pass (00:50Z, 00:56Z: the only
# readings not after the report) but holds OBR-22 against its upper bound only and reads it in the first pass too,
# 00:20Z: the DiagnosticReport and its Observation issued 30 minutes before the blood was drawn, the order's status
# date (ORC-9) and Bundle.timestamp (MSH-7) an hour early. The message rules 00:20Z out; 01:20Z is its one reading.
W1 = 'R69-W1: a report reported in the second pass of the repeated hour, its draw in the first (placed so by hig), is read in the first pass: issued 30 minutes before its own draw'
WRONG = {6: [W1]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R69-W1': '08a49a46'}  # fix38d: the ordering rule read the other way: a bare repeated-hour OBR-22 not before its draw / receipt, a bare MSH-7 not before what it reports (then its pass for the message's other bare times)

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
