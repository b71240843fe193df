#!/usr/bin/env python3
"""Review 17 sample (issue 14): the 24 synthetic messages of docs/review17/messages/ (written by
docs/review17/write_messages.py and committed in 7c4616a before any Bundle was read). No draw: every
third-party corpus message was drawn by reviews 6-15. Prints review 15's draw format (n, source, file,
type, version) with the source given relative to ../shared/corpus/, which docs/reviewtools/tally_core.py
prefixes. Run from the worktree root: python3 docs/review17/draw.py
"""
import os
from pathlib import Path

MESSAGES = Path(__file__).resolve().parent / 'messages'
files = sorted(MESSAGES.glob('*.hl7'))
assert len(files) == 24, len(files)
src = os.path.relpath(os.path.realpath(MESSAGES), os.path.realpath('../shared/corpus'))
print('# review 17: 24 synthetic messages')
for f in files:
    msh = f.read_bytes().decode('latin1').split('\r')[0].split('|')
    print(int(f.name[:2]), src, f.name, msh[8], msh[11], sep='\t')
