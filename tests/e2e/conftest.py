"""pytest-lsp fixtures: `specls serve` under the VS Code (push diagnostics) and Neovim (pull diagnostics, UTF-8
positions) capability profiles, over a temporary workspace holding one spec. Spec-compliance warnings are errors
(pyproject `filterwarnings`).
"""

from __future__ import annotations

import asyncio
import sys
import textwrap
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as t
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SPEC = textwrap.dedent("""\
    # Feature Specification: Event Tickets 🎟️

    ## User Scenarios & Testing *(mandatory)*

    ### User Story 1 - Organizer publishes an event (Priority: P1)

    An organizer creates an Event and adds a Ticket Type 🎫 for it.

    **Acceptance Scenarios**:

    1. **Given** a draft Event, **When** the organizer publishes it, **Then** attendees can see the Event.

    ## Requirements *(mandatory)*

    ### Functional Requirements

    - **FR-001**: 日本語 System MUST let an organizer create an Event with a title and a start date.
    - **FR-002**: System MUST let an organizer add Ticket Types with a price to an Event.
    - **FR-003**: System MUST let attendees list published Events [NEEDS CLARIFICATION: filter by city?]

    ### Key Entities

    - **Event**: something people attend; has a title, a start date and a status (draft, published).
    - **Ticket Type**: a price category of an Event; has a name and a price.

    ## Success Criteria *(mandatory)*

    - **SC-001**: An organizer publishes an event in under 2 minutes.
    """)


def make_workspace(root: Path) -> Path:
    spec = root / "specs" / "001-tickets" / "spec.md"
    spec.parent.mkdir(parents=True)
    spec.write_text(SPEC, encoding="utf-8")
    return spec


SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "lsp"])


async def start(lsp_client: LanguageClient, profile: str, root: Path, options: dict | None = None,
                configuration: dict | None = None) -> None:
    applied: list = []
    lsp_client.applied_edits = applied  # type: ignore[attr-defined]

    @lsp_client.feature(t.WORKSPACE_APPLY_EDIT)
    def _apply(params: t.ApplyWorkspaceEditParams):
        applied.append(params.edit)
        return t.ApplyWorkspaceEditResult(applied=True)

    published: dict[str, list] = {}
    lsp_client.published = published  # type: ignore[attr-defined]

    # Keep pytest-lsp's own handler (it stores `client.diagnostics`) and also record each published version.
    features = lsp_client.protocol.fm.features
    default_publish = features[t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def _publish(params: t.PublishDiagnosticsParams):
        published.setdefault(params.uri, []).append(params.version)
        return default_publish(params)

    features[t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _publish

    registrations: list = []
    lsp_client.registrations = registrations  # type: ignore[attr-defined]

    @lsp_client.feature(t.CLIENT_REGISTER_CAPABILITY)
    def _register(params: t.RegistrationParams):
        registrations.extend(params.registrations)
        return None

    lsp_client.set_configuration(configuration or {}, section="specls")
    ready = asyncio.ensure_future(lsp_client.wait_for_notification(t.WINDOW_LOG_MESSAGE))
    await asyncio.sleep(0)
    await lsp_client.initialize_session(t.InitializeParams(
        capabilities=client_capabilities(profile), root_uri=root.as_uri(),
        workspace_folders=[t.WorkspaceFolder(uri=root.as_uri(), name="ws")],
        initialization_options=options))
    await asyncio.wait_for(ready, 10)


async def wait_for_log(client: LanguageClient, needle: str, timeout: float = 10) -> None:
    async def poll():
        while not any(needle in m.message for m in client.log_messages):
            await asyncio.sleep(0.02)
    await asyncio.wait_for(poll(), timeout)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    make_workspace(tmp_path)
    return tmp_path


@pytest_lsp.fixture(config=SERVER)
async def vscode(lsp_client: LanguageClient, workspace: Path):
    await start(lsp_client, "visual-studio-code", workspace)
    await wait_for_log(lsp_client, "indexed")
    yield lsp_client
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER)
async def neovim(lsp_client: LanguageClient, workspace: Path):
    await start(lsp_client, "neovim", workspace, options={"plan": {"onSave": "always"}})
    await wait_for_log(lsp_client, "indexed")
    yield lsp_client
    await lsp_client.shutdown_session()
