"""Run the claimledger command and write what it cost beside what it returned.

    python -m tests.reliability.measured REPORT.json claimledger-arguments...

The report holds the exit status, the peak resident memory of this process (VmHWM) and the
bytes it read through read(2) while the command ran (Linux' /proc/self/io rchar; None elsewhere),
so a test can tell a refused input from one that was read whole.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

from claimledger.cli import main


def bytes_read() -> int | None:
    try:
        io = Path("/proc/self/io").read_text()
    except OSError:
        return None
    return int(next(line.split()[1] for line in io.splitlines() if line.startswith("rchar:")))


def peak_rss_mb() -> float:
    """This process's own peak: Linux keeps ru_maxrss across execve, so a child of a big test
    process would report its parent's peak; VmHWM starts afresh with the new program."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))) / 1024


def run(report: Path, argv: list[str]) -> int:
    before = bytes_read()
    try:
        code = main(argv)
    except SystemExit as exit:  # argparse's usage errors
        code = exit.code if isinstance(exit.code, int) else 1
    after = bytes_read()
    report.write_text(
        json.dumps(
            {
                "code": code,
                "peak_rss_mb": peak_rss_mb(),
                "bytes_read": None if before is None or after is None else after - before,
            }
        )
    )
    return code


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1]), sys.argv[2:]))
