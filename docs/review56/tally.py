#!/usr/bin/env python3
"""Review 56 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-53's method over review 56's 24 synthetic messages (docs/review56/messages/, drawn by
docs/reviewtools/draw.py): an Indian tertiary hospital's order entry and its laboratory / radiology fulfilment on one
Asia/Kolkata channel (January 2033, IST +05:30 throughout, no clock change; every MSH-7 carries +0530, message 24's
reference-lab times +0400). The focus is the order lifecycle (ORC-1 / ORC-5 through the IG's OrderControlCode and
OrderStatus maps). CLASSES: the rows marked "review 56" first, then review 53's, 52's and 51's chains, read through
tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, SILENT_ASTAR, REFUSED) by message number; each
counts only on a commit before its fix (_FIXED, asked of git). tally_core converts with default options (zone UTC);
every MSH-7 here has an offset, so the bare times read by it (R35-N1's channel remark is a (b) remark, tally_core
REMARKS); the values were judged by hand on Asia/Kolkata (test/review56/destination.test.ts).
Run from the worktree root (after npm run build): python3 docs/review56/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 56: every Bundle read; each (b) hit checked in the corpus (no IG target) or against hig's
    # documented rule, classed below or by the chained rows. SPM-2's "two specimens of one number" line (#07, #24: the
    # sender's EI^namespace habit) is tally_core's REMARKS row; its consequence across messages is R56-W1 (manual).
    (r'^ORC-8 is valued but not mapped', 'b', 'ORC-8 parent order: IG ORC[ServiceRequest] #8 has no target ("addressed in a future edition"); the reflex child\'s parent is OBR-29 -> basedOn, the RO\'s replaced order the RP/RU before it -> replaces (review 56 #12, #13, #14, #17, #22)'),
    (r'^ORC-17 is valued but not mapped', 'b', 'ORC-17 entering organization: IG ORC[ServiceRequest] #17 has no target (the ORC[Provenance] row takes it only beside ORC-10) (review 56)'),
    (r'^OBR-27 is valued but not mapped', 'b', 'OBR-27 TQ beside an equal ORC-7: IG OBR[ServiceRequest] #27 applies IF ORC-7 NOT VALUED (review 56 #01, #05, #15)'),
] + (tables_of(HERE.parent / 'review53' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review52' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review51' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 56's reading of main a38862a3), by message number; the destination
# ones judged by delivering the messages in feed order on Asia/Kolkata (test/review56/destination.test.ts).
# R56-W1 (#24, at the destination): the SPM-2 of each tube is sent `S56-0115-0n^NVLIS` (the sender's habit: EI +
# namespace where SPM-2 is EIP), so hig reads every tube's filler number (EIP.2) as `NVLIS` and keys the Specimen by
# patient + that "filler number" (spm.ts numberedSpecimen: the first SPM of a number in a message takes the key, a
# further one of that number that says otherwise gets `#n`). In #07/#11/#12/#14 the serum tube S56-0115-01 is the
# first SPM and takes the key; in #24 the urine S56-0115-02 is first: its PUT replaces the serum tube's Specimen, so
# the RFT, TSH and free T4 reports and the RFT / lipid / TSH / free T4 orders now name a urine specimen (midstream,
# collected 06:15), S56-0115-01 is held by no Specimen, and S56-0115-03 by two. No report line says so across
# messages (the #24 line speaks of the message alone). IG SPM[Specimen] #2 -> identifier; the identity is hig's.
W1 = 'R56-W1 wrong data (destination): a tube\'s Specimen keyed by a filler number several tubes share (SPM-2 EIP.2 = NVLIS) is overwritten by the first SPM of another message: the serum reports\' specimen becomes the urine (IG SPM[Specimen] #2)'
# R56-W2 (#13, #14, at the destination): the lab's reflex free T4 is placed by an SN (#12, ORC-2 empty, ORC-3
# L56-20488): one ServiceRequest, FILL only. The placer's NA (#13) assigns NVO5620041 beside L56-20488; hig searches
# the order by the placer number + OBR-4 only, finds none and creates a second ServiceRequest (PLAC + FILL); the result
# (#14) completes that one. The server then holds two free T4 orders for one test: the SN's, reflex-order, `unknown`,
# based on the TSH, forever open, and the completed one. IG ORC[ServiceRequest] #2, #3 (both numbers are the order's
# identifiers); ORM_O01 / OML_O21 4.1 one ServiceRequest per ORC.
W2 = 'R56-W2 wrong data (destination): the placer\'s NA (number assigned) to the lab\'s SN reflex order is a second ServiceRequest (searched by the new placer number only); the SN order stays open `unknown` beside the completed one (IG ORC[ServiceRequest] #2, #3)'
WRONG = {13: [W2], 14: [W2], 24: [W1]}
SILENT = {}
SILENT_ASTAR = {}
# R56-R1 (#02, fixed by b0866c0b, fix35a: counted through the converter's refusal before it): ORR^O02 (the v2.4 response to an ORM^O01: MSA + ORC OK with the filler numbers) is refused
# (UNSUPPORTED_EVENT; docs/mapping.md "ORL_O34/O36 … and ORR^O02 are still refused"). The OK and the filler numbers
# reach the server only with the next SC (#03).
REFUSED = set()  # #02 was counted here and by the converter's refusal; since fix35a (b0866c0b) it converts
DELETES = set()
_FIXED = {'R56-W1': '9b844524', 'R56-W2': '2521f9bb', 'R56-R1': 'b0866c0b', 'R56-N1': 'f31aaa21'}  # fix34f: a Specimen with both SPM-2 numbers is keyed by the pair (W1); an NA is searched by the filler number of the lab's SN order (W2)

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
