"""Run notebooks and save them with their outputs (tables, figures), as fastcore's notebooks are kept.

Cells run as `nbdev_test` runs them (execnb, from nbs/), skipping `#| eval: false` cells and cells whose test flags are
not given (`#| slow`, `#| gpu`); then `nbdev_clean` is applied so the saved notebook is what CI expects.

    python tools/save_outputs.py nbs/12_tutorial.ipynb nbs/10_study.ipynb nbs/10b_report.ipynb   # fast cells
    python tools/save_outputs.py --flags slow nbs/12_tutorial.ipynb                 # the slow cells too
"""
import argparse, os, re
from pathlib import Path
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell
from nbdev.clean import clean_nb

def _skip(flags):
    "execnb preprocessor: True for a cell that must not run (eval: false, or a test flag not asked for)."
    def f(cell):
        if cell.cell_type != 'code': return True
        d = [l.replace(' ', '') for l in cell.source.splitlines() if l.startswith('#|')]
        if '#|eval:false' in d: return True
        return any(re.match(r'#\|(slow|gpu)$', l) and l[2:] not in flags for l in d)
    return f

def run(path:Path, flags:tuple):
    nb = read_nb(path)
    for c in nb.cells:
        if c.cell_type == 'code': c.outputs, c.execution_count = [], None
    cwd = os.getcwd(); os.chdir(path.parent)
    try: CaptureShell(mpl_format='retina').run_all(nb, exc_stop=True, preproc=_skip(flags))
    finally: os.chdir(cwd)
    clean_nb(nb); write_nb(nb, path)
    print('saved', path)

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('notebooks', nargs='+'); p.add_argument('--flags', nargs='*', default=[])
    a = p.parse_args()
    for nb in a.notebooks: run(Path(nb), tuple(a.flags))
