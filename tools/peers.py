#!/usr/bin/env python3
"""Times odplint and its peers side by side on the same work, in one run: the commands of each
work are run in turn (interleaved) RUNS times, and each command's median wall time, median CPU
time (user + system) and median peak resident memory (the child's own `ru_maxrss`, from
`os.wait4`) are printed as a Markdown table, with odplint's ratio to each peer.

Usage: tools/peers.py ODPLINT WORKDIR [RUNS]

WORKDIR holds the inputs (see docs/performance.md for the commands that make them): seed.yaml and
seed.json (the police plan after `odplint fix`), big10000.yaml, big100000.yaml,
big1000000.yaml and big100000.json (`../shared/bench/gen_big.py`), and many/ (1,000 copies of
seed.yaml). Peers come from `../shared/bench/install-peers.sh` (PEERS, default /tmp/peers). A
work whose input is missing is skipped with a note; a peer that is missing stops the script.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCHEMA = HERE.parent.parent / "shared" / "bench" / "plan.schema.json"


def measure(command):
    """Wall seconds, CPU seconds and peak KiB of one run of `command` (output discarded).

    The peak is read by /usr/bin/time: a child forked from this Python process would start with
    Python's own high-water mark (Linux keeps it across exec), so small runs would all read
    alike. CPU time is the child's and its children's, from `os.wait4`."""
    start = time.perf_counter()
    process = subprocess.Popen(["/usr/bin/time", "-f", "@@ %M", *command],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = process.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.stderr.close()
    lines = err.splitlines()
    peak = next(int(line.split()[1]) for line in reversed(lines) if line.startswith("@@ "))
    code = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, peak, code, err


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    odplint, work = sys.argv[1], Path(sys.argv[2])
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    peers = Path(os.environ.get("PEERS", "/tmp/peers"))
    ajv = peers / "node" / "node_modules" / ".bin" / "ajv"
    jsonschema_cli = peers / "cargo" / "bin" / "jsonschema-cli"
    for tool in (ajv, jsonschema_cli):
        if not tool.exists():
            sys.exit(f"{tool} is missing: run ../shared/bench/install-peers.sh")

    def jsc(*files):
        return [str(jsonschema_cli), "validate", str(SCHEMA), *[a for f in files for a in ("-i", f)]]

    def ajv_of(data):
        return [str(ajv), "validate", "--spec=draft2020", "-s", str(SCHEMA), "-d", data]

    many = sorted(str(p) for p in (work / "many").glob("*.yaml"))
    # (work, input in WORKDIR, the peer's command on it); odplint checks the same input.
    peers_of = [
        ("seed-size plan (YAML)", "seed.yaml", jsc),
        ("seed-size plan (JSON)", "seed.json", jsc),
        ("10k rows", "big10000.yaml", ajv_of),
        ("100k rows", "big100000.yaml", ajv_of),
        ("1M rows", "big1000000.yaml", ajv_of),
        ("100k rows as JSON", "big100000.json", jsc),
        ("1,000 seed-size files", "many", lambda folder: jsc(*many)),
    ]
    works = [
        (name, needed, [[odplint, "check", "--format", "concise", "--max-file-size", "1G",
                         str(work / needed)], peer(str(work / needed))])
        for name, needed, peer in peers_of
    ]
    only = os.environ.get("ONLY")
    print("| work | command | wall (median) | CPU (median) | peak RSS (median) | odplint / peer wall |")
    print("|---|---|---|---|---|---|")
    for name, needed, commands in works:
        if only and only not in name:
            continue
        if not (work / needed).exists():
            print(f"| {name} | (skipped: {needed} missing) | | | | |")
            continue
        times = [[] for _ in commands]
        for _ in range(runs):
            for index, command in enumerate(commands):
                wall, cpu, peak, code, err = measure(command)
                if code not in (0, 1) or (index > 0 and code != 0):
                    sys.exit(f"{name}: {' '.join(command[:4])} ... exited {code}: {err[-500:]}")
                times[index].append((wall, cpu, peak))
        medians = [tuple(statistics.median(t[i] for t in series) for i in range(3))
                   for series in times]
        for index, (command, (wall, cpu, peak)) in enumerate(zip(commands, medians)):
            label = Path(command[0]).name + " " + " ".join(
                os.path.basename(a) for a in command[1:4] if not a.startswith("-"))
            ratio = f"{medians[0][0] / wall:.2f}x" if index > 0 else ""
            print(f"| {name} | `{label}` | {wall * 1000:.1f} ms | {cpu * 1000:.1f} ms | {peak / 1024:.1f} MiB | {ratio} |",
                  flush=True)


if __name__ == "__main__":
    main()
