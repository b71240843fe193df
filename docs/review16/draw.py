#!/usr/bin/env python3
"""Review 16 sample (issue 14): the 24 synthetic messages of docs/review16/messages/ (written by
docs/review16/write_messages.py and committed in 3fcfeee before any Bundle was read). No draw: every
third-party corpus message was drawn by reviews 6-15. Prints review 15's draw format (n, source, file,
type, version) with the source given relative to ../shared/corpus/, which docs/reviewtools/tally_core.py
prefixes. Run from the worktree root: python3 docs/review16/draw.py
The listing itself is docs/reviewtools/draw.py (shared with the other synthetic reviews).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'reviewtools'))
from draw import main  # noqa: E402

main(str(Path(__file__).resolve().parent), 16)
