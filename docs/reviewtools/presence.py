#!/usr/bin/env python3
"""Presence check of a synthetic review sample (reviews 16 and 17): every component/subcomponent value
(2+ characters; with --short also 1-character values, as review 17 found R17-L1) of every field of the review's messages (REVIEW/messages/NN*.hl7) that is neither in its
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
    """The value as written and its FHIR forms: a date/time to the minute sent (review 18; reviews 16/17
    matched the day only, which any other time of that day satisfied), a number."""
    vs = {v, v.strip()}
    ts = re.fullmatch(r'(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})?(?:\d{2}(?:\.\d+)?)?)?([+-]\d{4})?', v)
    if ts and len(v) >= 8:
        y, mo, dd, hh, mi, _ = ts.groups()
        vs = {f'{y}-{mo}-{dd}' + (f'T{hh}:{mi or "00"}' if hh else '')}
    try: vs.add(json.dumps(float(v)).rstrip('0').rstrip('.')); vs.add(str(int(float(v))) if float(v).is_integer() else str(float(v)))
    except ValueError: pass
    return vs


def decoded(sc):
    return sc.replace('\\T\\', '&').replace('\\S\\', '^').replace('\\F\\', '|').replace('\\E\\', '\\\\').replace('\\.br\\', '\\n')


def reported(name, i, si, reptext):
    """True when a report line names field NAME-i, or segment si, as a whole (the field is skipped)."""
    fid = f'{name}-{i}'
    if re.search(re.escape(fid) + r'\b', reptext) or f'{name} (segment {si})' in reptext:
        return bool(re.search(re.escape(fid) + r' \(segment', reptext) or f'segment {name} (segment {si})' in reptext)
    return False


def check_message(f, n, review, short=False):
    text = open(f'{review}/out/{n}.json').read()
    if not text.strip():
        print(f'#{n} refused (no Bundle): not checked')  # review 19: a refused message leaves an empty out file
        return
    d = json.loads(text)
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
                        if v in ('', '""') or (len(v) < 2 and not short): continue
                        # a 1-character value (--short) counts only as a whole JSON string
                        hit = (lambda x: re.search(r'"' + re.escape(x) + r'"', blob)) if len(v) < 2 else (lambda x: x and x in blob)
                        if not any(hit(x) for x in forms(v)):
                            print(f'#{n} {name}-{i}.{ci}' + (f'.{sci}' if '&' in c else '') + (f' rep{ri+1}' if '~' in fl[i] else ''), repr(v)[:60])


def main(review, short=False):
    review = review.rstrip('/')
    for f in sorted(glob.glob(f'{review}/messages/*.hl7')):
        check_message(f, f.split('/')[-1][:2], review, short)


if __name__ == '__main__':
    args = [a for a in sys.argv[1:] if a != '--short']
    if len(args) != 1: sys.exit('usage: python3 docs/reviewtools/presence.py docs/reviewNN [--short]')
    main(args[0], '--short' in sys.argv)
