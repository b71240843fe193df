#!/usr/bin/env python3
"""Review 65 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-62's method over review 65's 24 synthetic messages (docs/review65/messages/, drawn by
docs/reviewtools/draw.py): a US outpatient oncology infusion center and its hospital pharmacy on one America/Chicago
channel (November - December 2034, CDT -05:00 until 5 November, CST -06:00 after): the oncology EHR's CPOE (LKONC
RDE^O11 2.5.1: a compounded cyclophosphamide IV with RXO mg/m2, RXE, RXC, RXE-23/24 rate, BSA OBX, TQ1 Q21D x 4; an
oral antiemetic BID x 3 d; a PRN premedication; ORC-1 XO, HD, RL, DC, CA), the pharmacy (LKRX RDS^O13 resent,
RGV^O15, RAS^O17 CP / NA / PA, replayed), the scheduler (LKSCHED SIU^S12/S14/S15) and the lab (LKLAB ORU^R01 CBC /
ANC, a corrected ANC). The focus is the pharmacy order's life cycle judged at the FHIR destination. CLASSES: the rows
marked "review 65" first, then review 62's, 61's and 60's chains, read through tally_core.tables_of, not copied.
Manual findings (WRONG, SILENT, SILENT_ASTAR, REFUSED) by message number; each counts only on a commit before its fix
(_FIXED, asked of git). tally_core converts with default options (zone UTC); the lab's bare times read so there (the
values were judged by hand on America/Chicago: test/review65/destination.test.ts).
Run from the worktree root (after npm run build): python3 docs/review65/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 65: every Bundle read; each hit checked in the corpus (no IG target) or against hig's documented rule.
    # Every other line this sample prints is classed by the chained rows (review 59's XTN.2 PRN beside CP and PV1-18;
    # review 48's TQ1-3 RPT.2/3, RXA-1/2/11, RXD-11..19; review 43's RXD-6/13; the chain's 'nc' rows for RXO-1 / RXO-5
    # replaced by the RXE's and TQ1-2 beside the RXE give amount; 'meta' MSH-15/16; "field without IG target" for
    # RXE-14, RXG-2, RXA-8, RXA-22).
    # R65-L1: the chain counts "RXO-2-4 … which the RXE's encoded give amount … replaces" as documented ('nc'). The IG
    # gives the requested amount its own slot, doseAndRate[1] with type "ordered" [IG RXO[MedicationRequest] #2-#4], and
    # FHIR R4 Dosage.doseAndRate is 0..* typed ordered / calculated: the RXE's calculation need not replace it. The
    # line fires only when the RXO amount differs from the RXE's; here it is the oncologist's 600 mg/m2 beside the
    # pharmacy's 1092 / 1074 mg. Reported, so (a), not silent.
    (r"^RXO-2-4: the requested give amount, which the RXE's encoded give amount", 'a',
     "R65-L1 RXO-2-4 requested (ordered) dose dropped beside the RXE's calculated one: IG RXO[MedicationRequest] #2-#4 doseAndRate type ordered (review 65)"),
] + (tables_of(HERE.parent / 'review62' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review61' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review60' / 'tally.py')['CLASSES'])
CLASSES = list(dict.fromkeys(CLASSES))

# Manual findings the report cannot show (review 65's reading of main ce865288), by message number; the destination
# one judged by delivering the messages in feed order on America/Chicago (test/review65/destination.test.ts).
# R65-W1 (#19, at the destination): #16 HD put ORC-16 "Held: ANC below 1.5" on the order (hig's v2-orderControlCodeReason
# beside ORC-5 HD); #19 RL (ORC-16 empty) patches the status to active and leaves that reason: the released order states
# the reason it was held. IG ORC[ServiceRequest] #16 (the reason of the order control event); order.ts eventChange.
W1 = 'R65-W1 (destination) RL leaves the HD\'s ORC-16 reason (Held: ANC below 1.5) on the released, active MedicationRequest (IG ORC[ServiceRequest] #16)'
WRONG = {19: [W1]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R65-W1': 'eb9fab01', 'R65-L1': '85c598df', 'R65-N1': '5468a896', 'R65-N3': '630d8e85'}  # fix37b: an order event that states a status takes the held event extensions (hold reason, businessEvent) it does not restate away at the FHIR destination; the RXO's ordered dose beside the RXE's calculated one (dose-rate-type); a computed end at its own instant's offset; a give ends with its administration and its order's DC/CA

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
