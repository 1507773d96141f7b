#!/usr/bin/env python3
"""Where a run's wall time goes, stage by stage, from a perf recording.

Record with call graphs, then feed `perf script` to this script:

    perf record -e cpu-clock -F 4000 --call-graph dwarf,16384 -o run.data \\
        build-bench/apimd generate -q -o OUT --schema S.json --lint L.json \\
        --lint-format json ../shared/corpus/graph-v1.0
    perf script -i run.data -F tid,time,ip,sym | bench/perf_timeline.py

Each sample is given to the first stage whose function is on its stack
(the order of STAGES below: the innermost stages first). Printed: for each
slice of time (20 ms by default, --slice MS), the samples of each stage in
it; then the samples of each stage over the whole run. At F samples a
second per core, a slice where two threads are busy throughout has about
2 * F * slice samples, so the columns show how many cores each stage keeps
busy and when.
"""
import argparse
import collections
import re
import sys

# Stage name, then the functions that mark it; the first stage found on a
# sample's stack wins.
STAGES = [
    ("find pages", ["fs_find_pages"]),
    ("pages", ["worker"]),
    ("merge", ["model_merge"]),
    ("lint model", ["lint_run_model", "lint_run_render"]),
    ("schema", ["docs_write_schema"]),
    ("view", ["c_view_type", "c_view_begin", "c_view_complete"]),
    ("render", ["render_worker"]),
    ("output", ["output_stream_finish", "generate"]),
    ("free", ["pipeline_result_free", "pipeline_result_free_model", "lint_run_end",
              "docs_run_end"]),
    ("start/exit", ["main", "_start", "_dl_start"]),
]

HEADER = re.compile(r"^\s*\d+\s+(\d+\.\d+):")


def read_samples(lines):
    """Yields (time, [function names, innermost first]) per sample."""
    time, stack = None, []
    for line in lines:
        m = HEADER.match(line)
        if m:
            if time is not None:
                yield time, stack
            time, stack = float(m.group(1)), []
        elif line.strip() and time is not None:
            parts = line.split()
            if len(parts) > 1:
                stack.append(parts[1])
    if time is not None:
        yield time, stack


def stage_of(stack):
    names = set(stack)
    for stage, functions in STAGES:
        if names.intersection(functions):
            return stage
    return "other"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slice", type=float, default=20.0,
                        help="milliseconds per line (default 20)")
    args = parser.parse_args()
    samples = list(read_samples(sys.stdin))
    if not samples:
        sys.exit("perf_timeline: no samples on stdin (perf script -F tid,time,ip,sym)")
    start = min(t for t, _ in samples)
    slices = collections.defaultdict(collections.Counter)
    totals = collections.Counter()
    for t, stack in samples:
        stage = stage_of(stack)
        slices[int((t - start) * 1000 / args.slice)][stage] += 1
        totals[stage] += 1
    for index in sorted(slices):
        cells = "  ".join(f"{s} {n}" for s, n in slices[index].most_common())
        print(f"{index * args.slice:7.0f} ms  {cells}")
    print()
    for stage, n in totals.most_common():
        print(f"{stage:12s} {n:6d} samples {100.0 * n / len(samples):5.1f}%")


if __name__ == "__main__":
    main()
