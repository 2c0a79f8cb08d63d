#!/usr/bin/env python3
"""Where a demo sweep's wall time goes: runs `./bnsweep run SPEC --master MASTER`, samples every
thread's CPU time from /proc twice a second, and prints the serial parts (launch to the first
trial, last trial to exit), the trials' summed wall and CPU time, and CPU per kind of thread
(trials' executor threads, HotSpot's compilers, GC, ...).

    src/bench/demo-anatomy.py 'local[2]' [SPEC]     (default: src/specs/demo.yaml)

Goal 4's model (BENCHMARKS.md) uses these: S = the serial parts, W = the trials' wall in
local[1], B = CPU of the threads other than the trials' while trials run.
"""
import collections, csv, datetime, os, re, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
master = sys.argv[1] if len(sys.argv) > 1 else "local[2]"
spec = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "src/specs/demo.yaml")
out = tempfile.mkdtemp(prefix="bnsweep-anatomy-")
ticks = os.sysconf("SC_CLK_TCK")


def jvm_pids(launcher_pid):
    """The launcher execs java, or runs it as its one child while it records its CDS archive."""
    try:
        children = open(f"/proc/{launcher_pid}/task/{launcher_pid}/children").read().split()
    except OSError:
        return []
    return [launcher_pid] + [int(c) for c in children]


start = time.time()
launcher = subprocess.Popen(
    [os.path.join(root, "bnsweep"), "run", spec, "--master", master, "--out", out + "/out"],
    stdout=subprocess.DEVNULL, stderr=open(out + "/log.txt", "w"))
threads = {}  # (pid, tid) -> (name, CPU seconds) at the thread's last sample
while launcher.poll() is None:
    for pid in jvm_pids(launcher.pid):
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tids:
            try:
                stat = open(f"/proc/{pid}/task/{tid}/stat").read()
            except OSError:
                continue
            name = stat[stat.index("(") + 1:stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2:].split()
            threads[(pid, tid)] = (name, (int(fields[11]) + int(fields[12])) / ticks)
    time.sleep(0.5)
end = time.time()

rows = list(csv.DictReader(open(out + "/out/results.csv")))
began = [datetime.datetime.fromisoformat(r["startedAt"].replace("Z", "+00:00")).timestamp() for r in rows]
ended = [b + float(r["wallSeconds"]) for b, r in zip(began, rows)]
print(f"{master}: {end - start:.1f} s wall, exit code {launcher.returncode}")
print(f"  serial: first trial started {min(began) - start:.1f} s after launch; "
      f"exit {end - max(ended):.1f} s after the last trial ended")
print(f"  trials: wall {sum(float(r['wallSeconds']) for r in rows):.1f} s, "
      f"CPU {sum(float(r['cpuSeconds']) for r in rows):.1f} s, summed over {len(rows)} trials")
groups = collections.Counter()
for name, cpu in threads.values():
    groups[re.sub(r"[0-9]+", "#", name)] += cpu
print(f"  CPU by thread (sampled every 0.5 s; total {sum(groups.values()):.1f} s):")
for name, cpu in groups.most_common(8):
    print(f"    {cpu:6.1f} s  {name}")
print(f"  output: {out}")
