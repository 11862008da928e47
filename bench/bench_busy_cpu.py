"""Benchmark (c): the same `lost-in-space` run on a quiet machine and beside one busy process, for two thread settings.

A tiny toy model gains nothing from several intra-op threads, and when another process keeps a core busy, torch's
default thread count makes the threads wait on each other (a joint epoch measured 4.3 s on one thread and 147 s with
the default count beside a busy process). The command line therefore sets `--threads 1` and sends the expensive runs
to `--workers` single-threaded processes. This script times one run command four ways, side by side:

    quiet / busy  x  (--threads 1, the default)  /  (--threads N = all cores, --workers 1)

"busy" is one extra process spinning on one core for the whole run. The ratio busy/quiet is what we quote.

    python bench/bench_busy_cpu.py --out bench/results_busy_cpu.json            # times `lost-in-space --quick --no_joint`
    python bench/bench_busy_cpu.py --full --out bench/results_busy_cpu_full.json   # times `lost-in-space --quick`
    python bench/bench_busy_cpu.py --full --default_only ...                          # only the default-threads arm
"""
import argparse, json, multiprocessing as mp, os, platform, subprocess, tempfile, time


def spin(stop):
    x = 0
    while not stop.is_set(): x += 1


def timed(cmd, busy:bool) -> float:
    stop = mp.Event(); p = mp.Process(target=spin, args=(stop,)) if busy else None
    if p: p.start()
    try:
        t0 = time.time()
        with tempfile.TemporaryDirectory() as d:
            subprocess.run(cmd + ['--out', d, '--quiet'], check=True, capture_output=True)
        return time.time() - t0
    finally:
        if p: stop.set(); p.join()


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--full', action='store_true', help='with joint fine-tuning (the whole --quick run)')
    ap.add_argument('--default_only', action='store_true', help='only the default arm (--threads 1)')
    ap.add_argument('--out', default='bench/results_busy_cpu.json')
    a = ap.parse_args()
    base = ['lost-in-space', '--quick'] + ([] if a.full else ['--no_joint'])
    n = os.cpu_count() or 1
    arms = {'threads 1 (default)': base, f'threads {n}, workers 1': base + ['--threads', str(n), '--workers', '1']}
    if a.default_only: arms = dict(list(arms.items())[:1])
    res = {}
    for name, cmd in arms.items():
        q, b = timed(cmd, False), timed(cmd, True)
        res[name] = dict(quiet_s=round(q, 1), busy_s=round(b, 1), busy_over_quiet=round(b / q, 2))
        print(name, res[name], flush=True)
    out = dict(command=' '.join(base), cpus=n, machine=platform.processor() or platform.machine(), results=res)
    with open(a.out, 'w') as f: json.dump(out, f, indent=1)
    print(json.dumps(out, indent=1))
