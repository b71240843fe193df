#!/usr/bin/env python3
"""Review 54 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-53's method over review 54's 24 synthetic messages (docs/review54/messages/, drawn by
docs/reviewtools/draw.py): a Québec university hospital (CHU) and its regional laboratory network on one
America/Toronto channel across the spring-forward of Sunday 13 March 2033 (02:00 EST -05:00 -> 03:00 EDT -04:00),
French text in 8859/1 Latin-1 and UTF-8 bytes. CLASSES: the rows marked "review 54" first, then review 53's, 52's
and 51's chains, read through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, SILENT_ASTAR,
REFUSED) by message number; each counts only on a commit before its fix (_FIXED, asked of git).
tally_core converts with default options (zone UTC): the skipped-hour lines of the review's channel (#05, #07, #16)
are not printed under the tally; the values were judged by hand on America/Toronto (test/review54/destination.test.ts).
Run from the worktree root (after npm run build): python3 docs/review54/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 54: every Bundle read; each (b) hit checked in the corpus (no IG target) or against hig's
    # documented rule, classed below or by the chained rows.
    (r'skips as daylight saving starts: no such local time', 'nc', 'a bare time in the hour the zone skips, read by hig\'s documented rule and reported (review 54 read each by hand: #05 OBR-7, #07 EVN-6, #16 OBR-7)'),
    (r'^MSH-19 is valued but not mapped', 'a', 'MSH-19 principal language: IG MSH[MessageHeader] #19 -> MessageHeader.language (CWE[Code]); reported, not mapped (mapping.md lists PrincipalLanguageOfMessage among maps not read)'),
    (r'^OBR-26 is valued but not mapped', 'b', 'OBR-26 parent result (the organism a susceptibility child is of): IG OBR rows "to be mapped in a next edition with micro"; reported (R54-N2)'),
    (r'^PID-5: XPN\.7 \(name type\): a code the IG\'s NameType map gives no name-use', 'b', 'XPN.7 A (v2.5 "Alias", the IG map\'s "Assigned"): no name-use in the IG NameType map; the name kept, reported'),
    (r'^NTE-2 is valued but not mapped', 'b', 'NTE-2 source of comment (L): no IG target on note'),
    (r'^TXA-5 is valued but not mapped', 'b', 'TXA-5 primary activity provider: the IG TXA[DocumentReference] row has no target'),
] + (tables_of(HERE.parent / 'review53' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review52' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review51' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 54's reading of main a38862a3), by message number; the destination
# ones judged by delivering the messages in feed order on America/Toronto (test/review54/destination.test.ts).
# R54-W1 (#02): MSH-18 empty, Latin-1 bytes (the ER registration system's habit): hig reads empty as UTF-8 and each
# Latin-1 accent byte (0xE9 é, 0xC9 É) becomes U+FFFD in the Patient's given name, address line and city and the
# ER physician's name, with no report line (the \X..\ escape case has one since R32-L2). The destination holds
# "H\uFFFDl\uFFFDne", "L\uFFFDvis", "NGUYEN-B\uFFFDRUB\uFFFD".
W1 = 'R54-W1 #02 MSH-18 empty + Latin-1 bytes: accented letters of the name, address and physician written as U+FFFD, unreported'
# R54-R1 (#20, and any French text with a no-break space): hig's FHIR validator reads the R4 string pattern
# `[ \\r\\n\\t\\S]+` with JavaScript's \\S, which excludes U+00A0, U+202F, U+2009 (Unicode spaces); FHIR's pattern
# (XML Schema \\S: not space/TAB/CR/LF) allows them. A note or value holding a no-break space (French typography before
# ":" ";" "?" "!" and inside « », as word processors insert it) fails validation: FHIR_VALIDATION_FAILED, the whole
# message dead-lettered. #20 (MSH-18 8859/1, UTF-8 bytes: "à" = C3 A0 read as "Ã" + U+00A0) is refused so.
R1 = 'R54-R1 a FHIR string holding a no-break space (U+00A0/U+202F) fails hig\'s validation: the message refused'
WRONG = {2: [W1]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set() if _fixed('bf5099b3') else {20}  # R54-R1 fixed by the lead
DELETES = set()
_FIXED = {'R54-R1': 'bf5099b3', 'R54-L1': 'c6bf2e28', 'R54-W1': '062ed6ff', 'R54-N2': 'b9fd8b55'}  # the lead's fixes; fix35a (N2, a note, not counted): a MIC derivedFrom its organism

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
