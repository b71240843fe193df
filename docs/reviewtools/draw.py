#!/usr/bin/env python3
"""A synthetic review sample as docs/reviewtools/tally_core.py draws it (reviews 17+): the *.hl7 files of
<review folder>/messages/, printed in review 15's draw format (n, source, file, type, version) with the source
relative to ../shared/corpus/, which tally_core.py prefixes. Review 17's docs/review17/draw.py is this with
the folder fixed. Run from the worktree root:
    python3 docs/reviewtools/draw.py docs/review18 [expected count, default 24]
"""
import os
import sys
from pathlib import Path

folder = Path(sys.argv[1]).resolve()
expected = int(sys.argv[2]) if len(sys.argv) > 2 else 24
messages = folder / 'messages'
files = sorted(messages.glob('*.hl7'))
assert len(files) == expected, (len(files), expected)
src = os.path.relpath(os.path.realpath(messages), os.path.realpath('../shared/corpus'))
print(f'# {folder.name}: {len(files)} synthetic messages')
for f in files:
    msh = f.read_bytes().decode('latin1').split('\r')[0].split('|')
    print(int(f.name[:2]), src, f.name, msh[8], msh[11], sep='\t')
