"""Benchmark of the plan engine; prints figures (it is not a timed test).

For each spec of the evaluation corpus (`/work/shared/corpus/real/*/spec.md` plus the OpenSpec and Kiro files under
`dialects/`): the time to generate its whole plan from text (parse + domain inference + design + plan.md rendering,
cold markdown cache) divided by the time markdown-it-py takes to parse the same text (`MarkdownIt().parse(text)`,
default preset), both measured in this run as best-of-N. Goal (issue 3): median ratio <= 3.

Usage: python bench/bench_plan.py [--corpus DIR] [--repeat N]
Depends only on the analysis core, never on pygls.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from markdown_it import MarkdownIt  # noqa: E402

from analysis import markdown as markdown_layer  # noqa: E402
from analysis.parse import parse_spec  # noqa: E402
from analysis.plan.design import build_plan  # noqa: E402
from analysis.plan.render import render_plan  # noqa: E402
from bench.bench_analysis import best_of, corpus_files  # noqa: E402


def generate(shown: str, text: str) -> str:
    markdown_layer._CACHE.clear()  # cold: every piece is parsed again, as for a spec opened for the first time
    document = parse_spec(text, shown)
    return render_plan(build_plan(document))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    files = corpus_files(args.corpus)
    if not files:
        print(f"no corpus at {args.corpus}; nothing to measure")
        return 0
    reference = MarkdownIt()
    rows = []
    for shown, path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        generate(shown, text)  # warm imports and regex caches
        parse_time = best_of(args.repeat, lambda: reference.parse(text))
        plan_time = best_of(args.repeat, lambda: generate(shown, text))
        rows.append((plan_time / parse_time, plan_time, parse_time, shown))
    ratios = sorted(row[0] for row in rows)
    print(f"plan generation over {len(rows)} corpus specs (best of {args.repeat}, cold markdown cache)")
    print(f"  ratio plan/markdown-it parse: median {statistics.median(ratios):.2f}x  "
          f"p90 {ratios[int(0.9 * (len(ratios) - 1))]:.2f}x  max {ratios[-1]:.2f}x   (goal: median <= 3x)")
    print(f"  plan time per spec: median {statistics.median(r[1] for r in rows) * 1000:.1f} ms, "
          f"max {max(r[1] for r in rows) * 1000:.1f} ms")
    for ratio, plan_time, parse_time, shown in sorted(rows, reverse=True)[:5]:
        print(f"    slowest: {ratio:5.2f}x  {plan_time * 1000:6.1f} ms  {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
