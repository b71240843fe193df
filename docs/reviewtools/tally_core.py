"""The tally shared by the reviews' scripts (docs/review11/tally.py, docs/review13/tally.py): each
script keeps its own tables (CLASSES, SILENT, SILENT_ASTAR, WRONG, REFUSED, DELETES) and its draw,
and calls run(draw_script, tables). What the scripts print is unchanged by moving it here.
Reviews 16 and 17 call main(tally_file, tables, fixed) instead: the fix-commit filter below, then run
with their own draw.py; review 17 takes review 16's CLASSES through tables_of (no second copy)."""
import json
import re
import runpy
import subprocess
import sys
from pathlib import Path

VERBOSE = '-v' in sys.argv

def draw(script, args=()):
    out = subprocess.run(['python3', script, *args], capture_output=True, text=True, check=True).stdout
    return [l.split('\t') for l in out.splitlines() if l and not l.startswith('#')]


# Lines that are hig's remarks, not losses (nothing of the message is left out): counted with (b), so
# only review 6's rule sees them. Added 2026-12-06 with the lines themselves (R33-W1, R34-W2): two SPMs
# or DG1s of one key in one message that say otherwise are each converted, and the line says so.
REMARKS = [
    # added 2026-12-07 with fix37c (review 64 R64-N2): a component or subcomponent past the field's own datatype has no
    # IG row (the datatype has no such part); before, it vanished without a line
    (r'^[A-Z][A-Z0-9]{2}-\d+: ([A-Z0-9]+\.[\d.]+, )*[A-Z0-9]+\.[\d.]+ valued past the components of its v2 datatype', 'b', 'a component past the field\'s datatype (no IG target): reported'),
    # added 2026-12-07 with fix37c (review 66 R66-N1): OBX-5 HD/EI/EIP/DLN/CX/XTN keep one value; the IG has no OBX-5 row
    # for them (EI's: "requires more work"), the other parts reported
    (r'^OBX-5: [A-Z]+\.[\d.]+(, [A-Z]+\.[\d.]+)* valued beside .*, which alone is the valueString', 'b', 'OBX-5 of an identifier type: its other parts (no IG OBX-5 row) reported'),
    # added 2026-12-07 with fix37c (review 64 R64-N1): an only NK1 MTH with another value of a PID-21 namespace is kept
    # apart as another person (converted, as another relative): a remark, not a loss
    (r'^NK1-(12|33): the only NK1 saying MTH names another value of a namespace of PID-21', 'b', 'remark: NK1 MTH kept apart from PID-21\'s mother (not a loss)'),
    # added 2026-12-07 with R54-W1: an empty MSH-18 whose bytes are no UTF-8 is read as Windows-1252 and said so (a
    # remark on how the bytes were read, no value lost)
    # code review 35 CR35-1 (fix35b) reads such bytes one by one and words the line with their count
    (r'^MSH-18: empty, and (the bytes are|\d+ byte\(s\) are) no UTF-8', 'b', 'remark: bytes read as Windows-1252 under an empty MSH-18 (not a loss)'),
    # added 2026-12-07 with fix34b (review 51 R51-N1): an XCN-shaped OBR-32–35 is read as the XCN it is, with a remark;
    # before, the same field was "NDL.2 … not a date/time" (b) and two made-up Locations
    (r'^OBR-3[2-5]: an XCN \(id\^family\^given…\) in an NDL field', 'b', 'remark: an XCN-shaped NDL read as the XCN it is (not a loss)'),
    (r'^(SPM-2|DG1-3): the (specimen number of the SPM|diagnosis of the DG1) at segment \d+, which says otherwise',
     'b', 'remark: two specimens/diagnoses of one key in the message, each converted (not a loss)'),
    # added 2026-12-06 with rate27 (review 38 R38-W1): RXA-12 has no IG target (RXA[Immunization] #12 empty, no
    # RXA[MedicationAdministration] map); a value hig cannot read as a time unit was "valued but not mapped" before
    (r'^RXA-12: an administered-per time unit that is none of', 'b', 'RXA-12 of another form (no IG target): reported, RXA-6/7 kept as the dose'),
    # added 2026-12-06 night with fix28b (review 35 R35-N1): the tally converts with the default zone UTC, and since
    # fix28b a message whose MSH-7 states a non-zero offset says the channel is left at UTC; a remark on the channel's
    # setting, nothing of the message left out (each review reads its Bundles under its own channel zone)
    (r"^MSH-7: the sender states the offset [+-]\d\d:\d\d and the channel's timezone is UTC", 'b', 'remark: a channel left at UTC beside a sender stating its offset (R35-N1)'),
    # added 2026-12-07 with nametype (reviews 44 R44-N4, 45 R45-N6): a name type without a name-use in the IG's
    # NameType map (B, U, NB, P …) was dropped without a line; now reported: (b), the map gives it no target
    (r"^[A-Z][A-Z0-9]{2}-\d+: (XPN\.7|XCN\.10) \(name type\): a code the IG's NameType map gives no name-use", 'b', 'XPN.7/XCN.10 name type the NameType map gives no name-use (no IG target)'),
    # added 2026-12-07 with fix36f (review 60 R60-N1): PID-6's parts other than XPN.1 (the mother's given name…) and a
    # second repetition were dropped without a line; now reported: (b), IG XPN[string] maps XPN.1 only
    (r"^PID-6(\.\d+(\.\d+)?| repetition \d+): (a part of the mother's maiden|a further mother's maiden name)", 'b', "PID-6 parts beside XPN.1, or a second repetition: IG XPN[string] maps XPN.1 only (R60-N1)"),
    # added 2026-12-07 with fix38c (review 57 R57-R1): an optional date no identity reads with day 00 (the sender's "day
    # unknown") is read at the precision it states (2029-06) with a line; the year and month sent are kept, no day was
    # sent: a remark, not a loss (an impossible date left out there stays unclassified: a loss)
    (r'^[A-Z][A-Z0-9]{2}-\d+: a date with day 00 \(the day unknown\) read at the precision it states', 'b', 'remark: day 00 read at the precision it states (R57-R1; not a loss)'),
]


def classify(text):
    t = re.sub(r' \(segment \d+\)', '', text)
    for rx, cls, label in REMARKS + CLASSES:
        if re.search(rx, t):
            return cls, label, t
    return '?', 'UNCLASSIFIED', t


def run(draw_script, tables):
    """Tallies the sample `draw_script` prints, with one review's tables (its module's globals)."""
    global CLASSES, SILENT, SILENT_ASTAR, WRONG, REFUSED, DELETES
    CLASSES, SILENT, SILENT_ASTAR = tables['CLASSES'], tables['SILENT'], tables['SILENT_ASTAR']
    WRONG, REFUSED, DELETES = tables['WRONG'], tables['REFUSED'], tables['DELETES']
    # review 15 takes a whole remaining population (18, or 23 with its extras): a script may set
    # EXPECTED (sample size) and DRAW_ARGS; reviews 11-14 keep the default 25.
    expected = tables.get('EXPECTED', 25)
    rows = draw(draw_script, tables.get('DRAW_ARGS', ()))
    assert len(rows) == expected, (len(rows), expected)
    tallies = {k: [0, 0, 0] for k in ('R6', 'b-rule', 'R6 without (a*)', 'b-rule without (a*)')}
    by_label = {}
    for n, src, f, typ, ver in rows:
        n = int(n)
        p = subprocess.run(['node', 'bin/hig.js', 'convert', '--report', f'../shared/corpus/{src}/{f}'],
                           capture_output=True, text=True)
        cnt = {'a': 0, 'a*': 0, 'b': 0, '?': 0}
        labels = {'a': set(), 'a*': set(), 'b': set(), '?': set()}
        if p.returncode == 0 and p.stdout.strip():
            rep = json.loads(p.stdout).get('report', {}).get('issue', [])
            for i in rep:
                cls, label, t = classify(i.get('details', {}).get('text', ''))
                if cls in cnt:
                    cnt[cls] += 1
                    labels[cls].add(label if cls != '?' else t)
        refused = n in REFUSED or p.returncode != 0
        silent = SILENT.get(n, [])
        cnt['a*'] += len(SILENT_ASTAR.get(n, []))
        for x in SILENT_ASTAR.get(n, []):
            labels['a*'].add('SILENT: ' + x)
        wrong = WRONG.get(n, [])
        if n in DELETES:
            cnt = {k: 0 for k in cnt}
            labels = {k: set() for k in labels}
        a = cnt['a'] + cnt['?'] + len(silent)
        for cls in ('a', 'a*', 'b', '?'):
            for lab in labels[cls]:
                by_label.setdefault((cls, lab), set()).add(n)
        for s in silent:
            by_label.setdefault(('a', 'SILENT: ' + s), set()).add(n)

        def verdict(count_astar, count_b):
            if refused:
                return 'refused'
            if wrong:
                return 'wrong data'
            lost = a + (cnt['a*'] if count_astar else 0) + (cnt['b'] if count_b else 0)
            return 'production-correct' if lost == 0 else 'losses'
        v = {'R6': verdict(True, True), 'b-rule': verdict(True, False),
             'R6 without (a*)': verdict(False, True), 'b-rule without (a*)': verdict(False, False)}
        for k, val in v.items():
            idx = {'production-correct': 0, 'losses': 1, 'wrong data': 2}.get(val)
            if idx is not None:
                tallies[k][idx] += 1
        print(f"#{n:2} {f.split('/')[-1]:32} a={a:2} a*={cnt['a*']:2} b={cnt['b']:3}  "
              f"R6={v['R6']}, b-rule={v['b-rule']}, R6-a*={v['R6 without (a*)']}, b-rule-a*={v['b-rule without (a*)']}"
              + (f"  WRONG: {wrong}" if wrong else ''))
        if VERBOSE:
            for cls in ('a', '?', 'a*'):
                for lab in sorted(labels[cls]):
                    print(f'      ({cls}) {lab}')
            for s in silent:
                print(f'      (a, silent) {s}')
    print()
    print('rule                  production-correct  losses  wrong data')
    for k, (pc, lo, wr) in tallies.items():
        print(f'{k:22}{pc:>10} of {expected} {lo:>7} {wr:>10}')
    print()
    print('remaining (a)/(a*)/? by field (messages):')
    for (cls, lab), ns in sorted(by_label.items(), key=lambda x: (x[0][0] not in ('a', '?'), x[0][0], -len(x[1]))):
        if cls in ('a', 'a*', '?'):
            print(f'  ({cls}) {lab}: {len(ns)} {sorted(ns)}')
    if VERBOSE:
        print('(b) by field (messages):')
        for (cls, lab), ns in sorted(by_label.items(), key=lambda x: -len(x[1])):
            if cls == 'b':
                print(f'  (b) {lab}: {len(ns)} {sorted(ns)}')



def _fixed(commit):
    return subprocess.run(['git', 'merge-base', '--is-ancestor', commit, 'HEAD'], capture_output=True).returncode == 0


def drop_fixed(tables, fixed):
    """Each manual finding (SILENT, WRONG) counts only on a commit before its fix: `fixed` maps a finding's
    prefix ('R16-W1') to its fix commit, and a finding whose fix HEAD contains is dropped (asked of git)."""
    for table in (tables['SILENT'], tables.get('SILENT_ASTAR', {}), tables['WRONG']):
        for n in list(table):
            table[n] = [t for t in table[n] if not any(t.startswith(k) and _fixed(c) for k, c in fixed.items())]
            if not table[n]:
                del table[n]


_TABLES = {}


def tables_of(tally_script):
    """Another review's tables (the globals of its tally.py), read without running its tally. Each tally chains
    the three before it, which chain theirs: read once per script (a cache), or review 46's tally read its
    ancestors 3^n times (review 46 found it ran for minutes)."""
    key = str(Path(tally_script).resolve())
    if key not in _TABLES:
        tables = runpy.run_path(key, run_name='tables')
        # Each review's CLASSES holds its ancestors' CLASSES, which hold theirs: without this the rows repeated
        # ~1.8^n times (review 56's chain: 45.6 million rows, 236 distinct; its tally ran for 40 minutes, review 58
        # found). The first of equal rows is the one that matches, so keeping first occurrences changes no verdict.
        if isinstance(tables.get('CLASSES'), list):
            tables['CLASSES'] = list(dict.fromkeys(tuple(row) for row in tables['CLASSES']))
        _TABLES[key] = tables
    return _TABLES[key]


def main(tally_file, tables, fixed):
    """A review's tally: its tables less the fixed findings, over its folder's draw.py (reviews 16, 17)."""
    drop_fixed(tables, fixed)
    run(f'docs/{Path(tally_file).resolve().parent.name}/draw.py', tables)
