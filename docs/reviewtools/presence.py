#!/usr/bin/env python3
"""Presence check of a synthetic review sample (review 17's docs/review17/presence.py, taking the review folder):
every component/subcomponent value (2+ characters) of every field of <folder>/messages/*.hl7 that is neither in
its Bundle (<folder>/out/NN.json, `{bundle, report}` as `hig convert --report` prints; escapes decoded, dates and
numbers also in their FHIR forms, base64 attachments decoded) nor in a report line naming its field or segment.
Most hits are values a concept map translates (coding-system names, XTN.2/.3 codes, OBX-2 types, table codes):
check them by hand. With --short it also lists 1-character values (review 17 found R17-L1 that way).
Convert first, run from the worktree root:
    python3 docs/reviewtools/presence.py docs/review18 [--short]
"""
import base64
import glob
import json
import re
import sys

folder = sys.argv[1].rstrip('/')
short = '--short' in sys.argv
for f in sorted(glob.glob(f'{folder}/messages/*.hl7')):
    n = f.split('/')[-1][:2]
    d = json.load(open(f'{folder}/out/{n}.json'))
    blob = json.dumps(d['bundle'])
    for m in re.finditer(r'"data": "([A-Za-z0-9+/=]+)"', blob):
        try:
            blob += base64.b64decode(m.group(1)).decode('utf-8', 'ignore')
        except Exception:
            pass
    reptext = ' '.join(i.get('details', {}).get('text', '') for i in d.get('report', {}).get('issue', []))
    segs = open(f, encoding='latin1', newline='').read().split('\r')
    for si, s in enumerate(segs, 1):
        if not s:
            continue
        fl = s.split('|')
        name = fl[0]
        if name == 'MSH':
            continue
        for i in range(1, len(fl)):
            if not fl[i] or fl[i] == '""':
                continue
            fid = f'{name}-{i}'
            # a report line naming the field (or the whole segment) at this position accounts for the field
            if re.search(re.escape(fid) + r'(\.\d+)? \(segment ' + str(si) + r'\)', reptext) or \
                    f'segment {name} (segment {si})' in reptext or f'{name} (segment {si}): {fid}' in reptext:
                continue
            for ri, r in enumerate(fl[i].split('~')):
                for ci, c in enumerate(r.split('^'), 1):
                    for sci, sc in enumerate(c.split('&'), 1):
                        v = sc.replace('\\T\\', '&').replace('\\S\\', '^').replace('\\F\\', '|').replace('\\E\\', '\\\\').replace('\\.br\\', '\\n')
                        if v in ('', '""') or (len(v) < 2 and not short):
                            continue
                        vs = {v, v.strip()}
                        # a date/time in its FHIR form, to the minute sent (review 17 matched the day only,
                        # which any other time of that day satisfied)
                        ts = re.fullmatch(r'(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})?(?:\d{2}(?:\.\d+)?)?)?([+-]\d{4})?', v)
                        if ts and len(v) >= 8:
                            y, mo, dd, hh, mi, _ = ts.groups()
                            vs.discard(v)
                            vs.discard(v.strip())
                            vs.add(f'{y}-{mo}-{dd}' + (f'T{hh}:{mi or "00"}' if hh else ''))
                        try:
                            vs.add(json.dumps(float(v)).rstrip('0').rstrip('.'))
                            vs.add(str(int(float(v))) if float(v).is_integer() else str(float(v)))
                        except ValueError:
                            pass
                        if len(v) < 2:
                            found = any(re.search(r'"' + re.escape(x) + r'"', blob) for x in vs)
                        else:
                            found = any(x and x in blob for x in vs)
                        if not found:
                            print(f'#{n} {fid}.{ci}' + (f'.{sci}' if '&' in c else '') + (f' rep{ri + 1}' if '~' in fl[i] else ''), repr(v)[:60])
