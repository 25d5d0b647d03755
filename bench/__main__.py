"""`make bench`: the page benchmark (bench_pages, writes BENCHMARKS.md); `python -m bench NAME...` runs
bench_NAME.py modules instead (`python -m bench all` runs every one).

Benchmarks measure speed and memory on data sets they build in scratch databases; they are never
part of the test suite.
"""
from __future__ import annotations

import importlib
import pkgutil
import sys
import time

import bench


def main(argv: list[str]) -> int:
    names = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_"))
    wanted = argv or ["pages"]
    if wanted != ["all"]:
        names = [n for n in names if n.removeprefix("bench_") in wanted]
    for name in names:
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        importlib.import_module(f"bench.{name}").run()
        print(f"== {name} done in {time.perf_counter() - started:.1f} s\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
