"""How much claimledger's stages cost on top of spaCy's own parse, and whether memory stays flat.

    python benchmarks/speed.py --corpus CORPUS.jsonl [--n N] [--repeat 2] [--min-ratio 0.77] [--long-mb 5]

Both sides run as whole processes over the same distinct texts: `claimledger extract` over a JSON
Lines corpus, and the bare pipeline (`nlp.pipe`, the same model) over its texts. Each is timed in
CPU seconds (user + system of the child, so threads count as work, not as speed) on 1 article
and on N, and the difference leaves the marginal cost of N - 1 articles without start-up or model
loading; the best of --repeat rounds is kept. ratio = bare / extract (1.0: the stages cost
nothing), with the bare parse in nlp.pipe's default batches as an outside scorer runs it; the
stages' own cost is also shown against the bare parse in extract's batches of 16. Peak RSS of
extraction over the first 1, N/4, N/2 and N articles shows whether memory grows with the corpus.
--long-mb also extracts one article of that many megabytes.
Exits 1 when the ratio is under --min-ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

# argv: corpus, then a batch size or nothing for nlp.pipe's default (nlp.batch_size, 1000 texts).
BARE = """
import json, sys
from claimledger.pipeline import load_model
nlp = load_model()
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
for doc in nlp.pipe(texts, **({"batch_size": int(sys.argv[2])} if sys.argv[2:] else {})):
    pass
"""
EXTRACT_BATCH = 16  # Extractor.extract_many's default


@dataclass
class Usage:
    cpu: float  # user + system seconds
    peak_mb: float


def measure(command: list[str]) -> Usage:
    """Run a command to its end and return what it alone consumed (wait4 reports on that child)."""
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{child.stderr.read().decode()}")
    return Usage(usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def distinct_articles(corpus: Path, n: int) -> list[dict]:
    rows, seen = [], set()
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["text"] not in seen:
                seen.add(row["text"])
                rows.append(
                    {
                        "id": str(row.get("id", len(rows))),
                        "text": row["text"],
                        "published": row.get("published"),
                    }
                )
    return rows[:n] if n else rows


def write_jsonl(path: Path, rows: list[dict]) -> str:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return str(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", type=Path, required=True, help='JSON Lines with "text" (and "id", "published")'
    )
    parser.add_argument("--n", type=int, default=0, help="the first N distinct articles (default: all)")
    parser.add_argument(
        "--repeat", type=int, default=2, help="rounds, alternating the two sides; the best is kept"
    )
    parser.add_argument("--min-ratio", type=float, default=0.77)
    parser.add_argument("--long-mb", type=float, default=0, help="also extract one article of this many MB")
    parser.add_argument("--cli", default=str(Path(sys.executable).with_name("claimledger")))
    args = parser.parse_args()

    rows = distinct_articles(args.corpus, args.n)
    n = len(rows)
    tmp = Path(tempfile.mkdtemp(prefix="claimledger-bench-"))
    subsets = {
        k: write_jsonl(tmp / f"first-{k}.jsonl", rows[:k])
        for k in sorted({1, max(1, n // 4), max(1, n // 2), n})
    }

    def extract(k: int) -> Usage:
        return measure([args.cli, "extract", "--input-format", "jsonl", subsets[k], "--format", "jsonl"])

    def bare(k: int, *batch: str) -> Usage:
        return measure([sys.executable, "-c", BARE, subsets[k], *batch])

    bare_cpu, batched_cpu, extract_cpu, peaks = [], [], [], {}
    for _ in range(args.repeat):
        bare_cpu.append(bare(n).cpu - bare(1).cpu)
        batched_cpu.append(bare(n, str(EXTRACT_BATCH)).cpu - bare(1, str(EXTRACT_BATCH)).cpu)
        one, many = extract(1), extract(n)
        extract_cpu.append(many.cpu - one.cpu)
        peaks[1], peaks[n] = one.peak_mb, many.peak_mb
    for k in subsets:
        peaks.setdefault(k, extract(k).peak_mb)
    b, b16, e = min(bare_cpu), min(batched_cpu), min(extract_cpu)
    marginal = n - 1
    words = sum(len(row["text"].split()) for row in rows[1:])
    ratio = b / e if e > 0 else 0.0
    print(f"articles: {n} distinct ({words:,} words after the first), best of {args.repeat} rounds")
    print(f"bare parse: {marginal / b:.2f} articles/cpu-s ({b:.1f} cpu-s) with nlp.pipe's default batches")
    print(
        f"            {marginal / b16:.2f} articles/cpu-s ({b16:.1f} cpu-s) "
        f"in batches of {EXTRACT_BATCH}, as extract does"
    )
    print(f"extract:    {marginal / e:.2f} articles/cpu-s ({e:.1f} cpu-s), {words / e:,.0f} words/cpu-s")
    print(
        f"ratio:      {ratio:.2f} (floor {args.min_ratio}); "
        f"in equal batches the stages cost {100 * (e / b16 - 1):.0f}% on top of the parse"
    )
    print("peak RSS of extract: " + ", ".join(f"{peaks[k]:.0f} MB after {k}" for k in sorted(peaks)))

    if args.long_mb:
        text, i = "", 0
        while len(text.encode()) < args.long_mb * 1e6:
            text += rows[i % n]["text"] + "\n\n"
            i += 1
        path = tmp / "long.txt"
        path.write_text(text, encoding="utf-8")
        size = path.stat().st_size
        usage = measure([args.cli, "extract", str(path), "--max-bytes", str(size), "--format", "json"])
        print(
            f"one long article: {size / 1e6:.1f} MB, {len(text):,} characters: "
            f"{usage.cpu:.0f} cpu-s, peak RSS {usage.peak_mb:.0f} MB"
        )
    return 0 if ratio >= args.min_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
