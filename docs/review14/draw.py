#!/usr/bin/env python3
"""Review 14 sample draw (issue 14): 25 messages of ../shared/corpus/INDEX.csv, seed 20261214.

Population: every INDEX.csv row whose source is microsoft-fhir-converter or hl7-v2-to-fhir-ig
(review 9's population), minus the 30 messages of review 6's sample (docs/review6/draw.py), the
25 of review 9's (docs/review9/draw.py), the 25 of review 11's (docs/review11/draw.py) and the 25 of
review 13's (docs/review13/draw.py), the four scripts run here and their rows excluded (counts asserted:
43 rows should remain). Stratified as review 9: first one message drawn per family, in review 9's order (ADT,
ORU, ORM/OML, VXU, SIU, MDM, RDE/RDS/OMP, BAR/DFT, PPR, REF; rng.choice over the family's rows in
INDEX order), then the rest drawn without replacement (rng.sample) from all other rows of the
population: 25 in all. A family with no row left is skipped (and printed).
Run from the worktree root: python3 docs/review14/draw.py
"""
import csv
import random
import subprocess

SEED = 20261214
FAMILIES = [('ADT',), ('ORU',), ('ORM', 'OML'), ('VXU',), ('SIU',), ('MDM',),
            ('RDE', 'RDS', 'OMP'), ('BAR', 'DFT'), ('PPR',), ('REF',)]
TOTAL = 25


def drawn(script):
    out = subprocess.run(['python3', script], capture_output=True, text=True, check=True).stdout
    return {(line.split('\t')[1], line.split('\t')[2]) for line in out.splitlines()
            if line.strip() and not line.startswith('#')}


review6 = drawn('docs/review6/draw.py')
review9 = drawn('docs/review9/draw.py')
assert len(review6) == 30, len(review6)
assert len(review9) == 25, len(review9)
review11 = drawn('docs/review11/draw.py')
assert len(review11) == 25, len(review11)
review13 = drawn('docs/review13/draw.py')
assert len(review13) == 25, len(review13)
earlier = [review6, review9, review11, review13]
assert all(not a & b for i, a in enumerate(earlier) for b in earlier[i + 1:])
excluded = review6 | review9 | review11 | review13

population = [r for r in csv.DictReader(open('../shared/corpus/INDEX.csv'))
              if r['source'] in ('microsoft-fhir-converter', 'hl7-v2-to-fhir-ig')]
rows = [r for r in population if (r['source'], r['file']) not in excluded]
assert len(rows) == len(population) - 105, (len(rows), len(population))
assert len(rows) == 43, len(rows)
rng = random.Random(SEED)
picked = []
for fam in FAMILIES:
    pool = [r for r in rows if r['msg_type'].split('^')[0] in fam and r not in picked]
    if not pool:
        print('# no row left for family', '/'.join(fam))
        continue
    picked.append(rng.choice(pool))
rest = [r for r in rows if r not in picked]
picked += rng.sample(rest, TOTAL - len(picked))
print('# population', len(rows), 'rows of', len(population), 'after excluding review 6\'s 30, review 9\'s 25, review 11\'s 25 and review 13\'s 25')
for i, r in enumerate(picked, 1):
    print(i, r['source'], r['file'], r['msg_type'], r['version'], sep='\t')
