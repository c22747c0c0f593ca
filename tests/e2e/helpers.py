"""Small helpers for the end-to-end tests: positions of text in the fixture spec, in a given encoding."""

from __future__ import annotations

import asyncio

from lsprotocol import types as t

from tests.e2e.conftest import SPEC

LINES = SPEC.split("\n")


def units(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def position_of(needle: str, encoding: str = "utf-16", occurrence: int = 0, offset: int = 1) -> t.Position:
    """Where `needle` starts (plus `offset` code points) in the fixture spec."""
    seen = 0
    for number, line in enumerate(LINES):
        index = line.find(needle)
        while index >= 0:
            if seen == occurrence:
                return t.Position(line=number, character=units(line[:index + offset], encoding))
            seen += 1
            index = line.find(needle, index + 1)
    raise AssertionError(f"{needle!r} not in the fixture")


def doc(uri: str) -> t.TextDocumentIdentifier:
    return t.TextDocumentIdentifier(uri=uri)


def open_spec(client, uri: str, text: str = SPEC, version: int = 1) -> None:
    client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(
        uri=uri, language_id="markdown", version=version, text=text)))


async def wait_for_version(client, uri: str, version: int | None, timeout: float = 10) -> list[t.Diagnostic]:
    """Wait until the server has published diagnostics for `uri` at `version`."""
    async def poll():
        while version not in client.published.get(uri, []):
            await asyncio.sleep(0.01)
        return client.diagnostics[uri]
    return await asyncio.wait_for(poll(), timeout)
