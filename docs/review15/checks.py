#!/usr/bin/env python3
"""Review 15's two scripted checks over the 18 messages of docs/review15/draw.py (build first).

1. Every "XXX-n (segment k) is valued but not mapped" report line whose field has a FHIR target in ANY
   IG segment map (../shared/corpus/hl7-v2-to-fhir-ig/mappings/segments): printed with those targets, to
   be judged by hand for the message's own map (OBR-46/47/53 in #16 were (a); most are DiagnosticReport
   or Specimen rows an order message does not use).
2. Every XPN/XCN name field (types from src/transform/vocabulary/data/field-types.json) whose family name
   carries FN.2-FN.5 or whose XPN.15 (called by) is valued: R14-L2, which hig drops without a line.

Run from the worktree root: python3 docs/review14/checks.py
"""
import collections
import csv
import glob
import json
import re
import subprocess

MAPS = '../shared/corpus/hl7-v2-to-fhir-ig/mappings/segments/'
rows = [l.split('\t') for l in subprocess.run(['python3', 'docs/review15/draw.py'], capture_output=True, text=True,
        check=True).stdout.splitlines() if l and not l.startswith('#')]

targets = collections.defaultdict(set)
for f in glob.glob(MAPS + '*.csv'):
    m = re.search(r'R4_ (\w+)\[([^\]]+)\]', f)
    if not m:
        continue
    seg, res = m.groups()
    for row in csv.reader(open(f, encoding='utf-8', errors='replace')):
        if len(row) > 9 and re.match(rf'{seg}-\d+$', row[1] or '') and row[9].strip():
            targets[row[1]].add(f'{res}:{row[9].strip()}')

types = json.load(open('src/transform/vocabulary/data/field-types.json'))
unmapped = collections.defaultdict(set)
names = collections.defaultdict(list)
for n, src, f, _typ, _ver in rows:
    path = f'../shared/corpus/{src}/{f}'
    out = subprocess.run(['node', 'bin/hig.js', 'convert', '--report', path], capture_output=True, text=True)
    for issue in json.loads(out.stdout).get('report', {}).get('issue', []):
        m = re.match(r'([A-Z][A-Z0-9]{2}-\d+) \(segment \d+\) is valued but not mapped', issue.get('details', {}).get('text', ''))
        if m and m.group(1) in targets:
            unmapped[m.group(1)].add(int(n))
    text = open(path, encoding='latin1').read().lstrip('\ufeff').replace('\n', '\r')
    for seg in (s for s in text.split('\r') if s.strip()):
        fields = seg.split('|')
        for i in range(1, len(fields)):
            fid = f'{fields[0]}-{i + 1 if fields[0] == "MSH" else i}'
            t = types.get(fid)
            if t not in ('XPN', 'XCN'):
                continue
            for rep in fields[i].split('~'):
                comps = rep.split('^')
                fam = comps[0 if t == 'XPN' else 1] if len(comps) > (0 if t == 'XPN' else 1) else ''
                parts = [s for s in fam.split('&')[1:5] if s]
                called = comps[14] if t == 'XPN' and len(comps) > 14 else ''
                if parts or called:
                    names[int(n)].append(f'{fid} FN.2-5={parts} XPN.15={called!r}')

print('1. "valued but not mapped" lines of fields with an IG target in some segment map:')
for k, ns in sorted(unmapped.items()):
    print(f'  {k} {sorted(ns)} {sorted(targets[k])[:3]}')
print('2. names with FN.2-FN.5 or XPN.15 (R14-L2):')
for n, v in sorted(names.items()):
    print(f'  #{n}: {"; ".join(v)}')
