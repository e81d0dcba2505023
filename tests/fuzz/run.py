"""Run the fuzz pass as one shard per core and report like one run.

    .venv/bin/python tests/fuzz/run.py [pytest options]

Each shard (tests/fuzz/conftest.py) writes to a file of its own; a line is
printed as each one ends, then every shard's output, and the exit status is
the first failing shard's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str]) -> int:
    count = max(1, int(os.environ.get("FUZZ_SHARDS") or os.cpu_count() or 1))
    pytest = [sys.executable, "-m", "pytest", "-n", "0", "tests/fuzz", *argv]
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as logs:
        runs = []
        for index in range(count):
            log = Path(logs, f"shard-{index}.log").open("w+")
            env = {**os.environ, "FUZZ_SHARD": f"{index}/{count}"}
            process = subprocess.Popen(
                pytest, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
            runs.append((index, process, log))
        print(f"fuzz pass: {count} shards", flush=True)
        codes = {}
        for index, process, _log in runs:
            codes[index] = process.wait()
            elapsed = time.monotonic() - started
            print(
                f"shard {index}/{count} ended with {codes[index]} after {elapsed:.0f} s", flush=True
            )
        for index, _process, log in runs:
            log.seek(0)
            print(f"\n===== shard {index}/{count} =====", flush=True)
            sys.stdout.write(log.read())
            log.close()
    failed = [code for code in codes.values() if code]
    return failed[0] if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
