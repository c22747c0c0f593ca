"""Entity names: their spelling variants (singular/plural, multi-word, CamelCase, acronyms), finding references
to defined entities in prose, and finding terms that are used like entity names but defined nowhere.

Pluralisation comes from the `inflection` library, not a home-made list. `find_references` and
`find_undefined_terms` run on every keystroke in the language server, so both are split into pure functions of
small inputs (a line's or a markdown piece's text and a few flags) that are memoised, and cheap document-level
steps over the memoised results; `analysis.memo` says when memoising is worth it. The word lists below (people,
UI, standard, product and code words) serve `find_undefined_terms`, whose first duty is not to cry wolf. Pure
functions over strings and the spec model; no pygls, no lsprotocol.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from typing import Callable, Iterator

import inflection

from analysis import memo
from analysis.model import EntityDefinition, EntityReference, SpecDocument
from analysis.text import Position, Range

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_ENTITY_SKIP_KINDS = frozenset({"clarifications", "session", "review-checklist", "execution-status", "execution-flow",
                                "quick-guidelines"})


def split_name(name: str) -> list[str]:
    """`TicketType`, `ticket_type`, `Ticket Type` -> `['ticket', 'type']`."""
    return list(_split_name(name))


@lru_cache(maxsize=8192)
def _split_name(name: str) -> tuple[str, ...]:
    words: list[str] = []
    for chunk in re.split(r"[\s_\-/]+", name.strip()):
        if chunk:
            words.extend(part for part in _CAMEL.split(chunk) if part)
    return tuple(word.casefold() for word in words)


# `inflection.singularize`/`pluralize` pass each rule to `re` as text, so every call looks some forty patterns up in
# `re`'s cache; a spec's names are inflected by the hundred, cold. The same rules, in the same order, compiled once
# (after `inflection` registered its irregular words on import) give the same answers several times faster.
_UNCOUNTABLE_END = re.compile(r"(?i)\b(?:%s)\Z" % "|".join(sorted(inflection.UNCOUNTABLES)))
_SINGULAR_RULES = tuple((re.compile(rule), replacement) for rule, replacement in inflection.SINGULARS)
_PLURAL_RULES = tuple((re.compile(rule), replacement) for rule, replacement in inflection.PLURALS)


def _last_letters(items) -> set[str] | None:
    """The lower-case letters a match of parsed pattern `items` (ending at `$`) can end with; None when unknown."""
    from re import _constants as sre  # the parser's own opcodes, read once at import

    found: set[str] = set()
    for op, av in reversed(list(items)):
        if op is sre.AT and av is sre.AT_END:
            continue
        if op is sre.LITERAL:
            return found | {chr(av).lower()}
        if op is sre.IN:
            for kind, value in av:
                if kind is sre.LITERAL:
                    found.add(chr(value).lower())
                elif kind is sre.RANGE:
                    found.update(chr(code).lower() for code in range(value[0], value[1] + 1))
                else:
                    return None
            return found
        if op is sre.SUBPATTERN or op is sre.BRANCH:
            for branch in ([av[-1]] if op is sre.SUBPATTERN else av[1]):
                letters = _last_letters(branch)
                if letters is None:
                    return None
                found |= letters
            return found
        if op is sre.MAX_REPEAT or op is sre.MIN_REPEAT:
            letters = _last_letters(av[2])
            if letters is None:
                return None
            found |= letters
            if av[0] > 0:
                return found
            continue  # optional: the match may end with what comes before it
        return None
    return None  # the whole pattern may match nothing: it may end anywhere


def _by_last_letter(rules: tuple) -> tuple[dict[str, tuple], tuple]:
    """The rules worth trying for a word, by its last letter, in their order: a rule whose every match ends with
    other letters cannot match the word, so skipping it changes no answer. Rules that are not `...$` patterns, or
    that the analysis cannot read, are tried for every word."""
    ends: list[set[str] | None] = []
    try:
        from re import _constants as sre, _parser as sre_parse

        for rule, _replacement in rules:
            parsed = list(sre_parse.parse(rule.pattern, rule.flags))
            anchored = bool(parsed) and parsed[-1] == (sre.AT, sre.AT_END)
            ends.append(_last_letters(parsed) if anchored else None)
    except Exception:  # another Python's parser: no shortcut, every rule is tried
        return {}, rules
    letters = set().union(*(end for end in ends if end is not None))
    table = {letter: tuple(rule for rule, end in zip(rules, ends) if end is None or letter in end) for letter in letters}
    return table, tuple(rule for rule, end in zip(rules, ends) if end is None)


_BY_LETTER: dict[int, tuple[dict[str, tuple], tuple]] = {}


def _rules_by_letter(rules: tuple) -> tuple[dict[str, tuple], tuple]:
    """`_by_last_letter(rules)`, built at first use (a server that never inflects a word does not pay for it at
    start-up) and kept: like a compiled pattern, it depends on nothing but the rules."""
    table = _BY_LETTER.get(id(rules))
    if table is None:
        table = _BY_LETTER[id(rules)] = _by_last_letter(rules)
    return table


def _inflect(word: str, rules: tuple) -> str:
    # `$` also matches before a final newline: such a word tries every rule.
    if not word.endswith("\n"):
        by_letter, other = _rules_by_letter(rules)
        rules = by_letter.get(word[-1].lower(), other)
    for rule, replacement in rules:
        if rule.search(word):
            return rule.sub(replacement, word)
    return word


@lru_cache(maxsize=8192)
def singular(word: str) -> str:
    """`inflection.singularize` for ASCII words (other scripts are left as they are)."""
    if not word.isascii() or not word or _UNCOUNTABLE_END.search(word):
        return word
    return _inflect(word, _SINGULAR_RULES)


@lru_cache(maxsize=8192)
def plural(word: str) -> str:
    """`inflection.pluralize` for ASCII words (other scripts are left as they are)."""
    if not word.isascii() or not word or word.lower() in inflection.UNCOUNTABLES:
        return word
    return _inflect(word, _PLURAL_RULES)


@lru_cache(maxsize=8192)
def entity_key(name: str) -> str:
    """A comparison key: lower case, singular last word, no separators (`Expense Reports` -> `expensereport`)."""
    words = split_name(name)
    if not words:
        return ""
    words[-1] = singular(words[-1])
    return "".join(words)


@lru_cache(maxsize=4096)
def name_variants(name: str) -> tuple[str, ...]:
    """Spellings under which an entity may be referred to in prose, longest first, lower case."""
    variants: set[str] = set()
    # Words split at CamelCase humps (`TicketType` -> ticket type) and as written (`GitHub Actions` -> github actions).
    as_written = [word.casefold() for word in name.split()]  # the same words as splitting at `\s+` runs
    for words in (split_name(name), as_written):
        if not words or not all(words):
            continue
        last = words[-1]
        for form in {singular(last), plural(singular(last)), last}:
            stem = words[:-1] + [form]
            variants.add(" ".join(stem))
            if len(stem) > 1:
                variants.add("".join(stem))
                variants.add("-".join(stem))
                variants.add("_".join(stem))
    return tuple(sorted(variants, key=lambda value: (-len(value), value)))


def compile_reference_pattern(definitions: list[EntityDefinition]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One regex over every variant of every name, and the map from a variant back to its entity."""
    spellings = tuple((definition.name, tuple(getattr(definition, "aliases", ()))) for definition in definitions)
    return _compile_reference_pattern(spellings)


@lru_cache(maxsize=64)
def _compile_reference_pattern(spellings: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    # Cached by the names alone: on most keystrokes the definitions do not change, so neither does the pattern.
    variant_to_name: dict[str, str] = {}
    acronyms: set[str] = set()
    for name, aliases in spellings:
        for spelling in (name, *aliases):
            if _ACRONYM.fullmatch(spelling):
                # `PIN`, `PO`, `SKU` are only themselves in capitals: "pin the list" is not a PIN.
                acronyms.update((spelling, spelling + "s"))
                variant_to_name.setdefault(spelling.casefold(), name)
                variant_to_name.setdefault(spelling.casefold() + "s", name)
                continue
            for variant in name_variants(spelling):
                variant_to_name.setdefault(variant, name)
    if not variant_to_name:
        return None, {}
    # Word boundaries do not exist in scripts written without spaces (Japanese, Chinese): such names match anywhere.
    lowered_acronyms = {acronym.casefold() for acronym in acronyms}
    words = [variant for variant in variant_to_name if variant not in lowered_acronyms]
    bounded = _trie_regex([variant for variant in words if variant.isascii()])
    unbounded = _trie_regex([variant for variant in words if not variant.isascii()])
    exact = _trie_regex(sorted(acronyms))
    alternatives = []
    if unbounded:
        alternatives.append(unbounded)
    if bounded or exact:
        inner = "|".join(part for part in (f"(?-i:{exact})" if exact else "", bounded) if part)
        alternatives.append(rf"(?<![\w-])(?:{inner})(?![\w-])")
    return re.compile("|".join(alternatives), re.IGNORECASE), variant_to_name


def _trie_regex(words: list[str]) -> str:
    """An alternation with shared prefixes factored out (`reading list|reading lists` -> `reading list(?:s)?`).
    Python's `re` tries alternatives one by one at each position; a prefix tree makes that a single walk, which
    is what keeps reference finding within a few milliseconds on long specs. Longer continuations come first so
    the longest spelling wins."""
    if not words:
        return ""
    escaped: dict[str, str] = {}

    def escape(text: str) -> str:
        value = escaped.get(text)
        if value is None:
            value = escaped[text] = re.escape(text)
        return value

    def emit(group: list[str], depth: int) -> str:
        # `group`: sorted, distinct words that share their first `depth` characters (a node of the prefix tree). The
        # tree is walked over the sorted words, not built: a run of characters every word of a branch shares (most
        # of a long name) is one slice, found by comparing the branch's first and last words.
        ends_here = len(group[0]) == depth  # a word that ends here is a prefix of the others: it sorts first
        rest = group[1:] if ends_here else group
        if not rest:
            return ""
        branches = []
        for _, members in groupby(rest, key=itemgetter(depth)):
            members = list(members)
            first, last = members[0], members[-1]
            common, limit = depth + 1, min(len(first), len(last))
            while common < limit and first[common] == last[common]:
                common += 1
            branches.append("".join(map(escape, first[depth:common])) + emit(members, common))
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends_here else body

    return emit(sorted(set(words)), 0)


_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}")
_LINE_CACHE: dict[tuple, tuple[EntityReference, ...]] = {}
_LINE_CACHE_LIMIT = 20_000


def find_references(document: SpecDocument, definitions: list[EntityDefinition]) -> list[EntityReference]:
    """Every prose mention of a defined entity, excluding the defining occurrence itself.

    This runs on every keystroke in the language server. One compiled pattern (a prefix tree of every spelling,
    cached by the set of names) is run per prose line. The references of each markdown piece, and within a
    changed piece those of each line, are cached by their position, text, section kinds and naming zones: a
    keystroke changes one line, so only that line is scanned again and only its piece is walked. Building
    thousands of reference objects, not matching, is what costs time on a long spec. Without memoising (a file
    analysed once) nothing is cached and the pattern runs once over each piece's text instead."""
    pattern, variant_to_name = compile_reference_pattern(definitions)
    if pattern is None:
        return []
    if len(_LINE_CACHE) > _LINE_CACHE_LIMIT:
        _LINE_CACHE.clear()
    if len(_PIECE_CACHE) > _PIECE_CACHE_LIMIT:
        _PIECE_CACHE.clear()
    defining = _naming_zones(document, definitions)
    memoising = memo.enabled()
    references: list[EntityReference] = []
    tree = document.tree
    section_kind_by_line = _section_kinds(document)
    if not memoising:
        # A document analysed once: no keys to build, and one scan of each piece's text instead of one per line.
        for begin, _end, text in tree.pieces:
            references.extend(_piece_references(document, pattern, variant_to_name, begin, text, section_kind_by_line,
                                                defining))
        return references
    zone_lines = sorted(defining)
    # Markdown pieces (see `analysis.markdown`) hold every prose line; a piece whose text, section kinds, naming
    # zones and prose mask are unchanged has the same references, so on a keystroke all but one piece are reused.
    for begin, end, text in tree.pieces:
        first_zone = bisect_left(zone_lines, begin)
        zones = tuple((line, defining[line]) for line in zone_lines[first_zone:bisect_left(zone_lines, end, lo=first_zone)])
        key = (pattern, begin, end, text, section_kind_by_line[begin:end], zones, bytes(tree.opaque[begin:end]))
        cached = _PIECE_CACHE.get(key)
        if cached is None:
            cached = tuple(_references_between(document, pattern, variant_to_name, begin, end, section_kind_by_line,
                                               defining, memoising))
            if memoising:
                _PIECE_CACHE[key] = cached
        references.extend(cached)
    return references


_PIECE_CACHE: dict[tuple, tuple[EntityReference, ...]] = {}
_PIECE_CACHE_LIMIT = 2048


def _references_between(document: SpecDocument, pattern: re.Pattern[str], variant_to_name: dict[str, str], begin: int,
                        end: int, section_kind_by_line: tuple[str | None, ...], defining: dict[int, tuple[int, int]],
                        memoising: bool) -> list[EntityReference]:
    references: list[EntityReference] = []
    tree = document.tree
    lines = document.lines
    for line_number in range(begin, end):
        line = lines[line_number]
        if not line or not tree.is_prose(line_number):
            continue
        kind = section_kind_by_line[line_number]
        if kind in _ENTITY_SKIP_KINDS:
            continue
        zone = defining.get(line_number)
        key = (pattern, line_number, line, kind, zone)
        cached = _LINE_CACHE.get(key)
        if cached is None:
            cached = tuple(_line_references(pattern, variant_to_name, line_number, line, kind or "", zone))
            if memoising:
                _LINE_CACHE[key] = cached
        references.extend(cached)
    return references


def _piece_references(document: SpecDocument, pattern: re.Pattern[str], variant_to_name: dict[str, str], begin: int,
                      text: str, section_kind_by_line: tuple[str | None, ...],
                      defining: dict[int, tuple[int, int]]) -> list[EntityReference]:
    """The references of the piece starting at line `begin` whose text is `text`, from one scan of that text: what
    scanning its lines one by one finds, because no match spans a line break (spellings hold none, and the
    boundary checks see a line break as they see the start or end of a line)."""
    references: list[EntityReference] = []
    lines = document.lines
    opaque = document.tree.opaque
    line_number = begin
    line_start = 0
    line_end = len(lines[begin])  # offset of the line break that ends `line_number`
    for match in pattern.finditer(text):
        start = match.start()
        while start > line_end:
            line_number += 1
            line_start = line_end + 1
            line_end = line_start + len(lines[line_number])
        if opaque[line_number]:
            continue
        kind = section_kind_by_line[line_number]
        if kind in _ENTITY_SKIP_KINDS:
            continue
        column = start - line_start
        zone = defining.get(line_number)
        if zone is not None and zone[0] <= column < zone[1]:
            continue
        written = match.group(0)
        name = variant_to_name.get(written.casefold())
        if name is not None:
            references.append(EntityReference(name, written, Range(Position(line_number, column),
                                                                   Position(line_number, match.end() - line_start)),
                                              kind or ""))
    return references


def _line_references(pattern: re.Pattern[str], variant_to_name: dict[str, str], line_number: int, line: str, kind: str,
                     zone: tuple[int, int] | None) -> Iterator[EntityReference]:
    for match in pattern.finditer(line):
        start = match.start()
        if zone is not None and zone[0] <= start < zone[1]:
            continue
        text = match.group(0)
        name = variant_to_name.get(text.casefold())
        if name is not None:
            yield EntityReference(name, text, Range(Position(line_number, start), Position(line_number, match.end())), kind)


def _naming_zones(document: SpecDocument, definitions: list[EntityDefinition]) -> dict[int, tuple[int, int]]:
    """Per defining line, the columns that name the entity (`**Purchase Order (PO)**:`): not references."""
    zones: dict[int, tuple[int, int]] = {}
    for definition in definitions:
        line = definition.range.start.line
        if not 0 <= line < len(document.lines):
            continue
        text = document.lines[line]
        start = definition.range.start.character
        colon = text.find(":", definition.range.end.character)
        end = colon if colon >= 0 else definition.range.end.character
        end = max(end, definition.range.end.character)
        previous = zones.get(line)
        zones[line] = (min(start, previous[0]), max(end, previous[1])) if previous else (start, end)
    return zones


def _section_kinds(document: SpecDocument) -> tuple[str | None, ...]:
    """The kind of the innermost classified section of every line (read-only)."""
    return _section_kinds_of(tuple((section.level, section.line, section.end, section.kind) for section in document.sections),
                             len(document.lines))


@lru_cache(maxsize=16)
def _section_kinds_of(sections: tuple[tuple[int, int, int, str | None], ...], total: int) -> tuple[str | None, ...]:
    # Cached by the section outline alone: typing inside a section leaves it unchanged.
    kinds: list[str | None] = [None] * total
    for _, start, end, kind in sorted(sections, key=lambda s: s[0]):
        for line in range(start, min(end, total)):
            if kind is not None or kinds[line] is None:
                kinds[line] = kind if kind is not None else kinds[line]
    return tuple(kinds)


def closest_name(name: str, candidates: list[str]) -> str | None:
    """The defined name closest to `name` (by key, then edit ratio), or None when nothing is close."""
    import difflib

    if not candidates:
        return None
    key = entity_key(name)
    by_key = {entity_key(candidate): candidate for candidate in candidates}
    if key in by_key:
        return by_key[key]
    matches = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.75)
    if matches:
        return by_key[matches[0]]
    words = set(split_name(name))
    for candidate in candidates:
        if words and words & set(split_name(candidate)) and len(split_name(candidate)) > 1:
            return candidate
    return None


# --- Undefined terms: prose phrases that are used like defined entity names -------------------------------------
#
# Precision matters more than recall here: a false "undefined entity" warning on an ordinary capitalised word
# teaches people to ignore the rule. So a phrase only becomes a candidate with positive evidence that the author
# uses it as a data term (a CamelCase or Snake_Case identifier, or a capitalised noun phrase in the middle of a
# sentence after a determiner or preposition), and then every known kind of look-alike is filtered out: actors
# and roles, product and technology names, UI nouns, attribute nouns, headings, quoted labels and examples.

_TERM_SECTION_KINDS = frozenset({"requirements", "functional-requirements", "non-functional-requirements",
                                 "user-scenarios", "primary-user-story", "acceptance-scenarios", "acceptance-criteria",
                                 "edge-cases", "key-entities", "data-model", "glossary", "delta-added", "delta-modified"})

_IDENTIFIER = re.compile(r"(?<![\w./#@$-])(?:[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+|[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*(?:_[A-Z][A-Za-z0-9]*)+)(?![\w./@-])")
_CAMEL_NAME = re.compile(r"[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+")
_CODE_NAME = re.compile(r"`([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+)`")
_TITLE_WORD = r"(?:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?|[A-Z]{2,5}s?)"
_TITLE_PHRASE = re.compile(rf"(?<![\w'’-])({_TITLE_WORD}(?:[ ]{_TITLE_WORD}){{0,3}})(?![\w'’-])")
_CODE_OR_QUOTE = re.compile(r"`[^`]*`|\"[^\"]*\"|“[^”]*”|‘[^’]*’|(?<!\w)'[^']*'(?!\w)|\[[^\]]*\]\([^)]*\)|<[^>]*>|https?://\S+")
_EXAMPLE_TAIL = re.compile(r"\b(?:e\.g\.|i\.e\.|(?:for example|for instance|such as|like|including|eg)\b)[^;)]*", re.I)
_EXTERNAL_NOTE = re.compile(r"\((?:[^)]*\b(?:from|existing|external|defined in|see|owned by|spec)\b[^)]*)\)", re.I)
_EXTERNAL_AFTER = re.compile(r"\s*\*{0,2}\s*\((?:[^)]*\b(?:from|existing|external|defined in|see|owned by|spec)\b[^)]*)\)", re.I)
_WORD_BEFORE = re.compile(r"([\w'’]+)[ ]+$")
_WORD_AFTER = re.compile(r"[ ]+([\w'’-]+)")
_QUOTED = re.compile(r"\"([^\"]{2,60})\"|“([^”]{2,60})”|(?<!\w)'([^']{2,60})'(?!\w)")

_DETERMINERS = frozenset("a an the each every any one new existing this that these those its their his her our your "
                         "per another no same other either neither several many multiple all some".split())
_PREPOSITIONS = frozenset("of to for with from in on into onto by about within between under without via against "
                          "across through after before".split())
_PARTICLES = frozenset("in on up out off down over back".split())
_FUNCTION_WORDS = frozenset("""in on at to of for by with from into onto not no all any and or but if when then given
    while where as is are be was were do does did has have had can may must should shall will would could only also
    via per after before upon once until unless""".split())
# Words that may follow an entity name; any other lower-case word after a capitalised phrase makes the phrase a
# modifier of that word ("the Kanban board", "a Stripe account"), which is not an entity reference.
_FOLLOWERS = _FUNCTION_WORDS | frozenset("""that which who whose what record records entry entries instance instances row rows
    object objects item items entity entities itself remains becomes gets stays belongs contains holds""".split())
_VERBS_BEFORE = frozenset("create creates created update updates updated delete deletes deleted add adds added "
                          "store stores stored save saves saved link links linked reference references referenced "
                          "contain contains contained own owns owned belong belongs hold holds held record records "
                          "recorded generate generates generated assign assigns assigned have has".split())

# Nouns for people and roles: a phrase ending in one of these is an actor, not a data entity ("Account Manager").
PEOPLE_NOUNS = frozenset("""user users admin admins administrator administrators owner owners member members manager managers
    staff librarian librarians operator operators developer developers editor editors reviewer reviewers approver approvers
    organizer organiser organizers organisers attendee attendees visitor visitors guest guests customer customers client
    clients buyer buyers seller sellers vendor vendors employee employees employer student students teacher teachers
    instructor instructors author authors moderator moderators maintainer maintainers contributor contributors subscriber
    subscribers participant participants player players patient patients doctor doctors nurse nurses agent agents
    representative representatives person people team teams lead leads host hosts viewer viewers requester requesters
    applicant applicants candidate candidates recruiter recruiters parent parents child children coach coaches trainer
    trainers tenant tenants landlord landlords driver drivers rider riders passenger passengers traveler travelers
    traveller travellers shopper shoppers merchant merchants partner partners supervisor supervisors stakeholder
    stakeholders actor actors persona personas superuser superusers sysadmin sysadmins analyst analysts auditor auditors
    accountant accountants cashier cashiers clerk clerks courier couriers technician technicians engineer engineers
    designer designers tester testers creator creators sender senders recipient recipients assignee assignees
    administrador usuario usuário""".split())

# Nouns for screens and widgets: the UI, not the data.
UI_NOUNS = frozenset("""button buttons page pages screen screens dashboard dashboards view views tab tabs modal modals dialog
    dialogs menu menus form forms panel panels field fields link links icon icons toolbar sidebar header footer banner
    card cards widget widgets window windows popup popups tooltip tooltips toggle checkbox dropdown input inputs label
    labels layout wizard editor section sections tile tiles badge badges toast toasts breadcrumb navbar navigation
    ui ux component components overlay drawer carousel table column selector picker results console center centre
    portal homepage spinner indicator file files folder folders directory code prompt prompts theme themes chart
    engine gateway processor scheduler pipeline daemon bot
    charts graph graphs diagram feed timer clock calendar digest grid bar animation sound shortcut hotkey keyboard
    cursor gesture style color colour font""".split())

# First words that make a capitalised phrase a UI action label ("the Sign In", "the Add Expense"), not a noun.
ACTION_WORDS = frozenset("""add create new edit update delete remove save submit cancel sign log view open close show hide export
    import download upload share search filter sort go back next continue start stop play pause undo redo clear
    reset refresh select apply confirm send invite join leave follow like get set check book buy pay""".split())

# Nouns that name attributes, states, documents or parts of the spec itself rather than data entities.
STANDARD_NOUNS = frozenset("""system systems application applications app apps feature features service platform api apis
    status state date time timestamp id ids name names type types number count total amount value values level mode
    priority story stories requirement requirements scenario scenarios criteria criterion phase step steps version
    release spec specification mvp section appendix example examples note notes assumption assumptions dependency
    dependencies constraint constraints edge case cases success error errors warning warnings message success failure
    format standard standards policy policies guideline guidelines rule rules principle principles law act regulation
    regulations protocol architecture design plan roadmap sprint milestone epic task tasks test tests environment
    production staging development server database backend frontend client-side server-side browser internet web email
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december utc gmt yes no true false null none north south east west given when then
    and boolean string integer int float decimal uuid guid enum list array map object text datetime kingdom states
    republic union emirates islands netherlands ocean sea river mountains street avenue road flow process journey
    experience tier guide document documentation handbook manual constitution readme changelog corporation corp
    inc ltd llc gmbh company council ministry department university college hospital clinic agency government
    association foundation institute""".split())

# Words that make any phrase containing them a product, channel or technology name ("the App Store", "the Web Portal").
TECH_WORDS = frozenset("app apps api web cloud mobile online digital internet wifi bluetooth sdk cli".split())

# Product, vendor and technology names that show up capitalised in specs. Heuristics below catch the rest
# (dots, digits, all-caps acronyms, names that appear in Assumptions or Dependencies sections).
KNOWN_PRODUCTS = frozenset("""google microsoft apple amazon aws azure gcp github gitlab bitbucket jira confluence slack teams
    zoom discord telegram whatsapp twitter facebook instagram linkedin youtube tiktok reddit stripe paypal braintree
    square shopify twilio sendgrid mailgun mailchimp auth0 okta keycloak firebase supabase vercel netlify heroku docker
    kubernetes helm terraform ansible jenkins postgres postgresql mysql sqlite mongodb redis kafka rabbitmq
    elasticsearch opensearch graphql rest json yaml xml csv pdf html css javascript typescript python java kotlin swift
    rust golang ruby rails django flask fastapi react angular vue svelte nextjs nuxt node nodejs deno express nestjs
    spring laravel symfony dotnet windows linux macos ubuntu android ios iphone ipad chrome firefox safari edge
    openai chatgpt claude anthropic gemini copilot llama bedrock sonnet gmail outlook office excel word powerpoint
    sharepoint onedrive dropbox notion figma trello asana wordpress salesforce hubspot zendesk intercom sentry datadog
    grafana prometheus cloudflare cloudwatch cloudfront vitest jest playwright cypress selenium pytest eslint prettier
    webpack vite tailwind tailwindcss bootstrap oauth openid saml jwt sso ldap wcag gdpr hipaa pci soc iso ccpa
    unicode utf ascii markdown git npm pip maven gradle openspec kiro spec-kit speckit claude-code cursor vscode
    neovim emacs intellij jetbrains mapbox leaflet openstreetmap sanctum prisma sequelize typeorm hibernate pydantic
    sqlalchemy alembic celery uvicorn gunicorn nginx apache swagger openapi redoc websocket websockets webhook
    webhooks devops macbook posthog mixpanel segment""".split())

_ACTOR_PHRASE = re.compile(r"(?<!such )\bas an? ((?:[\w-]+ ){0,3}?[\w-]+?)(?=[,.;:)]| I\b| who\b| wanting\b| that\b| with\b|$)", re.I)


@dataclass(frozen=True, slots=True)
class TermCandidate:
    """A phrase used like a defined entity name (`Reading List`, `AuditEntry`, `Issue_Manager`)."""

    text: str
    """As written."""
    range: Range
    context: str
    """Kind of the section it is in."""
    evidence: str
    """`identifier` (CamelCase / Snake_Case) or `phrase` (capitalised noun phrase after a determiner)."""


def find_undefined_terms(document: SpecDocument, is_defined: Callable[[str], bool]) -> list[TermCandidate]:
    """Phrases in requirements, stories, scenarios and entity descriptions that are used like entity names
    but that `is_defined` does not know, in document order. Never raises on odd text.

    This runs on every keystroke. What a line can contribute depends only on its own text and three flags, so
    the scan of each line is cached (`_line_term_candidates`); what depends on the whole document (excluded
    words, quoted phrases, definitions, counts) is applied afterwards to the cached candidates, which are few."""
    lines = document.lines
    eligible = _term_lines(document)
    if not eligible:
        return []
    prose_heuristics = _looks_english(document, eligible)
    facts = _document_facts(document)
    excluded = _excluded_words(document, facts)
    defined_heads = _defined_heads(document)
    known = _known_name_memo(frozenset(excluded), frozenset(defined_heads)) if memo.enabled() else {}
    capitalised_counts: dict[str, int] = {}
    quoted = facts.quoted
    products = facts.products
    description_lines = {line for definition in document.entities
                         for line in range(definition.line, max(definition.end, definition.line + 1))}
    kinds = _section_kinds(document)
    # Where the spec names its own entities in CamelCase (`FormSubmission`), a CamelCase name in code ticks is
    # written the same way and is a reference too; elsewhere code ticks hold code.
    camel_convention = any(_CAMEL_NAME.fullmatch(definition.name) for definition in document.entities)
    defined_memo: dict[str, bool] = {}
    scan_line = memo.choose(_line_term_candidates)

    def unknown(text: str) -> bool:
        """Neither a known look-alike nor a defined name (document-level filters, memoised per call)."""
        answer = known.get(text)
        if answer is None:
            answer = known[text] = _is_known_name(text, excluded, defined_heads)
        if answer:
            return False
        defined = defined_memo.get(text)
        if defined is None:
            defined = defined_memo[text] = bool(is_defined(text))
        return not defined

    candidates: list[TermCandidate] = []
    for line_number in eligible:
        found = scan_line(lines[line_number], camel_convention, prose_heuristics, line_number in description_lines)
        if not found:
            continue
        kind = kinds[line_number] or ""
        for text, start, end, evidence, count_key, locally_plausible in found:
            if count_key is not None:
                capitalised_counts[count_key] = capitalised_counts.get(count_key, 0) + 1
            if not locally_plausible:
                continue
            if evidence == "identifier" and text.casefold() in products:
                continue
            if evidence == "phrase" and text.casefold() in quoted:
                continue
            if not unknown(text):
                continue
            candidates.append(TermCandidate(text, Range.of(line_number, start, line_number, end), kind, evidence))
    result = []
    lowercase_words: set[str] | None = None  # read only when a single capitalised word needs it
    for candidate in candidates:
        if candidate.evidence == "phrase" and " " not in candidate.text:
            word = candidate.text.casefold()
            # A single capitalised word is weak evidence: it must be capitalised consistently, more than once,
            # and never written in lower case elsewhere (then it is just a common noun).
            if capitalised_counts.get(word, 0) < 2:
                continue
            if lowercase_words is None:
                lowercase_words = _lowercase_words(document, eligible) if prose_heuristics else set()
            if word in lowercase_words or singular(word) in lowercase_words or plural(word) in lowercase_words:
                continue
        result.append(candidate)
    return result


# One line's raw candidates: (text, start, end, evidence, key counted as a capitalised single word or None,
# whether the line-level filters let it through).
_LineCandidates = tuple[tuple[str, int, int, str, "str | None", bool], ...]


@lru_cache(maxsize=16384)
def _line_term_candidates(line: str, camel_convention: bool, prose_heuristics: bool, describes_entity: bool) -> _LineCandidates:
    """Everything one line can contribute, from its text alone: the document-level filters come later. Kept
    free of line numbers so that lines moved by an edit above them stay cached."""
    masked = _mask(line, keep_code_names=camel_convention)
    found: list[tuple[str, int, int, str, str | None, bool]] = []
    for match in _IDENTIFIER.finditer(masked):
        text = match.group(0)
        if not _plausible_identifier(text) or _used_as_modifier(masked, match.end()) \
                or _PRODUCT_CONTEXT.search(_tail(masked, match.start())) or _EXISTING_LIST.search(_tail(masked, match.start(), 160)):
            continue
        found.append((text, match.start(), match.end(), "identifier", None, True))
    if not prose_heuristics:
        return tuple(found)
    for match in _TITLE_PHRASE.finditer(masked):
        text = match.group(1)
        start = match.start(1)
        previous = _WORD_BEFORE.search(_tail(masked, start))
        if previous is None:
            continue
        previous_word = previous.group(1)
        # Only a determiner right before the phrase ("the Audit Entry", "THE Issue Manager SHALL") shows it
        # is used as a noun for a thing; after a preposition it is as often a place, product or status value.
        if previous_word.casefold() not in _DETERMINERS or not (previous_word.islower() or previous_word == "THE"):
            continue
        words = text.split(" ")
        if any(word.isupper() and len(word) > 1 for word in words) or words[0].casefold() in _FUNCTION_WORDS:
            continue
        if len(words) > 1 and (words[0].casefold() in ACTION_WORDS or words[-1].casefold() in _PARTICLES):
            continue
        count_key = words[0].casefold() if len(words) == 1 else None
        plausible = not (_used_as_modifier(masked, match.end(1)) or _EXTERNAL_AFTER.match(line, match.end(1)))
        found.append((text, start, match.end(1), "phrase", count_key, plausible))
    if describes_entity:
        found.extend(_relation_candidates(masked))
    return tuple(found)


_PRODUCT_CONTEXT = re.compile(r"\b(?:using|via|into|through|from|powered by|built on|integrat\w* with)\s+(?:[A-Z][\w-]*\s+)?$", re.I)
_EXISTING_LIST = re.compile(r"\bexisting\s+(?:[A-Z][\w-]*\s*(?:,|\band\b|\bor\b)\s*)*$")
_EXISTING_NAME = re.compile(r"\b[Ee]xisting\s+((?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*){0,3})")
_POSSESSIVE_NAME = re.compile(r"(?<![\w-])([A-Z][\w-]*)(?:'s|’s|'|’)(?=\s)")
_RELATION_LIST = re.compile(r"\b(?:related to|relationships?|references?|referenced by|linked to|belongs? to|associated with|"
                            r"part of|child of|parent of|has many|has one|owned by)\b\s*:?\s*([^.;]+)", re.I)


@dataclass(frozen=True, slots=True)
class _LineFacts:
    """What one line says about the whole document, from its text alone (see `_document_facts`)."""

    quoted: frozenset[str]
    products: frozenset[str]
    excluded: frozenset[str]


@dataclass(frozen=True, slots=True)
class _DocumentFacts:
    quoted: set[str]
    """Phrases that appear in quotes somewhere: values and labels ("United Kingdom", "In Progress")."""
    products: set[str]
    """Names used possessively anywhere ("ChurchTools' permissions"): organisations and products, not data."""
    excluded: set[str]
    """Actors named in stories ("As a Team Lead") and names an earlier feature defined ("the existing Regent")."""


_NO_FACTS = _LineFacts(frozenset(), frozenset(), frozenset())


def _document_facts(document: SpecDocument) -> _DocumentFacts:
    """The unions of every line's `_LineFacts`: only lines that say something are visited twice."""
    quoted: set[str] = set()
    products: set[str] = set()
    excluded: set[str] = set()
    facts_of = memo.choose(_line_facts)
    for line in document.lines:
        facts = facts_of(line)
        if facts is _NO_FACTS:
            continue
        quoted.update(facts.quoted)
        products.update(facts.products)
        excluded.update(facts.excluded)
    return _DocumentFacts(quoted, products, excluded)


@lru_cache(maxsize=16384)
def _line_facts(line: str) -> _LineFacts:
    quoted: set[str] = set()
    products: set[str] = set()
    excluded: set[str] = set()
    if '"' in line or "“" in line or "'" in line:
        for match in _QUOTED.finditer(line):
            quoted.add((match.group(1) or match.group(2) or match.group(3)).strip().casefold())
    if "'" in line or "’" in line:
        products.update(match.group(1).casefold() for match in _POSSESSIVE_NAME.finditer(line))
    for match in _ACTOR_PHRASE.finditer(line):
        phrase = re.sub(r"[*_`]", "", match.group(1)).strip().casefold()
        if phrase:
            excluded.add(f"={phrase}")
            excluded.add(phrase.split()[-1])
    if "xisting" in line:
        # "the existing Regent", "**Existing** entities": defined by an earlier feature, not missing here.
        for match in _EXISTING_NAME.finditer(line):
            excluded.add("=" + re.sub(r"[*_`]", "", match.group(1)).strip().casefold())
    if not (quoted or products or excluded):
        return _NO_FACTS
    return _LineFacts(frozenset(quoted), frozenset(products), frozenset(excluded))


def _product_like_names(document: SpecDocument) -> set[str]:
    """Names used possessively anywhere ("ChurchTools' permissions"): organisations and products, not data."""
    return _document_facts(document).products


def _relation_candidates(masked: str) -> list[tuple[str, int, int, str, None, bool]]:
    """Capitalised items of a relation list in an entity description ("Related to: Asset, Kit Bookings"), before
    the document-level filters."""
    found: list[tuple[str, int, int, str, None, bool]] = []
    without_notes = re.sub(r"\([^)]*\)?", lambda match: " " * len(match.group(0)), masked)
    for relation in _RELATION_LIST.finditer(without_notes):
        offset = relation.start(1)
        for item in re.finditer(r"[^,()]+", relation.group(1)):
            text = re.sub(r"^\s*(?:and|or|the|a|an|one|many|each|multiple)\s+", "", item.group(0), flags=re.I).strip()
            text = re.sub(r"\s+(?:and|or)$", "", text)
            if not re.fullmatch(rf"{_TITLE_WORD}(?: {_TITLE_WORD}){{0,3}}", text) or text.isupper():
                continue
            start = offset + item.start() + item.group(0).find(text)
            found.append((text, start, start + len(text), "relation", None, True))
    return found


# Last pieces of CamelCase names that belong to code, not to the domain (`ErrorResponse`, `UserService`).
IMPLEMENTATION_SUFFIXES = frozenset("""service services controller handler handlers manager provider factory repository
    repo adapter client helper helpers util utils middleware router routes exception error request response config
    configuration settings options component view page screen hook hooks store context module plugin schema dto
    interface impl runner executor worker job task queue listener observer builder parser validator serializer
    loader writer reader generator resolver wrapper test tests spec mock stub fixture""".split())


def _tail(text: str, end: int, width: int = 60) -> str:
    """The text just before `end`: the `...$` patterns that look backwards only need that much, and searching a
    short slice keeps them from rescanning the whole line for every candidate."""
    return text[max(0, end - width):end]


def _plausible_identifier(text: str) -> bool:
    """CamelCase made of short pieces is a brand (`GitHub`, `WiFi`, `DevOps`, `WebSocket`); type names are built
    from whole words (`AuditLogEntry`, `WorktreeAgent`), and those ending in a code word (`ErrorResponse`,
    `UserService`) are implementation, not domain. Snake_Case names (Kiro glossary style, where the Glossary
    defines components too) qualify whenever they contain lower case."""
    if "_" in text:
        return any(char.islower() for char in text)
    humps = _CAMEL.split(text)
    if humps[-1].casefold() in IMPLEMENTATION_SUFFIXES:
        return False
    return all(len(hump) >= 3 for hump in humps)


def _used_as_modifier(masked: str, end: int) -> bool:
    follower = _WORD_AFTER.match(masked, end)
    if follower is None:
        return False
    word = follower.group(1)
    if not word[:1].islower() or word in _FOLLOWERS:
        return False
    # Verbs in the third person or the past ("confirms", "is created") follow a subject, not a modifier.
    if (word.endswith("s") and not word.endswith("ss")) or word.endswith("ed"):
        return singular(word) in UI_NOUNS or singular(word) in PEOPLE_NOUNS
    return True


def _quoted_phrases(document: SpecDocument) -> set[str]:
    """Phrases that appear in quotes somewhere: values and labels ("United Kingdom", "In Progress")."""
    return _document_facts(document).quoted


def _term_lines(document: SpecDocument) -> list[int]:
    """Prose lines of requirements, stories, scenarios and entity definitions, without headings."""
    tree = document.tree
    lines = document.lines
    has_term_text = memo.choose(_has_term_text)
    return [line for line in memo.choose(_term_line_candidates)(
        tuple((section.line + 1, section.end) for section in document.sections if section.kind in _TERM_SECTION_KINDS)
        + tuple((requirement.line, max(requirement.end, requirement.line + 1)) for requirement in document.requirements)
        + tuple((story.line + 1, story.end) for story in document.stories)
        + tuple((definition.line, max(definition.end, definition.line + 1)) for definition in document.entities),
        tuple(heading.line for heading in tree.headings), bytes(tree.opaque), len(lines)) if has_term_text(lines[line])]


@lru_cache(maxsize=16)
def _term_line_candidates(spans: tuple[tuple[int, int], ...], heading_lines: tuple[int, ...], opaque: bytes,
                          total: int) -> tuple[int, ...]:
    """The prose, non-heading lines inside any of `spans`, in order: a function of the document's outline, which
    typing inside a line leaves unchanged (memoised for that reason; the lines' text is checked by the caller)."""
    wanted: set[int] = set()
    for start, end in spans:
        wanted.update(range(start, end))
    wanted.difference_update(heading_lines)
    return tuple(sorted(line for line in wanted if 0 <= line < total and 0 <= line < len(opaque) and not opaque[line]))


@lru_cache(maxsize=16384)
def _has_term_text(line: str) -> bool:
    """Not blank and not a table's rule row."""
    return bool(line.strip()) and not _is_table_rule(line)


def _is_table_rule(line: str) -> bool:
    return bool(re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", line))


def _mask(line: str, keep_code_names: bool = False) -> str:
    """Blank out what is not the author's own prose: code, quotes, links, examples, "(from spec X)" notes,
    and bold labels at the start of an item. Same length as `line`, so columns stay valid. With
    `keep_code_names`, a code span holding just a CamelCase name keeps the name (its ticks become spaces)."""
    def blank(match: re.Match[str]) -> str:
        return " " * len(match.group(0))

    if keep_code_names and "`" in line:
        line = _CODE_NAME.sub(lambda match: f" {match.group(1)} ", line)
    masked = _CODE_OR_QUOTE.sub(blank, line)
    masked = _EXAMPLE_TAIL.sub(blank, masked)
    masked = _EXTERNAL_NOTE.sub(blank, masked)
    label = re.match(r"^(\s*(?:[-*+]|\d+[.)])?\s*(?:\[[ xX]\]\s*)?)(\*\*|__)(.+?)(\*\*|__)", masked)
    if label:
        masked = masked[:label.start(2)] + " " * (label.end(4) - label.start(2)) + masked[label.end(4):]
    # Emphasis markers become spaces so `**Reading List**` reads as the words alone.
    return masked.replace("*", " ")


def _looks_english(document: SpecDocument, lines: list[int]) -> bool:
    """Capitalisation heuristics only hold for English prose (German capitalises every noun)."""
    total = common = 0
    counts_of = memo.choose(_english_counts)
    for line in lines[:400]:
        words, english = counts_of(document.lines[line])
        total += words
        common += english
    if total < 20:
        return False
    return common / total >= 0.12


@lru_cache(maxsize=16384)
def _english_counts(line: str) -> tuple[int, int]:
    """(words, common English words) of one line; lines are joined with spaces, so per-line counts add up."""
    words = re.findall(r"[A-Za-z]+", line)
    return len(words), sum(1 for word in words if word.casefold() in _ENGLISH_COMMON)


_ENGLISH_COMMON = frozenset("the a an and or of to in is are be must should can when then with for on by as that this "
                            "it from not will shall given user system".split())


def _lowercase_words(document: SpecDocument, lines: list[int]) -> set[str]:
    words: set[str] = set()
    words_of = memo.choose(_line_lowercase_words)
    for line in lines:
        found = words_of(document.lines[line])
        if found:
            words.update(found)
    return words


@lru_cache(maxsize=8192)
def _line_lowercase_words(line: str) -> tuple[str, ...]:
    # A tuple, not a set: many lines are cached and a small set costs several times the memory.
    return tuple(_LOWERCASE_WORD.findall(line))


_LOWERCASE_WORD = re.compile(r"(?<![\w-])[a-z][a-z]+(?![\w-])")


def _defined_heads(document: SpecDocument) -> set[str]:
    """Keys of every defined name (prefixed `=`), of each of its trailing word runs (`Asset Booking` -> `booking`)
    and of its leading runs of two words or more (`Change History Entry` -> `changehistory`)."""
    heads: set[str] = set()
    for definition in document.entities:
        for spelling in (definition.name, *definition.aliases):
            words = split_name(spelling)
            heads.add("=" + entity_key(spelling))
            for index in range(len(words)):
                heads.add(entity_key(" ".join(words[index:])))
            # Leading runs of two words or more name the collection (`Change History` of `Change History Entry`).
            for index in range(2, len(words)):
                heads.add(entity_key(" ".join(words[:index])))
    return heads


def _excluded_words(document: SpecDocument, facts: _DocumentFacts | None = None) -> set[str]:
    """What is never an entity name in this document, lower case: whole phrases (prefixed `=`: heading texts,
    actors named in stories, capitalised names in Assumptions / Dependencies) and single words (an actor's
    noun, the words of those names)."""
    excluded: set[str] = set()
    for section in document.sections:
        excluded.update(_heading_exclusions(section.title))
    excluded.update((facts or _document_facts(document)).excluded)
    text_by_kind = _section_kinds(document)
    for line_number, line in enumerate(document.lines):
        if text_by_kind[line_number] in ("assumptions", "dependencies"):
            excluded.update(_assumption_names(line))
    return excluded


@lru_cache(maxsize=4096)
def _heading_exclusions(title: str) -> tuple[str, ...]:
    return (f"={title.casefold()}", *(f"={part.strip().casefold()}" for part in re.split(r"\s*[-–—:|]\s*", title)))


@lru_cache(maxsize=4096)
def _assumption_names(line: str) -> frozenset[str]:
    """Capitalised names in an Assumptions or Dependencies line: products and systems the spec relies on."""
    excluded: set[str] = set()
    for name in re.findall(r"(?<![\w-])[A-Z][\w.+-]*(?: [A-Z][\w.+-]*)*", line):
        name = name.rstrip(".-")
        if line.lstrip(" -*+0123456789.").startswith(name) and " " not in name:
            continue  # a capitalised first word of an item is just the sentence start
        excluded.add(f"={name.casefold()}")
        excluded.update(word for word in split_name(name) if len(word) > 2 and word not in _COMMON_HEADING_WORDS)
    return frozenset(excluded)


@lru_cache(maxsize=8)
def _known_name_memo(excluded: frozenset[str], defined_heads: frozenset[str]) -> dict[str, bool]:
    """A memo of `_is_known_name` answers, one per (excluded words, defined heads): both change only when a
    heading, an actor or a definition does, so most keystrokes reuse every answer."""
    return {}


def _is_known_name(text: str, excluded: set[str], defined_heads: set[str]) -> bool:
    """Whether a candidate is an actor, product, UI or attribute word, a heading, or a shorthand for a defined name."""
    folded = text.casefold()
    words = split_name(text)
    if not words or f"={folded}" in excluded:
        return True
    if any(char.isdigit() for char in text) or "." in text:
        return True
    last = words[-1]
    if last in PEOPLE_NOUNS or singular(last) in PEOPLE_NOUNS or last in UI_NOUNS or singular(last) in UI_NOUNS:
        return True
    if last in STANDARD_NOUNS or singular(last) in STANDARD_NOUNS:
        return True
    if any(word in KNOWN_PRODUCTS or word in TECH_WORDS for word in words) or folded.replace(" ", "") in KNOWN_PRODUCTS:
        return True
    if any(word in excluded for word in words):
        return True
    # A qualified form of a defined entity (`Pending Order`, `Shared Reading List`) or a shortened one (`Bookings`
    # for `Asset Booking`). `Audit Entry` for `Audit Log Entry` is neither: that is a wrong name, worth reporting.
    if entity_key(text) in defined_heads:
        return True
    return any("=" + entity_key(" ".join(words[index:])) in defined_heads for index in range(1, len(words)))


# Words of headings that are too common to exclude every phrase containing them.
_COMMON_HEADING_WORDS = frozenset("""user users story stories requirement requirements scenario scenarios acceptance criteria
    key entities entity functional success edge cases case assumptions dependencies overview summary testing test
    clarifications session data model review checklist status execution priority independent mandatory optional
    the and for with new management feature specification spec""".split())


memo.register(_LINE_CACHE, _PIECE_CACHE, _section_kinds_of, _term_line_candidates, _line_term_candidates, _line_facts, _english_counts,
              _line_lowercase_words, _has_term_text, _heading_exclusions, _assumption_names, _known_name_memo)
