#!/usr/bin/env python3
"""Review 17's presence check: every component/subcomponent value (2+ characters) of every field of the
24 messages that is neither in its Bundle (docs/review17/out/NN.json, escapes decoded, dates and numbers
also in their FHIR forms, base64 attachments decoded) nor in a report line naming its field or segment.
Most hits are values a concept map translates (coding-system names, XTN.2/.3 codes, OBX-2 types,
table codes): those were checked by hand; what remained are the classes of docs/mapping-review-17.md
(docs/mapping-review-16.md). Convert first (docs/review17/out/), run from the worktree root:
    python3 docs/review17/presence.py
"""
import json, re, glob, base64
for f in sorted(glob.glob('docs/review17/messages/*.hl7')):
    n=f.split('/')[-1][:2]
    d=json.load(open(f'docs/review17/out/{n}.json'))
    blob=json.dumps(d['bundle'])
    # also decoded base64 attachments
    for m in re.finditer(r'"data": "([A-Za-z0-9+/=]+)"', blob):
        try: blob+=base64.b64decode(m.group(1)).decode('utf-8','ignore')
        except Exception: pass
    rep=[i.get('details',{}).get('text','') for i in d.get('report',{}).get('issue',[])]
    reptext=' '.join(rep)
    segs=open(f,encoding="latin1",newline="").read().split("\r")
    for si,s in enumerate(segs,1):
        if not s: continue
        fl=s.split('|'); name=fl[0]
        if name in ('MSH',): continue
        for i in range(1,len(fl)):
            if not fl[i] or fl[i]=='""': continue
            fid=f'{name}-{i}'
            if re.search(re.escape(fid)+r'\b', reptext) or f'{name} (segment {si})' in reptext: 
                # reported somewhere (field or segment): skip whole field
                if re.search(re.escape(fid)+r' \(segment', reptext) or f'segment {name} (segment {si})' in reptext: continue
            for ri,r in enumerate(fl[i].split('~')):
                for ci,c in enumerate(r.split('^'),1):
                    for sci,sc in enumerate(c.split('&'),1):
                        v=sc.replace('\\T\\','&').replace('\\S\\','^').replace('\\F\\','|').replace('\\E\\','\\\\').replace('\\.br\\','\\n')
                        if len(v)<2 or v in ('""',): continue
                        vs={v, v.strip()}
                        # date/time forms
                        if re.fullmatch(r'\d{8,14}',v):
                            vs.add(f'{v[:4]}-{v[4:6]}-{v[6:8]}')
                        # numbers
                        try: vs.add(json.dumps(float(v)).rstrip('0').rstrip('.')); vs.add(str(int(float(v))) if float(v).is_integer() else str(float(v)))
                        except: pass
                        if not any(x and x in blob for x in vs):
                            print(f'#{n} {fid}.{ci}' + (f'.{sci}' if '&' in c else '') + (f' rep{ri+1}' if '~' in fl[i] else ''), repr(v)[:60])
