"""Turn `nbdev_test --do_print` output into CI's closing line `notebooks: N passed, N failed`.

usage: python tools/count_results.py STDOUT_FILE STDERR_FILE EXIT_CODE

Every notebook nbdev_test runs prints `- Completed <path>` (pass or fail); the failed ones are listed, one per line behind
a tab, after the last `nbdev Tests Failed On The Following Notebooks:` header of stderr. Tracebacks in stderr are
ignored: only `.ipynb` names in that list count.
"""
import re, sys

HEADER = 'nbdev Tests Failed On The Following Notebooks:'

def count(log:str, err:str, rc:int) -> tuple[int, int]:
    "(passed, failed) notebooks from nbdev_test's stdout, stderr and exit code."
    ran = {m.strip().rsplit('/', 1)[-1] for m in re.findall(r'^- Completed (.+)$', log, flags=re.M)}
    failed = set()
    if HEADER in err:
        tail = err.rsplit(HEADER, 1)[1]
        failed = {l.strip() for l in tail.splitlines() if l.startswith('\t') and l.strip().endswith('.ipynb')}
    if rc != 0 and not failed: return len(ran), 1      # it died without naming a notebook: count that as a failure
    return len(ran - failed), len(failed)

def self_test():
    "The counts for a run where one of three notebooks failed, its traceback full of '=' fences and tab-indented lines."
    log = ''.join(f"Starting /r/nbs/{n}\n- Completed /r/nbs/{n}\n" for n in ('00_core.ipynb', '09_testbed.ipynb', '10_study.ipynb'))
    err = ("Traceback (most recent call last):\n" + "=" * 50 + "\n\tx = f(1)\nAssertionError\n"
           f"\n{HEADER}\n" + "=" * 50 + "\n\t09_testbed.ipynb\n")
    assert count(log, err, 1) == (2, 1), count(log, err, 1)
    assert count(log, '', 0) == (3, 0)
    assert count(log, 'Killed', 137) == (3, 1)
    assert count('', '', 0) == (0, 0)

if __name__ == '__main__':
    if sys.argv[1:] == ['--self-test']: self_test(); print('count_results: self-test passed'); sys.exit(0)
    log, err, rc = open(sys.argv[1]).read(), open(sys.argv[2]).read(), int(sys.argv[3])
    p, f = count(log, err, rc)
    print(f"notebooks: {p} passed, {f} failed")
