"""Benchmark of the specls language server against its goals, in one run, with the shared harness `lspbench.py`.

Measures, on generated spec-kit specs of 300 and 2,000 lines (`gen_speckit_spec.py`): keystroke → diagnostics
(median, p95), hover and code-action round trips, startup; the peak RSS with the whole corpus workspace open (the
server indexes every spec of `/work/shared/corpus` and reports their diagnostics); and, in the same run, the same
harness against VS Code's markdown language server on the same 2,000-line file and a bare pygls server (startup).
Also splits one keystroke's server-side work into parse, rules and the server's own part (in process).

    python bench/bench_lsp.py [--tools DIR] [--corpus DIR] [--peer-dir DIR] [--runs N] [--edits N] [--json OUT]

Goals: keystroke → diagnostics p95 on 2,000 lines ≤ half of one markdown-it-py parse of that file; startup within
25% of a bare pygls server's; peak RSS ≤ 80 MB with the corpus open; ≥ 5× faster than the markdown peer.
The shared tools and the corpus live outside the repo (`/work/shared`); the parts that need them are skipped with a
message when they are absent. Depends on the standard library, markdown-it-py and the repo; it never edits files.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SERVER = [sys.executable, "-m", "lsp"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------- inputs

def generate_spec(tools: Path, lines: int, folder: Path) -> Path:
    target = folder / f"spec-{lines}" / "spec.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, str(tools / "gen_speckit_spec.py"), "--lines", str(lines), "-o", str(target)], check=True)
    return target


def hover_position(path: Path) -> str:
    """The first entity name in prose after the Key Entities are known: `Account` in the first story narrative."""
    text = path.read_text(encoding="utf-8").split("\n")
    entities = [m.group(1) for line in text for m in [re.match(r"^- \*\*([A-Z]\w+)\*\*:", line)] if m]
    for number, line in enumerate(text):
        if line.startswith(("#", "-", "|")) or not entities:
            continue
        for name in entities:
            index = line.find(f" {name} ")
            if index >= 0:
                return f"{number}:{len(line[:index + 2].encode('utf-16-le')) // 2}"
    return "0:2"


def markdown_parse_ms(path: Path, repeat: int = 7) -> float:
    """One full markdown-it-py parse (CommonMark, block and inline) of the file, median of `repeat`."""
    from markdown_it import MarkdownIt

    text = path.read_text(encoding="utf-8")
    parser = MarkdownIt("commonmark")
    parser.parse(text)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        parser.parse(text)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


# ------------------------------------------------------------------------------------------- lspbench runs

def lspbench(tools: Path, file: Path, command: list[str], *, runs: int, edits: int, requests: int, extra: list[str] = (),
             env: dict | None = None) -> dict:
    args = [sys.executable, str(tools / "lspbench.py"), "--json", "--file", str(file), "--runs", str(runs), "--edits", str(edits),
            "--requests", str(requests), "--hover", hover_position(file), "--cwd", str(REPO), *extra, "--", *command]
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=1800)
    try:
        result = json.loads(done.stdout)
    except json.JSONDecodeError:
        return {"ok": False, "errors": [done.stderr[-2000:] or "no output"], "metrics_ms": {}}
    return result


def startup_pairs(tools: Path, file: Path, pairs: int) -> dict:
    """Startup of a bare pygls server and of specls, run alternately so that both see the same machine load."""
    bare_command = [sys.executable, str(tools / "mini_pygls_server.py")]
    samples: dict[str, list[float]] = {"bare_pygls": [], "specls": []}
    for _ in range(pairs):
        for name, command in (("bare_pygls", bare_command), ("specls", SERVER)):
            result = lspbench(tools, file, command, runs=1, edits=1, requests=1)
            value = metric(result, "startup")
            if value is not None:
                samples[name].append(value)
    return samples


def metric(result: dict, name: str, key: str = "median") -> float | None:
    value = (result.get("metrics_ms") or {}).get(name) or {}
    return value.get(key)


def peak_rss_mib(result: dict) -> float | None:
    kb = result.get("peak_rss_kb")
    return kb / 1024 if kb else None


def ensure_markdown_peer(peer_dir: Path | None) -> Path | None:
    """node_modules holding vscode-langservers-extracted and markdown-it (npm install into a temp dir when needed)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        log("markdown peer skipped: node/npm not found")
        return None
    folder = peer_dir or Path(tempfile.gettempdir()) / "specls-bench-markdown-peer"
    server = folder / "node_modules" / "vscode-langservers-extracted" / "bin" / "vscode-markdown-language-server"
    if not server.exists() or not (folder / "node_modules" / "markdown-it").exists():
        folder.mkdir(parents=True, exist_ok=True)
        log(f"npm install vscode-langservers-extracted markdown-it into {folder} ...")
        done = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(folder),
                               "vscode-langservers-extracted", "markdown-it"], capture_output=True, text=True, timeout=900)
        if done.returncode != 0 or not server.exists():
            log(f"markdown peer skipped: npm install failed: {done.stderr[-500:]}")
            return None
    return folder


# ------------------------------------------------------------------------------------------- corpus workspace RSS

class _Rpc:
    """Just enough JSON-RPC over stdio to open a workspace and wait for the server's indexing to finish."""

    def __init__(self, command: list[str], cwd: Path):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=cwd)
        self.messages: list[dict] = []
        self.lock = threading.Condition()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                chunk = stream.read(1)
                if not chunk:
                    return
                header += chunk
            length = int(re.search(rb"Content-Length: (\d+)", header).group(1))
            message = json.loads(stream.read(length))
            if "id" in message and "method" in message:  # a server request: answer like a minimal editor
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": [None] if message["method"] == "workspace/configuration" else None})
            with self.lock:
                self.messages.append(message)
                self.lock.notify_all()

    def send(self, message: dict) -> None:
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def request(self, method: str, params) -> dict:
        self.next_id += 1
        ident = self.next_id
        self.send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == ident and "method" not in m)

    def wait(self, predicate, timeout: float = 600) -> dict:
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                for message in self.messages:
                    if predicate(message):
                        return message
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError("server did not answer")
                self.lock.wait(remaining)


def corpus_rss(corpus: Path) -> dict:
    """Peak RSS of specls with the whole corpus as its workspace, read after it indexed and checked every spec."""
    rpc = _Rpc(SERVER, REPO)
    start = time.perf_counter()
    rpc.request("initialize", {"processId": os.getpid(), "rootUri": corpus.as_uri(),
                               "workspaceFolders": [{"uri": corpus.as_uri(), "name": "corpus"}],
                               "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": True}},
                                                "window": {"workDoneProgress": True}}})
    rpc.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    indexed = rpc.wait(lambda m: m.get("method") == "window/logMessage" and "indexed" in m["params"]["message"])
    elapsed = (time.perf_counter() - start) * 1000
    published = {m["params"]["uri"] for m in rpc.messages if m.get("method") == "textDocument/publishDiagnostics"}
    status = Path(f"/proc/{rpc.process.pid}/status").read_text()
    hwm = int(re.search(r"VmHWM:\s+(\d+)", status).group(1))
    rpc.request("shutdown", None)
    rpc.send({"jsonrpc": "2.0", "method": "exit"})
    rpc.process.wait(10)
    return {"peak_rss_mib": hwm / 1024, "index_ms": elapsed, "specs_reported": len(published), "log": indexed["params"]["message"]}


# ------------------------------------------------------------------------------------------- in-process split

def keystroke_split(path: Path, edits: int = 20) -> dict:
    """One keystroke's server work split into parse, rules and the server's own part (stale checks, cross-artifact
    checks, conversion), measured in process on the same file and the same alternating edit lspbench makes."""
    sys.path.insert(0, str(REPO))
    from types import SimpleNamespace

    from analysis.parse import parse_spec
    from analysis.rules import check_document
    from lsp.session import Session

    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    middle = len(lines) // 2
    uri = path.as_uri()
    workspace = SimpleNamespace(text_documents={})
    session = Session(workspace_getter=lambda: workspace)
    total, parse, rules = [], [], []
    for version in range(1, edits + 2):
        changed = list(lines)
        if version % 2 == 0:
            changed[middle] += " x"
        body = "\n".join(changed)
        workspace.text_documents[uri] = SimpleNamespace(source=body, version=version, uri=uri)
        start = time.perf_counter()
        session.analyse(uri)
        total.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        document = parse_spec(body, str(path))
        parse.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        check_document(document, session.settings_for(str(path)), session.index)
        rules.append((time.perf_counter() - start) * 1000)
    total, parse, rules = total[1:], parse[1:], rules[1:]  # the first is the cold open
    median = statistics.median
    return {"analyse_median": median(total), "parse_median": median(parse), "rules_median": median(rules),
            "server_own_median": max(0.0, median(total) - median(parse) - median(rules))}


# ------------------------------------------------------------------------------------------- report

def fmt(value: float | None, unit: str = "ms") -> str:
    return "—" if value is None else f"{value:8.1f} {unit}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tools", type=Path, default=Path(os.environ.get("SPECLS_TOOLS", "/work/shared/tools")))
    parser.add_argument("--corpus", type=Path, default=Path(os.environ.get("SPECLS_CORPUS", "/work/shared/corpus")))
    parser.add_argument("--peer-dir", type=Path, default=None, help="folder with node_modules of the markdown peer")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    if not (args.tools / "lspbench.py").exists():
        log(f"lspbench.py not found in {args.tools}: nothing to measure (pass --tools)")
        return 2
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from bench.bytecode import use_bytecode_cache

    log(use_bytecode_cache())
    report: dict = {}
    with tempfile.TemporaryDirectory(prefix="specls-bench-") as scratch:
        folder = Path(scratch)
        specs = {n: generate_spec(args.tools, n, folder) for n in (300, 2000)}
        report["markdown_it_parse_ms_2000"] = markdown_parse_ms(specs[2000])
        for lines, path in specs.items():
            log(f"specls on {lines} lines ...")
            report[f"specls_{lines}"] = lspbench(args.tools, path, SERVER, runs=args.runs, edits=args.edits, requests=args.requests)
        log("startup: bare pygls server and specls, alternating ...")
        report["startup_samples"] = startup_pairs(args.tools, specs[300], max(args.runs, 5))
        peer = ensure_markdown_peer(args.peer_dir)
        if peer is not None:
            log("VS Code markdown language server on 2000 lines ...")
            env = dict(os.environ, NODE_PATH=str(peer / "node_modules"))
            report["markdown_peer_2000"] = lspbench(
                args.tools, specs[2000],
                ["node", str(peer / "node_modules" / "vscode-langservers-extracted" / "bin" / "vscode-markdown-language-server"), "--stdio"],
                runs=args.runs, edits=args.edits, requests=args.requests, env=env,
                extra=["--config", str(args.tools / "vscode_md_settings.json"), "--responder", f"node {args.tools / 'vscode_md_responder.js'}"])
        report["keystroke_split_2000"] = keystroke_split(specs[2000])
    if args.corpus.is_dir():
        log(f"whole corpus workspace ({args.corpus}) ...")
        report["corpus"] = corpus_rss(args.corpus)
    else:
        log(f"corpus not found at {args.corpus}: peak RSS with the corpus open is not measured")

    # ------------------------------------------------------------------ print
    print("specls language server benchmark (lspbench; milliseconds unless noted)\n")
    print(f"{'':34}{'median':>12}{'p95':>12}")
    for lines in (300, 2000):
        result = report[f"specls_{lines}"]
        if not result.get("ok"):
            print(f"specls {lines} lines: FAILED {result.get('errors')}")
        for name in ("change_to_diagnostics", "hover", "code_action", "open_to_diagnostics"):
            print(f"{f'{lines} lines {name}':34}{fmt(metric(result, name))}{fmt(metric(result, name, 'p95'))}")
        print(f"{f'{lines} lines peak RSS':34}{fmt(peak_rss_mib(result), 'MiB')}")
    split = report["keystroke_split_2000"]
    print(f"\n2000 lines, one keystroke in process: analyse {split['analyse_median']:.1f} ms = parse {split['parse_median']:.1f}"
          f" + rules {split['rules_median']:.1f} + server's own work {split['server_own_median']:.1f}")
    parse_ms = report["markdown_it_parse_ms_2000"]
    p95 = metric(report["specls_2000"], "change_to_diagnostics", "p95")
    pairs = report["startup_samples"]
    startup = statistics.median(pairs["specls"]) if pairs["specls"] else None
    bare = statistics.median(pairs["bare_pygls"]) if pairs["bare_pygls"] else None
    if startup and bare:
        print(f"\nstartup (median of {len(pairs['specls'])} alternating runs): specls {startup:.0f} ms, bare pygls {bare:.0f} ms")
    print("\ngoals:")
    goals = []
    if p95 is not None:
        goals.append(("keystroke→diagnostics p95 (2000 lines) ≤ ½ markdown-it parse", p95 <= parse_ms / 2,
                      f"{p95:.1f} ms vs ½ × {parse_ms:.1f} ms = {parse_ms / 2:.1f} ms (ratio {p95 / parse_ms:.2f} of one parse)"))
    if startup and bare:
        goals.append(("startup within 25% of bare pygls", startup <= bare * 1.25,
                      f"{startup:.0f} ms vs {bare:.0f} ms (ratio {startup / bare:.2f})"))
    if "corpus" in report:
        corpus = report["corpus"]
        goals.append(("peak RSS ≤ 80 MB with the corpus open", corpus["peak_rss_mib"] * 1.048576 <= 80,
                      f"{corpus['peak_rss_mib']:.1f} MiB ({corpus['peak_rss_mib'] * 1.048576:.1f} MB), {corpus['specs_reported']} specs "
                      f"reported, indexed in {corpus['index_ms']:.0f} ms"))
    if "markdown_peer_2000" in report:
        peer = report["markdown_peer_2000"]
        peer_p50 = metric(peer, "change_to_diagnostics")
        ours_p50 = metric(report["specls_2000"], "change_to_diagnostics")
        if peer_p50 and ours_p50:
            goals.append(("≥ 5× faster than VS Code's markdown server (keystroke→diagnostics median)", peer_p50 >= 5 * ours_p50,
                          f"specls {ours_p50:.1f} ms vs peer {peer_p50:.1f} ms (peer/specls = {peer_p50 / ours_p50:.2f}×)"))
        for name in ("hover", "code_action", "startup"):
            ours, theirs = metric(report["specls_2000"], name), metric(peer, name)
            if ours and theirs:
                print(f"  peer comparison {name}: specls {ours:.1f} ms, peer {theirs:.1f} ms (peer/specls {theirs / ours:.2f}×)")
    for name, met, detail in goals:
        print(f"  [{'met' if met else 'NOT met'}] {name}: {detail}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
