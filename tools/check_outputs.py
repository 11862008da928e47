"""Check that the notebooks are saved with their outputs (tables, figures), as the docs and GitHub show them.

    python tools/check_outputs.py            # prints one line per notebook; exits 1 if one falls short

`FIGURES` names the notebooks that must show figures and how many at least; every notebook in `SAVED` must carry
outputs (`tools/save_outputs.py` writes them). The notebooks stay small.
"""
import json, re, sys
from pathlib import Path

NBS = Path(__file__).resolve().parent.parent/'nbs'
FIGURES = {'02_scenes': 1, '03_rcm': 1, '06a_mdl': 1, '08_layerwise': 1, '09_testbed': 1, '10b_report': 1,
           '12_tutorial': 3}
SAVED = tuple(FIGURES) + ('10_study',)
MIN_FIGURES, MAX_MB = 10, 8

def _runs(c) -> bool:
    "Does code cell `c` run under plain `nbdev_test` (no slow or gpu flag, not eval: false)?"
    d = [l.replace(' ', '') for l in ''.join(c['source']).splitlines() if l.startswith('#|')]
    return not any(re.match(r'#\|(slow|gpu|eval:false)$', l) for l in d)

def stats(path:Path) -> dict:
    "Figures, code cells that run, and how many of those carry outputs."
    cells = [c for c in json.loads(path.read_text())['cells'] if c['cell_type'] == 'code' and _runs(c)]
    figs = sum('image/png' in o.get('data', {}) for c in cells for o in c.get('outputs', []))
    shows = [c for c in cells if not ''.join(c['source']).lstrip().startswith(('#| export', '#| hide', '#| default_exp'))]
    return dict(figures=figs, cells=len(shows), with_output=sum(bool(c.get('outputs')) for c in shows))

def check() -> list:
    bad, total = [], 0
    for name in SAVED:
        s = stats(NBS/f'{name}.ipynb'); total += s['figures']
        print(f"{name}: {s['figures']} figure(s), {s['with_output']} of {s['cells']} shown cells with output")
        if s['figures'] < FIGURES.get(name, 0): bad.append(f"{name} shows {s['figures']} figure(s), expected >= {FIGURES[name]}")
        if not s['with_output']: bad.append(f"{name} carries no outputs: run tools/save_outputs.py")
    if total < MIN_FIGURES: bad.append(f"{total} saved figures in all, expected >= {MIN_FIGURES}")
    mb = sum(p.stat().st_size for p in NBS.glob('*.ipynb')) / 2**20
    if mb > MAX_MB: bad.append(f"notebooks take {mb:.1f} MB, expected <= {MAX_MB}")
    print(f"{total} figures in all; notebooks {mb:.1f} MB")
    return bad

if __name__ == '__main__':
    bad = check()
    print('\n'.join(bad) or 'outputs: ok')
    sys.exit(1 if bad else 0)
