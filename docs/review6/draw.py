#!/usr/bin/env python3
"""Review 6 sample draw (issue 14): 30 messages of ../shared/corpus/INDEX.csv, seed 20261205.

Population: every INDEX.csv row whose source is microsoft-fhir-converter or hl7-v2-to-fhir-ig
(146 messages, each its own file). Stratified: first one message drawn per supported family, in
the brief's order (ADT, ORU, ORM/OML, VXU, SIU, MDM, RDE/RDS/OMP, BAR/DFT, PPR, REF), then 20
drawn without replacement from all the other rows of the population (OUL and OMG included).
Run from the worktree root: python3 docs/review6/draw.py
"""
import csv
import random

SEED = 20261205
FAMILIES = [('ADT',), ('ORU',), ('ORM', 'OML'), ('VXU',), ('SIU',), ('MDM',),
            ('RDE', 'RDS', 'OMP'), ('BAR', 'DFT'), ('PPR',), ('REF',)]

rows = [r for r in csv.DictReader(open('../shared/corpus/INDEX.csv'))
        if r['source'] in ('microsoft-fhir-converter', 'hl7-v2-to-fhir-ig')]
rng = random.Random(SEED)
picked = []
for fam in FAMILIES:
    pool = [r for r in rows if r['msg_type'].split('^')[0] in fam and r not in picked]
    picked.append(rng.choice(pool))
rest = [r for r in rows if r not in picked]
picked += rng.sample(rest, 20)
for i, r in enumerate(picked, 1):
    print(i, r['source'], r['file'], r['msg_type'], r['version'], sep='\t')
