"""Benchmark of the plan engine; prints figures (it is not a timed test).

For each spec of the evaluation corpus (`/work/shared/corpus/real/*/spec.md` plus the OpenSpec and Kiro files under
`dialects/`): the time to generate its whole plan from text (parse + domain inference + design + plan.md rendering,
cold: the markdown pieces and every memo emptied before each run, untimed) divided by the time markdown-it-py takes to
parse the same text (`MarkdownIt().parse(text)`, default preset), both measured in this run as best-of-N.
Goal (issue 3): median ratio <= 3.

With `--split`, also the cold time of each phase (parse, domain inference, the rest of the design, rendering) as
a ratio to the same markdown-it parse, median over the spec-kit specs: where the time goes.

Usage: python bench/bench_plan.py [--corpus DIR] [--repeat N] [--split]
Depends only on the analysis core, never on pygls.
"""

from __future__ import annotations

import argparse
import functools
import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from markdown_it import MarkdownIt  # noqa: E402

from analysis import markdown as markdown_layer  # noqa: E402
from analysis import memo  # noqa: E402
from analysis.parse import parse_spec  # noqa: E402
from analysis.plan.design import _infer, build_plan  # noqa: E402
from analysis.plan.render import render_plan  # noqa: E402
from bench.bench_analysis import best_of, corpus_files  # noqa: E402


def _analysis_caches() -> list:
    """Every `functools.lru_cache` of the analysis core (per-line and per-phrase memos, name conversions)."""
    return [obj for obj in gc.get_objects()
            if isinstance(obj, functools._lru_cache_wrapper) and getattr(obj, "__module__", "").startswith("analysis")]


def generate(shown: str, text: str, cold: bool = False) -> str:
    """One plan from text. With `cold`, as `specls plan` makes it: one pass, nothing memoised (the caller empties
    the memos first, untimed: see `_clear`)."""
    if not cold:
        return render_plan(build_plan(parse_spec(text, shown)))
    with memo.disabled():  # as `specls plan` runs: one pass, nothing memoised, no rule-only entity references
        return render_plan(build_plan(parse_spec(text, shown, references=False)))


def _clear(caches: list) -> None:
    markdown_layer._CACHE.clear()
    memo.clear()
    for cache in caches:
        cache.cache_clear()


def phase_split(shown: str, text: str, caches: list, repeat: int) -> dict[str, float]:
    """Best-of-`repeat` cold seconds of each phase of one plan: parse, infer (domain model), design (the rest of
    `build_plan`), render."""
    best = {"parse": float("inf"), "infer": float("inf"), "design": float("inf"), "render": float("inf")}
    for _ in range(repeat):
        _clear(caches)
        with memo.disabled():
            started = time.perf_counter()
            document = parse_spec(text, shown, references=False)
            parsed = time.perf_counter()
            domain = _infer(document)
            inferred = time.perf_counter()
            plan = build_plan(document, domain=domain)
            designed = time.perf_counter()
            render_plan(plan)
            rendered = time.perf_counter()
        for phase, seconds in (("parse", parsed - started), ("infer", inferred - parsed), ("design", designed - inferred),
                               ("render", rendered - designed)):
            best[phase] = min(best[phase], seconds)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--split", action="store_true", help="also print the cold time of each phase (spec-kit specs)")
    args = parser.parse_args(argv)
    files = corpus_files(args.corpus)
    if not files:
        print(f"no corpus at {args.corpus}; nothing to measure")
        return 0
    reference = MarkdownIt()
    # One plan first, so every module the plan engine imports lazily is loaded: their memos must be found (and
    # emptied before each timed run) too, or "cold" would still hit them.
    generate(files[0][0], files[0][1].read_text(encoding="utf-8", errors="replace"))
    caches = _analysis_caches()
    rows = []
    split_rows: list[dict[str, float]] = []
    for shown, path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        generate(shown, text)  # imports and compiled patterns
        parse_time = best_of(args.repeat, lambda: reference.parse(text))
        # Cold: the markdown pieces and every memo of the analysis core are emptied before each run (untimed: a
        # fresh `specls plan` process starts with them empty, it does not spend time emptying them).
        plan_time = best_of(args.repeat, lambda: generate(shown, text, cold=True), setup=lambda: _clear(caches))
        warm_time = best_of(args.repeat, lambda: generate(shown, text))
        rows.append((plan_time / parse_time, plan_time, parse_time, shown, warm_time / parse_time))
        if args.split and shown.startswith("specs/"):
            split_rows.append({phase: seconds / parse_time
                               for phase, seconds in phase_split(shown, text, caches, args.repeat).items()})
    ratios = sorted(row[0] for row in rows)
    real = sorted(row[0] for row in rows if row[3].startswith("specs/"))
    print(f"plan generation over {len(rows)} corpus specs (best of {args.repeat}; cold: markdown pieces and every memo "
          "of the analysis core emptied before each run, no memoising, as `specls plan` runs)")
    print(f"  ratio plan/markdown-it parse: median {statistics.median(ratios):.2f}x  "
          f"p90 {ratios[int(0.9 * (len(ratios) - 1))]:.2f}x  max {ratios[-1]:.2f}x   (goal: median <= 3x)")
    if real:
        print(f"  spec-kit specs only ({len(real)}): median {statistics.median(real):.2f}x")
    print(f"  with warm memos (a spec regenerated after an edit): median {statistics.median(row[4] for row in rows):.2f}x")
    print(f"  plan time per spec: median {statistics.median(r[1] for r in rows) * 1000:.1f} ms, "
          f"max {max(r[1] for r in rows) * 1000:.1f} ms")
    for ratio, plan_time, parse_time, shown, _warm in sorted(rows, reverse=True)[:5]:
        print(f"    slowest: {ratio:5.2f}x  {plan_time * 1000:6.1f} ms  {shown}")
    if split_rows:
        print(f"  cold split, spec-kit specs ({len(split_rows)}), median of each phase / markdown-it parse: "
              + ", ".join(f"{phase} {statistics.median(row[phase] for row in split_rows):.2f}x"
                          for phase in ("parse", "infer", "design", "render")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
