#!/usr/bin/env python3
"""Review 17's presence check: every component/subcomponent value (2+ characters) of every field of the
24 messages that is neither in its Bundle (docs/review17/out/NN.json, escapes decoded, dates and numbers
also in their FHIR forms, base64 attachments decoded) nor in a report line naming its field or segment.
Most hits are values a concept map translates (coding-system names, XTN.2/.3 codes, OBX-2 types,
table codes): those were checked by hand; what remained are the classes of docs/mapping-review-17.md
(docs/mapping-review-16.md). Convert first (docs/review17/out/), run from the worktree root:
    python3 docs/review17/presence.py
The check itself is docs/reviewtools/presence.py (shared with the other synthetic reviews).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'reviewtools'))
from presence import main  # noqa: E402

main('docs/review17')
