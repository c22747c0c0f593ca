"""Shared set-up of the real-editor tests: a small workspace with one spec and the command that starts specls."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENT_CONFIG = ROOT / "client-config"

SPEC = """\
# Feature Specification: Book Loans

## User Scenarios & Testing *(mandatory)*

### User Story 1 - Borrow a book (Priority: P1)

A member borrows an available copy of a book for 14 days.

**Acceptance Scenarios**:

1. **Given** an available copy, **When** a member borrows it, **Then** a loan is created with a due date.

### User Story 2 - Return a book (Priority: P2)

A member returns a borrowed copy.

## Requirements *(mandatory)*

### Functional Requirements

- **FR-001**: Members MUST be able to borrow an available copy; each loan has a due date 14 days after checkout.
- **FR-002**: Librarians MUST be able to list overdue loans, filtered by branch.
- **FR-003**: The system MUST be fast.

### Key Entities

- **Member**: a library member with a name and a unique email.
- **Loan**: a Member's borrowing of a Copy — checkout date, due date, status (active, returned, overdue).
- **Copy**: one physical copy of a book, with a barcode (unique).

## Success Criteria *(mandatory)*

- **SC-001**: A member borrows a book in under 1 minute.
"""


def server_command() -> list[str]:
    script = Path(sys.executable).with_name("specls")
    if script.exists():
        return [str(script), "serve"]
    return [sys.executable, "-m", "lsp"]


@pytest.fixture
def spec_workspace(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    spec = tmp_path / "specs" / "001-book-loans" / "spec.md"
    spec.parent.mkdir(parents=True)
    spec.write_text(SPEC, encoding="utf-8")
    return spec


def require_program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (CI installs it with apt-get in .ci/run)")
    return path
