#!/usr/bin/env python3
"""The "draw" of a synthetic review sample (reviews 16 and 17): no draw, every message of REVIEW/messages/
is the sample. Prints review 15's draw format (n, source, file, type, version) with the source given
relative to ../shared/corpus/, which docs/reviewtools/tally_core.py prefixes. Run from the worktree root:
    python3 docs/reviewtools/draw.py docs/review16 16
(docs/reviewNN/draw.py is the same call for its own folder.)
"""
import os
import sys
from pathlib import Path


def main(review, number, count=24):
    messages = Path(review).resolve() / 'messages'
    files = sorted(messages.glob('*.hl7'))
    assert len(files) == count, len(files)
    src = os.path.relpath(os.path.realpath(messages), os.path.realpath('../shared/corpus'))
    print(f'# review {number}: {count} synthetic messages')
    for f in files:
        msh = f.read_bytes().decode('latin1').split('\r')[0].split('|')
        print(int(f.name[:2]), src, f.name, msh[8], msh[11], sep='\t')


if __name__ == '__main__':
    if len(sys.argv) != 3: sys.exit('usage: python3 docs/reviewtools/draw.py docs/reviewNN NN')
    main(sys.argv[1], sys.argv[2])
