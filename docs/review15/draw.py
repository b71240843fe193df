#!/usr/bin/env python3
"""Review 15 sample (issue 15): ALL remaining microsoft-fhir-converter / hl7-v2-to-fhir-ig rows.

Population: every ../shared/corpus/INDEX.csv row whose source is microsoft-fhir-converter or
hl7-v2-to-fhir-ig (review 9's population), minus the messages of reviews 6 (30), 9 (25), 11 (25),
13 (25) and 14 (25), their five draw scripts run here and their rows excluded (counts asserted: 18
rows should remain). No draw: all 18 are taken, in INDEX order. Committed before any Bundle was read.
Optional extra (-x): up to 7 python-hl7 / node-hl7-client rows, rng.sample with seed 20261215
over those sources' rows (filtered to well-formed single messages by extras_ok below).
Run from the worktree root: python3 docs/review15/draw.py [-x]
"""
import csv
import random
import subprocess
import sys

SEED = 20261215
EXTRA = 7


def drawn(script):
    out = subprocess.run(['python3', script], capture_output=True, text=True, check=True).stdout
    return {(line.split('\t')[1], line.split('\t')[2]) for line in out.splitlines()
            if line.strip() and not line.startswith('#')}


sizes = {'docs/review6/draw.py': 30, 'docs/review9/draw.py': 25, 'docs/review11/draw.py': 25,
         'docs/review13/draw.py': 25, 'docs/review14/draw.py': 25}
earlier = []
for script, size in sizes.items():
    got = drawn(script)
    assert len(got) == size, (script, len(got))
    earlier.append(got)
assert all(not a & b for i, a in enumerate(earlier) for b in earlier[i + 1:])
excluded = set().union(*earlier)

index = list(csv.DictReader(open('../shared/corpus/INDEX.csv')))
population = [r for r in index if r['source'] in ('microsoft-fhir-converter', 'hl7-v2-to-fhir-ig')]
rows = [r for r in population if (r['source'], r['file']) not in excluded]
assert len(rows) == len(population) - 130, (len(rows), len(population))
assert len(rows) == 18, len(rows)
print('# population', len(rows), 'rows of', len(population), 'after excluding reviews 6/9/11/13/14 (130)')
for i, r in enumerate(rows, 1):
    print(i, r['source'], r['file'], r['msg_type'], r['version'], sep='\t')

if '-x' in sys.argv:
    def extras_ok(r):
        """A well-formed single message: one MSH, starts with MSH, has a message type."""
        path = '../shared/corpus/' + r['source'] + '/' + r['file']
        try:
            text = open(path, encoding='utf-8', errors='replace').read()
        except OSError:
            return False
        segs = [s for s in text.replace('\r\n', '\r').replace('\n', '\r').split('\r') if s.strip()]
        return bool(segs) and segs[0].startswith('MSH|') and sum(s.startswith('MSH|') for s in segs) == 1 \
            and bool(r['msg_type'])
    pool = [r for r in index if r['source'] in ('python-hl7', 'node-hl7-client') and extras_ok(r)]
    print('# extras pool', len(pool))
    for i, r in enumerate(random.Random(SEED).sample(pool, min(EXTRA, len(pool))), len(rows) + 1):
        print(i, r['source'], r['file'], r['msg_type'], r['version'], sep='\t')
