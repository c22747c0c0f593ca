"""Model definitions inside a spec's code blocks: Prisma `model X {}`, TypeScript `interface X {}` / `type X = {}`,
SQL `CREATE TABLE x (...)`, Python `class X(...)` with annotated fields, Go `type X struct {}`, protobuf `message X {}`.

A spec that writes its data shapes as code gives the strongest evidence there is for an entity and its fields;
the domain inference (`analysis.plan.infer`) reads them through `code_models`. Line-based and forgiving: a
block that is not a model definition simply yields nothing. Pure functions; no pygls, no lsprotocol.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.plan import infer_patterns as rx


@dataclass(slots=True)
class CodeModel:
    name: str
    line: int
    """0-based line of the declaration within the block body."""
    fields: list[tuple[int, str, str]] = field(default_factory=list)
    """(line within the block body, field name, the rest of its line: its type and modifiers)."""


_BRACE_DECLARATION = re.compile(
    r"^\s*(?:export\s+)?(?:declare\s+)?(?:model|interface|message|type|struct|record|entity|class|data\s+class)\s+"
    r"([A-Za-z_]\w*)\s*(?:<[^>]*>)?\s*(?:extends\s+[\w.<>, ]+|implements\s+[\w.<>, ]+)?\s*(?:struct\s*)?(?:=\s*)?\{\s*$")
_SQL_TABLE = re.compile(r"^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?[`\"]?(?:\w+\.)?([A-Za-z_]\w*)[`\"]?\s*\(\s*$", re.IGNORECASE)
_PYTHON_CLASS = re.compile(r"^(\s*)class\s+([A-Za-z_]\w*)\s*(?:\(([^)]*)\))?\s*:\s*$")
_SQL_NOT_COLUMN = re.compile(r"^\s*(?:PRIMARY|FOREIGN|UNIQUE|CONSTRAINT|CHECK|INDEX|KEY|EXCLUDE)\b", re.IGNORECASE)
_BRACE_FIELD = re.compile(r"^\s*(?:readonly\s+|public\s+|private\s+)?([A-Za-z_$][\w$]*)\s*(\??)\s*[:]\s*(.+?)\s*[;,]?\s*$")
_PRISMA_FIELD = re.compile(r"^\s*([A-Za-z_]\w*)\s+([A-Z][\w]*(?:\[\])?\??)(.*)$")
_GO_FIELD = re.compile(r"^\s*([A-Z]\w*)\s+([\w.*\[\]]+)(.*)$")
_PROTO_FIELD = re.compile(r"^\s*(?:repeated\s+|optional\s+)?[\w.]+\s+([a-z_]\w*)\s*=\s*\d+")
_PY_FIELD = re.compile(r"^\s+([a-z_]\w*)\s*:\s*([^=#]+?)\s*(?:=.*)?(?:#.*)?$")


def code_models(lines: list[str], info: str = "") -> list[CodeModel]:
    """Every model declared in a code block's lines."""
    language = info.strip().split()[0].casefold() if info.strip() else ""
    models: list[CodeModel] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        brace = _BRACE_DECLARATION.match(line)
        table = _SQL_TABLE.match(line) if not brace else None
        python = _PYTHON_CLASS.match(line) if not (brace or table) else None
        if brace:
            model, index = _brace_body(lines, index, brace.group(1), language)
            models.append(model)
            continue
        if table:
            model, index = _sql_body(lines, index, table.group(1))
            models.append(model)
            continue
        if python:
            model, index = _python_body(lines, index, python.group(2), len(python.group(1)))
            models.append(model)
            continue
        index += 1
    return models


def _brace_body(lines: list[str], start: int, name: str, language: str) -> tuple[CodeModel, int]:
    model = CodeModel(name, start)
    depth = 1
    index = start + 1
    while index < len(lines) and depth > 0:
        line = rx.sub(r"//.*$", "", lines[index])
        if depth == 1:
            match = _BRACE_FIELD.match(line)
            if match and not match.group(3).startswith("("):
                model.fields.append((index, match.group(1), match.group(3) + ("?" if match.group(2) else "")))
            else:
                prisma = _PRISMA_FIELD.match(line) if language not in ("go", "golang") else None
                go = _GO_FIELD.match(line) if language in ("go", "golang") else None
                proto = _PROTO_FIELD.match(line)
                if prisma and not line.strip().startswith("@@"):
                    model.fields.append((index, prisma.group(1), prisma.group(2) + prisma.group(3)))
                elif go:
                    json_name = rx.search(r'json:"([\w-]+)', go.group(3))
                    model.fields.append((index, json_name.group(1) if json_name else go.group(1), go.group(2)))
                elif proto:
                    model.fields.append((index, proto.group(1), line))
        depth += line.count("{") - line.count("}")
        index += 1
    return model, index


def _sql_body(lines: list[str], start: int, name: str) -> tuple[CodeModel, int]:
    model = CodeModel(name, start)
    index = start + 1
    while index < len(lines):
        line = rx.sub(r"--.*$", "", lines[index])
        if rx.match(r"^\s*\)\s*;?\s*$", line):
            return model, index + 1
        match = rx.match(r"^\s*[`\"]?([A-Za-z_]\w*)[`\"]?\s+(\w+.*?)\s*,?\s*$", line)
        if match and not _SQL_NOT_COLUMN.match(line):
            model.fields.append((index, match.group(1), match.group(2)))
        index += 1
    return model, index


def _python_body(lines: list[str], start: int, name: str, indent: int) -> tuple[CodeModel, int]:
    model = CodeModel(name, start)
    index = start + 1
    while index < len(lines):
        line = lines[index]
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        match = _PY_FIELD.match(line)
        if match and len(line) - len(line.lstrip()) > indent and not line.lstrip().startswith(("def ", "class ", "@", "#")):
            model.fields.append((index, match.group(1), match.group(2)))
        index += 1
    return model, index
