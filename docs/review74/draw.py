#!/usr/bin/env python3
"""Review 74's sample: every message of docs/review74/messages/ (docs/reviewtools/draw.py). Run from the worktree root:
    python3 docs/review74/draw.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'reviewtools'))
from draw import main  # noqa: E402

main('docs/review74', 74)
