#!/usr/bin/env python3
"""Review 9 sample draw (issue 14): 25 messages of ../shared/corpus/INDEX.csv, seed 20261209.

Population: every INDEX.csv row whose source is microsoft-fhir-converter or hl7-v2-to-fhir-ig
(each message its own file), minus the 30 messages of review 6's sample (docs/review6/draw.py,
run here and its rows excluded). Stratified as review 6: first one message drawn per supported
family, in the brief's order (ADT, ORU, ORM/OML, VXU, SIU, MDM, RDE/RDS/OMP, BAR/DFT, PPR, REF),
then 15 drawn without replacement from all the other rows of the population (OUL and OMG
included): 10 + 15 = 25. A family with no row left after the exclusion is skipped (and printed).
Run from the worktree root: python3 docs/review9/draw.py
"""
import csv
import random
import subprocess

SEED = 20261209
FAMILIES = [('ADT',), ('ORU',), ('ORM', 'OML'), ('VXU',), ('SIU',), ('MDM',),
            ('RDE', 'RDS', 'OMP'), ('BAR', 'DFT'), ('PPR',), ('REF',)]
TOTAL = 25

review6 = subprocess.run(['python3', 'docs/review6/draw.py'], capture_output=True, text=True,
                         check=True).stdout.splitlines()
excluded = {(line.split('\t')[1], line.split('\t')[2]) for line in review6 if line.strip()}
assert len(excluded) == 30, len(excluded)

rows = [r for r in csv.DictReader(open('../shared/corpus/INDEX.csv'))
        if r['source'] in ('microsoft-fhir-converter', 'hl7-v2-to-fhir-ig')
        and (r['source'], r['file']) not in excluded]
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
print('# population', len(rows), 'rows after excluding review 6\'s 30')
for i, r in enumerate(picked, 1):
    print(i, r['source'], r['file'], r['msg_type'], r['version'], sep='\t')
