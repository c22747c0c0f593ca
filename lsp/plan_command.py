"""`specls plan`: print a spec's backend plan (markdown, JSON or OpenAPI 3.1), write or update the plan.md beside the
spec, or check in CI that plan.md is current.

    specls plan SPEC                  print the plan as markdown
    specls plan SPEC --format json    print the plan model (analysis.plan.model.to_json)
    specls plan SPEC --openapi        print an OpenAPI 3.1 document of the routes
    specls plan SPEC... --write       create or update plan.md in place (edited regions are kept and reported)
    specls plan SPEC... --check       exit 1 when a plan.md is missing or stale, 0 when current

The file name comes from the `plan.file_name` setting. Messages go to stderr, the plan to stdout. Exit codes:
0 success, 1 a missing or stale plan (`--check`), 2 usage or I/O errors. A thin shell over `analysis.plan`;
no language-server code.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("specs", nargs="+", metavar="SPEC", help="spec file (spec.md, OpenSpec spec, Kiro requirements.md)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="create or update the plan file beside each spec")
    mode.add_argument("--check", action="store_true",
                      help="exit 1 when a plan file is missing or out of date (for CI), 0 when it is current")
    mode.add_argument("--openapi", action="store_true", help="print an OpenAPI 3.1 document (JSON) of the planned routes")
    parser.add_argument("--format", choices=["markdown", "json"], default="markdown",
                        help="what to print: plan.md markdown (default) or the plan model as JSON")
    parser.add_argument("--overwrite", action="append", default=[], metavar="REGION",
                        help="with --write: replace this edited region with the regenerated text (repeatable; "
                             "'all' for every edited region)")
    parser.set_defaults(run=run)


def _read_text(path: Path) -> str:
    """The file as text with its byte order mark and line endings kept (so an update can write them back)."""
    from analysis.text import decode_bytes

    data = path.read_bytes()
    decoded = decode_bytes(data)
    if decoded.text is None:
        raise ValueError(decoded.error or "cannot read the file as text")
    return ("\ufeff" if decoded.had_bom else "") + decoded.text


def _plan_for(spec_path: Path):
    from analysis.config import settings_for
    from analysis.model import KIRO_COMPANION_DIALECTS
    from analysis.parse import parse_spec
    from analysis.plan.design import build_plan

    text = _read_text(spec_path)
    settings, problems = settings_for(spec_path)
    for problem in problems:
        print(f"specls plan: {problem}", file=sys.stderr)
    document = parse_spec(text, str(spec_path), references=False)  # the plan engine finds entity mentions itself
    if document.dialect in KIRO_COMPANION_DIALECTS:
        # `ValueError` is reported per spec by the caller, with exit code 2.
        raise ValueError(f"a Kiro {spec_path.name} sits beside the spec: plan from requirements.md in the same folder")
    return build_plan(document, settings), spec_path.parent / settings.plan.file_name


def run(args: argparse.Namespace) -> int:
    from analysis import memo

    # Each spec is planned once per run: memoising per-line work (what keeps the editor fast) would only cost here.
    with memo.disabled():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    specs = [Path(spec) for spec in args.specs]
    if len(specs) > 1 and not (args.write or args.check):
        print("specls plan: printing takes one SPEC; use --write or --check for several", file=sys.stderr)
        return 2
    if args.format == "json" and (args.write or args.check or args.openapi):
        print("specls plan: --format json only applies when printing the plan", file=sys.stderr)
        return 2
    if args.overwrite and not args.write:
        print("specls plan: --overwrite only applies with --write", file=sys.stderr)
        return 2
    worst = 0
    for spec in specs:
        try:
            worst = max(worst, _run_one(spec, args))
        except (OSError, ValueError) as exc:
            print(f"specls plan: {spec}: {exc}", file=sys.stderr)
            worst = 2
    return worst


def _run_one(spec: Path, args: argparse.Namespace) -> int:
    from analysis.plan.files import write_text_atomic
    from analysis.plan.model import to_json
    from analysis.plan.regions import update_plan

    if not spec.is_file():
        raise FileNotFoundError("no such spec file")
    plan, plan_path = _plan_for(spec)

    if args.openapi:
        from analysis.plan.openapi import build_openapi

        sys.stdout.write(json.dumps(build_openapi(plan), indent=2, ensure_ascii=False) + "\n")
        return 0
    if not (args.write or args.check):
        if args.format == "json":
            sys.stdout.write(json.dumps(to_json(plan), indent=2, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(update_plan(None, plan).text)
        return 0

    existing = _read_text(plan_path) if plan_path.exists() else None
    overwrite = set(args.overwrite)
    if "all" in overwrite and existing is not None:
        from analysis.plan.regions import parse_regions

        overwrite = {region.id for region in parse_regions(existing) if region.edited}
    update = update_plan(existing, plan, overwrite=frozenset(overwrite))
    for problem in update.problems:
        print(f"specls plan: {plan_path}: {problem}", file=sys.stderr)

    if args.check:
        if existing is None:
            print(f"{plan_path}: missing (run `specls plan --write {spec}`)", file=sys.stderr)
            return 1
        if update.changed:
            parts = ", ".join(update.updated + update.added + update.removed) or "header"
            print(f"{plan_path}: stale, regenerating would change: {parts} (run `specls plan --write {spec}`)",
                  file=sys.stderr)
            return 1
        _report_edited(plan_path, update.kept_edited)
        print(f"{plan_path}: current", file=sys.stderr)
        return 0

    if update.changed:
        write_text_atomic(plan_path, update.text, allowed_folder=spec.parent)
        verb = "created" if update.created else "updated"
        detail = ", ".join(f"{len(ids)} {what}" for what, ids in
                           (("added", update.added), ("regenerated", update.updated), ("removed", update.removed)) if ids)
        print(f"{plan_path}: {verb}" + (f" ({detail})" if detail and not update.created else ""), file=sys.stderr)
        if update.foreign and update.created is False and existing is not None and "architecture" in update.added:
            print(f"{plan_path}: this plan.md was not written by specls; the generated architecture was appended "
                  "in its own marked regions", file=sys.stderr)
    else:
        print(f"{plan_path}: up to date", file=sys.stderr)
    _report_edited(plan_path, update.kept_edited)
    return 0


def _report_edited(plan_path: Path, kept: list[str]) -> None:
    if kept:
        print(f"{plan_path}: kept {len(kept)} region(s) you edited: {', '.join(kept)} "
              f"(regenerate one with `--write --overwrite REGION`)", file=sys.stderr)
