"""kiro-undefined-glossary-term: an EARS criterion's system `THE <Term> SHALL` that the Glossary does not define.

Kiro v2 specs name the responding component with a Glossary term (`THE Label_Assigner SHALL ...`), which makes
the name a checkable reference: a typo or a component nobody defined shows up here. Only files with a Glossary
are checked, and only names written like Glossary terms (`Snake_Case`, `CamelCase`, or a defined term's casing),
so v1 prose such as `THEN the system SHALL` is never flagged. The nearest defined term is suggested.
No pygls or lsprotocol.
"""

from __future__ import annotations

import difflib
import re

from analysis.dialects.kiro import glossary_sections
from analysis.model import Dialect, Edit, Fix, Severity
from analysis.rules import RuleContext, rule
from analysis.text import Range

_SYSTEM = re.compile(r"\bTHE\s+([A-Za-z][\w-]*(?:\s+[A-Z][\w-]*){0,3}?)\s+SHALL\b", re.ASCII)
_TERM_SHAPE = re.compile(r"^[A-Za-z]\w*_\w+$|^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$", re.ASCII)


def _key(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name).casefold()


@rule("kiro-undefined-glossary-term", Severity.WARNING, "A Kiro criterion names a system (THE <Term> SHALL) the Glossary does not define.",
      dialects=(Dialect.KIRO,), fixable=True)
def check(context: RuleContext):
    document = context.document
    if not glossary_sections(document):
        return
    terms = [entity.name for entity in document.entities if entity.source == "glossary"]
    if not terms:
        return
    keys = {_key(term) for term in terms}
    for requirement in document.requirements:
        for criterion in requirement.scenarios:
            for line in range(criterion.line, criterion.end):
                text = document.lines[line]
                for match in _SYSTEM.finditer(text):
                    name = match.group(1)
                    if _key(name) in keys or not _TERM_SHAPE.match(name):
                        continue
                    where = Range.of(line, match.start(1), line, match.end(1))
                    nearest = difflib.get_close_matches(name, terms, n=1, cutoff=0.6)
                    hint = f" Did you mean \"{nearest[0]}\"?" if nearest else " Define it in the Glossary."
                    yield context.finding(where, f"\"{name}\" is not defined in the Glossary.{hint}",
                                          fixes=[Fix(f"Use \"{nearest[0]}\"", [Edit(where, nearest[0])])] if nearest else [],
                                          data={"term": name, "suggestion": nearest[0] if nearest else None})
