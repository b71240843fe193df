#!/usr/bin/env python3
"""Presence check of a synthetic review sample (reviews 16 and 17): every component/subcomponent value
(2+ characters) of every field of the review's messages (REVIEW/messages/NN*.hl7) that is neither in its
Bundle (REVIEW/out/NN.json, escapes decoded, dates and numbers also in their FHIR forms, base64
attachments decoded) nor in a report line naming its field or segment. Most hits are values a concept
map translates (coding-system names, XTN.2/.3 codes, OBX-2 types, table codes): each review checks them
by hand. Convert first (REVIEW/out/), run from the worktree root:
    python3 docs/reviewtools/presence.py docs/review16
(docs/reviewNN/presence.py is the same call for its own folder.)
"""
import base64
import glob
import json
import re
import sys


def bundle_text(out):
    """The Bundle as JSON text, with its base64 attachments decoded after it."""
    blob = json.dumps(out['bundle'])
    for m in re.finditer(r'"data": "([A-Za-z0-9+/=]+)"', blob):
        try: blob += base64.b64decode(m.group(1)).decode('utf-8', 'ignore')
        except Exception: pass
    return blob


def forms(v):
    """The value as written and its FHIR forms (a date, a number)."""
    vs = {v, v.strip()}
    if re.fullmatch(r'\d{8,14}', v):
        vs.add(f'{v[:4]}-{v[4:6]}-{v[6:8]}')
    try: vs.add(json.dumps(float(v)).rstrip('0').rstrip('.')); vs.add(str(int(float(v))) if float(v).is_integer() else str(float(v)))
    except: pass
    return vs


def decoded(sc):
    return sc.replace('\\T\\', '&').replace('\\S\\', '^').replace('\\F\\', '|').replace('\\E\\', '\\\\').replace('\\.br\\', '\\n')


def reported(name, i, si, reptext):
    """True when a report line names field NAME-i, or segment si, as a whole (the field is skipped)."""
    fid = f'{name}-{i}'
    if re.search(re.escape(fid) + r'\b', reptext) or f'{name} (segment {si})' in reptext:
        return bool(re.search(re.escape(fid) + r' \(segment', reptext) or f'segment {name} (segment {si})' in reptext)
    return False


def check_message(f, n, review):
    d = json.load(open(f'{review}/out/{n}.json'))
    blob = bundle_text(d)
    reptext = ' '.join(i.get('details', {}).get('text', '') for i in d.get('report', {}).get('issue', []))
    segs = open(f, encoding="latin1", newline="").read().split("\r")
    for si, s in enumerate(segs, 1):
        if not s: continue
        fl = s.split('|'); name = fl[0]
        if name in ('MSH',): continue
        for i in range(1, len(fl)):
            if not fl[i] or fl[i] == '""' or reported(name, i, si, reptext): continue
            for ri, r in enumerate(fl[i].split('~')):
                for ci, c in enumerate(r.split('^'), 1):
                    for sci, sc in enumerate(c.split('&'), 1):
                        v = decoded(sc)
                        if len(v) < 2 or v in ('""',): continue
                        if not any(x and x in blob for x in forms(v)):
                            print(f'#{n} {name}-{i}.{ci}' + (f'.{sci}' if '&' in c else '') + (f' rep{ri+1}' if '~' in fl[i] else ''), repr(v)[:60])


def main(review):
    review = review.rstrip('/')
    for f in sorted(glob.glob(f'{review}/messages/*.hl7')):
        check_message(f, f.split('/')[-1][:2], review)


if __name__ == '__main__':
    if len(sys.argv) != 2: sys.exit('usage: python3 docs/reviewtools/presence.py docs/reviewNN')
    main(sys.argv[1])
