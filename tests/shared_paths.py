"""Where the evaluation corpus and the shared tools are: `$SPECLS_SHARED`, else `../shared` beside the repository
(the CI layout), else `/work/shared`. They are third-party material kept outside the repository; the tests that read
them skip when they are absent."""

from __future__ import annotations

import os
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]


def _shared() -> Path:
    candidates = [Path(os.environ["SPECLS_SHARED"])] if os.environ.get("SPECLS_SHARED") else []
    candidates += [_ROOT.parent / "shared", Path("/work/shared")]
    return next((path for path in candidates if (path / "corpus").is_dir()), candidates[-1])


SHARED = _shared()
CORPUS = SHARED / "corpus"
TOOLS = SHARED / "tools"
