"""Marked regions of plan.md: parse them, tell whether a plan is current, and update a plan in place.

A generated plan.md starts with a header comment recording the spec and its hash, and every generated part sits
between two HTML comments (invisible when rendered) that record a hash of the part's text:

    <!-- specls:plan spec=spec.md spec-sha256=<hex> generator=specls 0.1.0 -->
    <!-- specls:begin routes:events sha256=<hex of the text between the markers> -->
    ...
    <!-- specls:end routes:events -->

The update rules are the contract with the person who owns the file: text outside regions is kept byte for byte;
a region whose text no longer matches its recorded hash was edited by a person and is kept (and reported) unless
its id is explicitly in `overwrite`; regions that disappear from the new plan are removed only when unedited; new
regions go after their predecessor; a plan.md that specls did not create gets the generated architecture appended
in its own regions and is otherwise left alone; line endings and a byte order mark are kept; regenerating from an
unchanged spec gives identical bytes. Malformed markers never raise: an unmatched marker is treated as the
person's text and reported in `problems`. Depends on `analysis.plan.render`, `analysis.plan.model` and
`analysis.text`; no pygls or lsprotocol, no file access.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from typing import Literal

from analysis import __version__
from analysis.model import Edit
from analysis.plan.model import Plan
from analysis.plan.render import RenderedRegion, render_regions
from analysis.text import Position, Range, detect_newline

__all__ = [
    "ParsedPlan",
    "PlanHeader",
    "PlanStatus",
    "PlanUpdate",
    "Region",
    "header_line",
    "line_edits",
    "parse_plan",
    "parse_regions",
    "plan_status",
    "region_sha256",
    "update_plan",
]

_HEADER = re.compile(r"^<!-- specls:plan (?P<attributes>.*?) ?-->[ \t]*$")
_BEGIN = re.compile(r"^<!-- specls:begin (?P<id>[A-Za-z0-9][A-Za-z0-9:._-]*) sha256=(?P<sha>[0-9a-fA-F]{64}) -->[ \t]*$")
_END = re.compile(r"^<!-- specls:end (?P<id>[A-Za-z0-9][A-Za-z0-9:._-]*) -->[ \t]*$")
_ATTRIBUTE = re.compile(r"(?P<key>[a-z0-9-]+)=(?P<value>\S+)")
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|\r?\n|$)")
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
_BOM = "\ufeff"


# --------------------------------------------------------------------------------------------- parsing

@dataclass(frozen=True, slots=True)
class PlanHeader:
    line: int
    spec: str = ""
    spec_sha256: str = ""
    generator: str = ""


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    recorded_sha256: str
    actual_sha256: str
    begin_line: int
    """0-based line of the `specls:begin` marker."""
    end_line: int
    """0-based line of the `specls:end` marker (inclusive)."""
    end_character: int = 0
    """Length of the end marker line, so `range` ends where the marker ends."""

    @property
    def edited(self) -> bool:
        return self.recorded_sha256.lower() != self.actual_sha256

    @property
    def body_lines(self) -> tuple[int, int]:
        """Half-open line range of the generated text between the markers."""
        return self.begin_line + 1, self.end_line

    @property
    def range(self) -> Range:
        """From the start of the begin marker to the end of the end marker."""
        return Range(Position(self.begin_line, 0), Position(self.end_line, self.end_character))


@dataclass(slots=True)
class ParsedPlan:
    header: PlanHeader | None
    regions: list[Region] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    headings_before_header: bool = False
    """A markdown heading precedes the header comment: the file is a person's document with the plan appended."""

    @property
    def foreign(self) -> bool:
        """specls did not create this file: its generated part (if any) lives in an `architecture` region.

        The region ids decide when they can; without either (a person removed them), a heading above the header
        comment means a person's document (front matter alone does not).
        """
        ids = {region.id for region in self.regions}
        if "architecture" in ids or "title" in ids:
            return "architecture" in ids
        if self.header is None:
            return not self.regions
        return self.headings_before_header


def _lines_with_breaks(text: str) -> list[str]:
    """Lines including their terminators (`\\r\\n`, `\\r`, `\\n`, as LSP counts lines); joining gives `text` back."""
    parts = _LINE_BREAK.split(text)
    lines = [parts[index] + parts[index + 1] for index in range(0, len(parts) - 1, 2)]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _content(line: str) -> str:
    return line.rstrip("\r\n")


_TABLE_DASHES = re.compile(r":?-+:?")
# Runs of blanks that are not already one space. A single space is left alone, which keeps the substitution cheap;
# every match starts with a blank, so `re` skips ahead instead of trying each position. Without tabs, runs of
# spaces are found by their literal prefix, several times faster still.
_BLANK_RUNS = re.compile(r"[ \t]{2,}|\t")
_SPACE_RUNS = re.compile(r"  +")
# A whole line that is a table rule, with the newline before it: run over the text with a newline put in front, `re`
# tries it only where a line starts.
_TABLE_RULE_LINE = re.compile(r"\n(\|?(?: ?:?-+:? ?\|)+ ?(?::?-+:?)? ?)(?=\n|\Z)")


def _layout_insensitive(body: str) -> str:
    """The region text with layout a markdown formatter may change taken out: line endings, runs of spaces,
    indentation, blank lines, the padding and dash counts of tables. Only a change of words counts as an edit."""
    # Whole-text passes only (this hash runs for every region of every plan generated), table rules included. Once blank runs are single spaces, dropping the spaces beside pipes is two plain replacements
    # (what `re.sub(" ?\| ?", "|", line)` does on every line with a pipe), and line trimming does not interfere.
    text = body.replace("\r\n", "\n").replace("\r", "\n") if "\r" in body else body
    if "\t" in text:
        text = _BLANK_RUNS.sub(" ", text)
    elif "  " in text:
        text = _SPACE_RUNS.sub(" ", text)
    if "|" not in text:
        return "\n".join(filter(None, map(str.strip, text.split("\n"))))
    text = text.replace(" |", "|").replace("| ", "|")
    text = "\n".join(filter(None, map(str.strip, text.split("\n"))))
    # The table rules get one dash per column; the rule pattern jumps from line to line (see `_TABLE_RULE_LINE`).
    return _TABLE_RULE_LINE.sub(_one_dash_rule, "\n" + text)[1:] if "-" in text else text


def _one_dash_rule(match: re.Match[str]) -> str:
    return "\n" + _TABLE_DASHES.sub("-", match.group(1))


def region_sha256(body: str) -> str:
    """Hash of a region's text. Formatting is ignored (see `_layout_insensitive`), so converting the file to CRLF
    or running a markdown formatter over it does not turn every region into a person's edit."""
    return hashlib.sha256(_layout_insensitive(body).encode("utf-8", "surrogatepass")).hexdigest()


def _parse_lines(lines: list[str]) -> ParsedPlan:
    parsed = ParsedPlan(header=None)
    open_region: tuple[str, str, int] | None = None
    seen: set[str] = set()
    for number, raw in enumerate(lines):
        line = _content(raw)
        if number == 0:
            line = line.removeprefix(_BOM)
        if not line.startswith("<!-- specls:"):
            continue
        if parsed.header is None and (match := _HEADER.match(line)):
            # Generated text never contains a header, so a header ends any region left open by a damaged marker.
            if open_region is not None:
                parsed.problems.append(f"line {open_region[2] + 1}: region `{open_region[0]}` has no end marker; "
                                       "its text is treated as yours")
                open_region = None
            attributes = {m.group("key"): m.group("value") for m in _ATTRIBUTE.finditer(match.group("attributes"))}
            generator = match.group("attributes").partition("generator=")[2].strip()
            parsed.header = PlanHeader(number, attributes.get("spec", ""), attributes.get("spec-sha256", "").lower(),
                                       generator)
            parsed.headings_before_header = any(_ATX_HEADING.match(previous) for previous in lines[:number])
            continue
        if match := _BEGIN.match(line):
            if open_region is not None:
                parsed.problems.append(f"line {open_region[2] + 1}: region `{open_region[0]}` has no end marker; "
                                       "its text is treated as yours")
            open_region = (match.group("id"), match.group("sha"), number)
            continue
        if match := _END.match(line):
            region_id = match.group("id")
            if open_region is None or open_region[0] != region_id:
                if open_region is not None:
                    parsed.problems.append(f"line {open_region[2] + 1}: region `{open_region[0]}` has no end "
                                           "marker; its text is treated as yours")
                parsed.problems.append(f"line {number + 1}: end marker of `{region_id}` without a matching begin "
                                       "marker; treated as your text")
                open_region = None
                continue
            _, sha, begin = open_region
            open_region = None
            if region_id in seen:
                parsed.problems.append(f"line {begin + 1}: region `{region_id}` appears twice; the second copy is "
                                       "treated as your text")
                continue
            seen.add(region_id)
            body = "".join(lines[begin + 1:number])
            parsed.regions.append(Region(region_id, sha, region_sha256(body), begin, number, len(line)))
    if open_region is not None:
        parsed.problems.append(f"line {open_region[2] + 1}: region `{open_region[0]}` has no end marker; its text is "
                               "treated as yours")
    return parsed


def parse_plan(plan_text: str) -> ParsedPlan:
    """Header, regions (with 0-based line ranges and whether a person edited them) and marker problems."""
    return _parse_lines(_lines_with_breaks(plan_text))


def parse_regions(plan_text: str) -> list[Region]:
    """The well-formed regions of a plan.md, in document order."""
    return parse_plan(plan_text).regions


# --------------------------------------------------------------------------------------------- writing

def header_line(plan: Plan) -> str:
    """The header comment (without line ending) for `plan`."""
    spec_name = (plan.spec_path or "spec.md").replace("\\", "/").rsplit("/", 1)[-1] or "spec.md"
    spec_name = re.sub(r"\s", "%20", spec_name).replace("-->", "--%3E")
    return f"<!-- specls:plan spec={spec_name} spec-sha256={plan.spec_sha256} generator=specls {__version__} -->"


def _region_text(region: RenderedRegion, newline: str, final_break: str | None = None) -> str:
    body = region.text if region.text.endswith("\n") else region.text + "\n"
    begin = f"<!-- specls:begin {region.id} sha256={region_sha256(body)} -->\n"
    end = f"<!-- specls:end {region.id} -->"
    text = begin + body + end
    if newline != "\n":
        text = text.replace("\n", newline)
    return text + (newline if final_break is None else final_break)


def _fresh_document(plan: Plan, regions: list[RenderedRegion], newline: str) -> str:
    parts = [header_line(plan) + newline]
    for index, region in enumerate(regions):
        if index:
            parts.append(newline)
        parts.append(_region_text(region, newline))
    return "".join(parts)


@dataclass(slots=True)
class PlanUpdate:
    text: str
    created: bool
    """There was no plan.md before."""
    changed: bool
    """`text` differs from the existing file (writing it would change something)."""
    kept_edited: list[str] = field(default_factory=list)
    """Ids of regions a person edited, kept as they are instead of being regenerated."""
    foreign: bool = False
    """The existing plan.md was not created by specls; only its appended generated part is managed."""
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    overwritten: list[str] = field(default_factory=list)
    """Edited regions replaced by the regenerated text because their ids were in `overwrite`."""
    problems: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Piece:
    kind: Literal["text", "header", "region"]
    text: str
    region_id: str = ""


def _ending(text: str) -> str:
    for ending in ("\r\n", "\n", "\r"):
        if text.endswith(ending):
            return ending
    return ""


def _is_blank_line(piece: _Piece) -> bool:
    return piece.kind == "text" and piece.text in ("\n", "\r\n", "\r")


def update_plan(existing: str | None, plan: Plan, *, overwrite: set[str] | frozenset[str] = frozenset()) -> PlanUpdate:
    """Merge the regenerated `plan` into the `existing` plan.md text (None when there is no file)."""
    if existing is None or not existing.strip(" \t\r\n" + _BOM):
        bom = _BOM if existing and existing.startswith(_BOM) else ""
        newline = detect_newline(existing) if existing else "\n"
        regions = render_regions(plan)
        text = bom + _fresh_document(plan, regions, newline)
        return PlanUpdate(text, created=existing is None, changed=text != existing, added=[r.id for r in regions])

    bom = _BOM if existing.startswith(_BOM) else ""
    body = existing[len(bom):]
    newline = detect_newline(body)
    lines = _lines_with_breaks(body)
    parsed = _parse_lines(lines)
    foreign = parsed.foreign
    regions = render_regions(plan, embedded=foreign)
    update = PlanUpdate("", created=False, changed=False, foreign=foreign, problems=list(parsed.problems))

    if parsed.header is None and not parsed.regions:
        # A plan.md written by a person (spec-kit's own, for example): append the generated part, touch nothing else.
        separator = "" if not body or _ending(body) else newline
        text = bom + body + separator + newline + _fresh_document(plan, regions, newline)
        update.text, update.changed, update.added = text, True, [r.id for r in regions]
        return update

    # Cut the file into the person's text, the header line and the regions.
    pieces: list[_Piece] = []
    by_begin = {region.begin_line: region for region in parsed.regions}
    # A damaged header (a person edited the comment) is written again right before the first region.
    header_at = parsed.header.line if parsed.header is not None else parsed.regions[0].begin_line
    if parsed.header is None:
        update.problems.append("the specls:plan header comment was missing or damaged; it is written again")
    number = 0
    while number < len(lines):
        if parsed.header is None and number == header_at and not any(p.kind == "header" for p in pieces):
            pieces.append(_Piece("header", ""))
        if parsed.header is not None and number == header_at:
            pieces.append(_Piece("header", lines[number]))
            number += 1
        elif number in by_begin:
            region = by_begin[number]
            pieces.append(_Piece("region", "".join(lines[region.begin_line:region.end_line + 1]), region.id))
            number = region.end_line + 1
        else:
            if pieces and pieces[-1].kind == "text":
                pieces[-1].text += lines[number]
            else:
                pieces.append(_Piece("text", lines[number]))
            number += 1

    fresh = {region.id: region for region in regions}
    existing_regions = {region.id: region for region in parsed.regions}
    output: list[_Piece] = []
    for piece in pieces:
        if piece.kind == "header":
            output.append(_Piece("header", header_line(plan) + (_ending(piece.text) or newline)))
            continue
        if piece.kind == "text":
            output.append(piece)
            continue
        old = existing_regions[piece.region_id]
        # An edit that made the region say exactly what would be generated now is no longer an edit to keep.
        agrees = piece.region_id in fresh and old.actual_sha256 == region_sha256(fresh[piece.region_id].text)
        keep_edit = old.edited and piece.region_id not in overwrite and not agrees
        if keep_edit:
            update.kept_edited.append(piece.region_id)
            output.append(piece)
        elif piece.region_id in fresh:
            regenerated = _region_text(fresh[piece.region_id], newline, _ending(piece.text))
            if regenerated != piece.text:
                update.updated.append(piece.region_id)
                if old.edited:
                    update.overwritten.append(piece.region_id)
            output.append(_Piece("region", regenerated, piece.region_id))
        else:
            update.removed.append(piece.region_id)
            # Drop the blank line that separated it from the generated part before it, so removals leave no gaps.
            if output and _is_blank_line(output[-1]) and len(output) >= 2 and output[-2].kind in ("region", "header"):
                output.pop()

    present = {piece.region_id for piece in output if piece.kind == "region"}
    for index, region in enumerate(regions):
        if region.id in present:
            continue
        position = _insertion_point(output, [r.id for r in regions[:index]])
        if position is None:
            continue
        at, after_generated = position
        previous = output[at - 1] if at else None
        if previous is not None and not _ending(previous.text):
            previous.text += newline
        if after_generated:
            new_pieces = [_Piece("text", newline), _Piece("region", _region_text(region, newline), region.id)]
        else:
            new_pieces = [_Piece("region", _region_text(region, newline), region.id), _Piece("text", newline)]
        output[at:at] = new_pieces
        present.add(region.id)
        update.added.append(region.id)

    update.text = bom + "".join(piece.text for piece in output)
    update.changed = update.text != existing
    return update


def _insertion_point(output: list[_Piece], predecessors: list[str]) -> tuple[int, bool] | None:
    """Where a new region goes: after its nearest predecessor that is in the file, else right after the header.

    Returns (index in `output`, whether it follows a generated piece and so needs a blank line before it).
    """
    for region_id in reversed(predecessors):
        for index, piece in enumerate(output):
            if piece.kind == "region" and piece.region_id == region_id:
                return index + 1, True
    for index, piece in enumerate(output):
        if piece.kind == "header":
            return index + 1, False
    return None


def line_edits(old: str, new: str) -> list[Edit]:
    """The few whole-line edits that turn `old` into `new` (ranges in `old`, in document order, not overlapping).

    An editor applying these instead of replacing the whole buffer keeps the cursor, folds and undo history of the
    untouched parts of plan.md, which is most of it after an update.
    """
    old_lines, new_lines = _lines_with_breaks(old), _lines_with_breaks(new)
    if old_lines and not _ending(old_lines[-1]):
        end_of_text = Position(len(old_lines) - 1, len(old_lines[-1]))
    else:
        end_of_text = Position(len(old_lines), 0)

    def start_of(line: int) -> Position:
        return Position(line, 0) if line < len(old_lines) else end_of_text

    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    return [Edit(Range(start_of(i1), start_of(i2)), "".join(new_lines[j1:j2]))
            for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


# --------------------------------------------------------------------------------------------- status

@dataclass(slots=True)
class PlanStatus:
    state: Literal["missing", "current", "stale"]
    spec_sha256: str
    """Hash of the spec text as it is now."""
    recorded_spec_sha256: str | None = None
    """Hash the plan was generated from (None when plan.md is missing or has no specls header)."""
    foreign: bool = False
    header: PlanHeader | None = None
    regions: list[Region] = field(default_factory=list)
    edited_regions: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def plan_status(spec_text: str, plan_text: str | None) -> PlanStatus:
    """Is plan.md missing, current (generated from this very spec text) or stale? Cheap: hashes only.

    A plan.md without a specls header (written by a person) is stale: it lacks the generated architecture.
    """
    from analysis.plan.design import spec_hash

    actual = spec_hash(spec_text)
    if plan_text is None:
        return PlanStatus("missing", actual)
    parsed = parse_plan(plan_text)
    recorded = parsed.header.spec_sha256 if parsed.header else None
    state: Literal["current", "stale"] = "current" if recorded == actual else "stale"
    problems = list(parsed.problems)
    if parsed.header is None:
        problems.append("plan.md has no specls-generated part yet")
    return PlanStatus(state, actual, recorded, parsed.foreign, parsed.header, parsed.regions,
                      [region.id for region in parsed.regions if region.edited], problems)
