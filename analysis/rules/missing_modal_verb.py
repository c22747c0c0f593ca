"""missing-modal-verb: a requirement that states no obligation (no MUST / SHALL / SHOULD / MAY).

OpenSpec follows `openspec validate` exactly, because its verdicts decide CI: the body (the lines before the
first heading) must contain the whole word `SHALL` or `MUST` in capitals, else a warning; a requirement with
no body at all is an error, with a dedicated message when the keyword sits only in the `### Requirement:`
header (the CLI's #159). The CLI made the missing keyword a warning because non-English specs rarely carry
it; we keep the warning for the same `--strict` verdict and say in the message how localised specs satisfy it.
spec-kit functional requirements (not SC- success criteria) need any RFC 2119 keyword (or its capitalised
Portuguese, Spanish, French or German translation: DEVE, DEBE, DOIT, MUSS, ...); a lowercase one
("must") is accepted but flagged as info, since RFC 8174 gives the keywords their meaning only in capitals.
spec-kit text written mostly in Chinese/Japanese/Korean is judged by the common modal words of those languages (必须, しなければならない, 해야 합니다, ...).
Kiro states obligations per criterion (`malformed-scenario` checks those). No pygls or lsprotocol.
"""

from __future__ import annotations

import re

from analysis.dialects.openspec import SHALL_OR_MUST, requirement_body, requirement_section
from analysis.model import Dialect, Edit, Fix, Severity
from analysis.rules import RuleContext, rule
from analysis.text import Range

_MODAL_UPPER = re.compile(r"\b(MUST|SHALL|SHOULD|MAY|REQUIRED|RECOMMENDED|OPTIONAL"
                          # RFC 2119 keywords as translated specs capitalise them (pt, es, fr, de).
                          r"|DEVE|DEVERIA|PODE|DEBE|DEBERÍA|PUEDE|DOIT|DEVRAIT|PEUT|MUSS|SOLL|SOLLTE|KANN|DARF)\b", re.ASCII)
_MODAL_ANY = re.compile(r"\b(must|shall|should|may)\b", re.ASCII | re.I)
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_CJK_MODALS = re.compile(r"必须|必需|必須|应当|應當|应该|應該|须|須|不得|禁止|可以|可選|可选|なければならない|必要がある|べき|ならない|できる|こと|"
                         r"어야|아야|해야|야 한다|야 합니다|수 있|필수|금지")


@rule("missing-modal-verb", Severity.WARNING, "A requirement has no MUST / SHALL / SHOULD / MAY keyword.",
      dialects=(Dialect.SPECKIT, Dialect.OPENSPEC, Dialect.OPENSPEC_DELTA), fixable=True)
def check(context: RuleContext):
    document = context.document
    if document.dialect == Dialect.SPECKIT:
        yield from _speckit(context)
        return
    for requirement in document.requirements:
        if requirement.kind != "openspec" or requirement.section in ("REMOVED", "RENAMED"):
            continue
        body = requirement_body(document, requirement)
        where = f"{requirement.section} requirement" if requirement.section else "Requirement"
        if not body:
            if SHALL_OR_MUST.search(requirement.name):
                yield context.finding(requirement.range, f"{where} \"{requirement.name}\" must contain SHALL or MUST in the "
                                      "requirement body, not only in the header. Move the statement to the line under the header.",
                                      severity=Severity.ERROR, fixes=[_move_to_body(document, requirement)],
                                      data={"requirement": requirement.name, "header-only": True})
            else:
                yield context.finding(requirement.range, f"{where} \"{requirement.name}\" has no text: write the requirement "
                                      "under its header, with SHALL or MUST (\"The system SHALL ...\").",
                                      severity=Severity.ERROR, data={"requirement": requirement.name})
            continue
        if SHALL_OR_MUST.search(body):
            continue
        message = f"{where} \"{requirement.name}\" should contain SHALL or MUST (RFC 2119) in its body."
        if _mostly_cjk(body):
            message += (" In a non-English spec keep the keyword in English inside the sentence (\"系统 SHALL ...\"), "
                        "or lower this rule's severity; `openspec validate --strict` fails without it.")
        elif _MODAL_ANY.search(body):
            message += " OpenSpec only accepts the capitalised words SHALL or MUST."
        yield context.finding(requirement.body_range or requirement.range, message, data={"requirement": requirement.name})


def _speckit(context: RuleContext):
    document = context.document
    for requirement in document.requirements:
        if requirement.kind not in ("functional", "non-functional") or not requirement.text.strip():
            continue
        text = requirement.text
        if _MODAL_UPPER.search(text):
            continue
        lower = _MODAL_ANY.search(text)
        if lower:
            start = requirement.body_range.start.line if requirement.body_range else requirement.line
            line = document.lines[start]
            column = line.find(lower.group(0))
            target = Range.of(start, column, start, column + len(lower.group(0))) if column >= 0 else requirement.range
            fixes = [Fix(f"Capitalise \"{lower.group(0)}\"", [Edit(target, lower.group(0).upper())], safe=False)] if column >= 0 else []
            yield context.finding(target, f"{requirement.id} uses lowercase \"{lower.group(0)}\"; RFC 2119 keywords carry their "
                                  f"meaning only in capitals ({lower.group(0).upper()}).", severity=Severity.INFO, fixes=fixes,
                                  data={"requirement": requirement.id, "keyword": lower.group(0)})
            continue
        if _mostly_cjk(text):
            if not _CJK_MODALS.search(text):
                yield context.finding(requirement.range, f"{requirement.id} states no obligation: no modal word such as 必须 / "
                                      "应该 / しなければならない / MUST.", data={"requirement": requirement.id})
            continue
        yield context.finding(requirement.range, f"{requirement.id} has no MUST / SHALL / SHOULD / MAY: say what the system "
                              "MUST do (e.g. \"System MUST ...\").", data={"requirement": requirement.id})


def _mostly_cjk(text: str) -> bool:
    """Chinese/Japanese/Korean prose, possibly with English identifiers (API, JSON) in it."""
    return len(_CJK.findall(text)) > len(_LATIN_WORD.findall(text)) * 3


def _move_to_body(document, requirement) -> Fix:
    """Copy the header's statement onto a body line under it, keeping the header as the name."""
    section = requirement_section(document, requirement)
    line = section.line if section else requirement.line
    end = len(document.lines[line])
    return Fix("Add the header's statement as the requirement body",
               [Edit(Range.of(line, end, line, end), "\n" + requirement.name)], safe=False)
