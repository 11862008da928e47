"""Benchmark (d): how long `lost-in-space --help` takes, against a bare `python -c pass` and `import torch` in the same run.

    python bench/bench_cli_startup.py --out bench/results_cli_startup.json
"""
import argparse, json, statistics, subprocess, sys, time


def best_of(cmd, n=5) -> float:
    ts = []
    for _ in range(n):
        t0 = time.time(); subprocess.run(cmd, check=True, capture_output=True); ts.append(time.time() - t0)
    return min(ts)


if __name__ == '__main__':
    ap = argparse.ArgumentParser(); ap.add_argument('--out', default='bench/results_cli_startup.json'); a = ap.parse_args()
    res = {'python -c pass': best_of([sys.executable, '-c', 'pass']),
           'lost-in-space --help': best_of(['lost-in-space', '--help']),
           'python -c "import torch, transformers"': best_of([sys.executable, '-c', 'import torch, transformers'], 3)}
    res = {k: round(v, 3) for k, v in res.items()}
    print(json.dumps(res, indent=1))
    with open(a.out, 'w') as f: json.dump(dict(best_of_seconds=res), f, indent=1)
