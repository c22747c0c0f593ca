"""unspecified-authorization: the spec describes operations that change data (create, edit, delete, approve,
publish, assign, ...) but never says who may perform them: no roles, permissions, "only X can", authentication,
authorization or access-control language anywhere in it.

Only operations a person performs count ("users can delete", "As a member, I want to publish"); a tool that
creates its own files raises no question of who may. A spec in which two or more specific roles act (an
organizer cancels, a player registers) already says who does what. One finding per spec, on the first requirement
(or, failing that, story) with such an operation. Text inside code, HTML comments and the old template's
checklists is ignored. No pygls or lsprotocol.
"""

from __future__ import annotations

import re

from analysis.entities import PEOPLE_NOUNS, singular
from analysis.model import Severity, SpecDocument
from analysis.rules import RuleContext, rule
from analysis.text import Range

MUTATING_VERBS = re.compile(
    r"\b(?:creat(?:e|es|ed|ing|ion)|add(?:s|ed|ing)?|edit(?:s|ed|ing)?|updat(?:e|es|ed|ing)|modif(?:y|ies|ied|ying)|"
    r"delet(?:e|es|ed|ing|ion)|remov(?:e|es|ed|ing|al)|approv(?:e|es|ed|ing|al)|reject(?:s|ed|ing)?|"
    r"cancel(?:s|led|ed|ling|ing|lation)?|publish(?:es|ed|ing)?|unpublish(?:es|ed|ing)?|assign(?:s|ed|ing)?|"
    r"archiv(?:e|es|ed|ing)|restor(?:e|es|ed|ing)|import(?:s|ed|ing)?|upload(?:s|ed|ing)?|transfer(?:s|red|ring)?|"
    r"refund(?:s|ed|ing)?|revok(?:e|es|ed|ing)|grant(?:s|ed|ing)?|invit(?:e|es|ed|ing)|ban(?:s|ned|ning)?|"
    r"suspend(?:s|ed|ing)?|merg(?:e|es|ed|ing)|renam(?:e|es|ed|ing)|submit(?:s|ted|ting)?|"
    r"register(?:s|ed|ing)?|book(?:s|ed|ing)?|deactivat(?:e|es|ed|ing)|activat(?:e|es|ed|ing))\b", re.I)

AUTHORIZATION_LANGUAGE = re.compile(
    r"\b(?:roles?|permissions?|permitted|authori[sz]\w*|unauthori[sz]\w*|authenticat\w*|unauthenticated|"
    r"access[- ]control\w*|rbac|acl|privileges?|privileged|"
    r"only\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,3}(?:can|may|is allowed|are allowed|has|have|should|must)|"
    r"(?:is|are|be|not)\s+allowed\s+to|forbidden|403|logged[- ]in|log(?:s|ged)?[- ]in|sign(?:s|ed)?[- ]in|"
    r"login|signin|single[- ]user|their own|his own|her own|owner(?:ship)?s?|admins?|administrators?|"
    r"moderators?|superusers?|rights?)\b", re.I)

_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
# People nouns that also name software or things (a host, a client, a driver, a lead) do not show a person acting.
_AMBIGUOUS_PEOPLE = frozenset("""host hosts lead leads agent agents client clients actor actors child children parent parents
    team teams driver drivers partner partners persona personas""".split())
_PERSON = re.compile(r"\b(?:(?-i:I)|we|they|someone|anyone|"
                     + "|".join(sorted(PEOPLE_NOUNS - _AMBIGUOUS_PEOPLE, key=len, reverse=True)) + r")\b", re.I)

# People who build or judge the product rather than use it ("As a developer, I want the code...") are not roles.
_GENERIC_PEOPLE = frozenset("""i we they someone anyone user person people member visitor guest developer maintainer
    engineer tester designer stakeholder contributor""".split())
_AS_A_ROLE = re.compile(r"\bas an?\s+(?:\*\*)?(?:[\w-]+\s+){0,2}?(" + "|".join(sorted(PEOPLE_NOUNS - _AMBIGUOUS_PEOPLE, key=len, reverse=True))
                        + r")\b", re.I)

_IGNORED_SECTION_KINDS = frozenset({"review-checklist", "execution-status", "execution-flow", "quick-guidelines"})


@rule("unspecified-authorization", Severity.WARNING,
      "The spec changes data but never says who may do it (roles, permissions, authentication).")
def check(context: RuleContext):
    document = context.document
    target = _first_mutation(document)
    if target is None or _mentions_authorization(document) or len(_acting_roles(document, enough=2)) >= 2:
        return
    range_, verb = target
    yield context.finding(range_,
                          f"This spec describes operations that change data (e.g. '{verb}') but never says who may perform "
                          "them. State who is allowed to (roles or permissions, e.g. 'Only the owner can delete a list'), "
                          "whether users must be signed in, or that no access control is needed.",
                          data={"verb": verb})


def _first_mutation(document: SpecDocument) -> tuple[Range, str] | None:
    for requirement in sorted(document.requirements, key=lambda r: r.line):
        if requirement.kind == "success-criterion":
            continue
        verb = _person_changes_data(requirement.text) or _person_changes_data(requirement.user_story)
        if verb:
            return requirement.range, verb
    for story in document.stories:
        for text in [story.narrative, *(scenario.text for scenario in story.scenarios)]:
            verb = _person_changes_data(text)
            if verb:
                return story.range, verb
    return None


def _person_changes_data(text: str) -> str | None:
    """The first data-changing verb of a sentence in which a person acts ("users can delete", "As a member, I
    want to publish", "allow organizers to cancel"). Operations only the system performs on its own (a CLI that
    creates a folder, a validator that rejects a file) raise no question of who may do them."""
    for sentence in _SENTENCE.split(text):
        for match in MUTATING_VERBS.finditer(sentence):
            before = sentence[:match.start()]
            if _PERSON.search(before):
                return match.group(0)
    return None


def _acting_roles(document: SpecDocument, enough: int | None = None) -> set[str]:
    """Specific roles that act in the spec ("As an organizer", "the coach cancels"): when two or more act, the
    spec already says who does what, even without the word "permission". Stops once `enough` roles are found."""
    roles: set[str] = set()
    texts = [story.narrative for story in document.stories] + [requirement.user_story for requirement in document.requirements]
    texts += [requirement.text for requirement in document.requirements if requirement.kind != "success-criterion"]
    texts += [scenario.text for story in document.stories for scenario in story.scenarios]
    texts += [scenario.text for requirement in document.requirements for scenario in requirement.scenarios]
    for text in texts:
        for match in _AS_A_ROLE.finditer(text):
            roles.add(singular(match.group(1).casefold()))
        for sentence in _SENTENCE.split(text):
            for verb in MUTATING_VERBS.finditer(sentence):
                people = list(_PERSON.finditer(sentence, 0, verb.start()))
                if people:
                    roles.add(singular(people[-1].group(0).casefold()))
        if enough is not None and len(roles - _GENERIC_PEOPLE) >= enough:
            break
    return roles - _GENERIC_PEOPLE


def _mentions_authorization(document: SpecDocument) -> bool:
    if not AUTHORIZATION_LANGUAGE.search(document.text):
        return False  # one search over the whole text settles the common case; lines are looked at only on a hit
    tree = document.tree
    skipped = set()
    for section in document.sections:
        if section.kind in _IGNORED_SECTION_KINDS:
            skipped.update(range(section.line, section.end))
    for number, line in enumerate(document.lines):
        if number in skipped or not tree.is_prose(number):
            continue
        if AUTHORIZATION_LANGUAGE.search(line):
            return True
    return False
