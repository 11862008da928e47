"""The notebooks' style numbers: exported-cell sizes, long lines, parameters without docments.

`python tools/style_stats.py [-v] [nbs/X.ipynb ...]` prints the numbers (-v: the offending cells and parameters); `--check` exits 1 when a limit is broken:
median exported cell <= 12 lines, none over 45, code lines over 120 characters <= 2%,
every parameter of a public exported function or dataclass field documented (docments)."""
import ast, json, statistics, sys
from pathlib import Path

MEDIAN, MAX_LINES, LONG, LONG_FRAC = 12, 45, 120, 0.02

def cells(nb):
    "Code cells of notebook `nb` as (source, exported?)"
    for c in json.loads(Path(nb).read_text())['cells']:
        if c['cell_type'] != 'code': continue
        src = ''.join(c['source'])
        first = [l for l in src.splitlines() if l.startswith('#|')]
        yield src, any(l.replace(' ', '').startswith(('#|export', '#|exports')) for l in first)

def body_lines(src):
    "Lines of `src` that count: not directives, not blank"
    return [l for l in src.splitlines() if l.strip() and not l.startswith('#|')]

def _documented(src, lines, arg):
    "Does `arg` carry a docment (a trailing comment on its line, or a comment line just above)?"
    ln = arg.lineno - 1
    if '#' in lines[ln][arg.end_col_offset:]: return True
    return ln > 0 and lines[ln - 1].strip().startswith('#')

def undocumented(src):
    "Public functions/classes in `src` whose parameters or fields lack docments"
    try: tree = ast.parse(src)
    except SyntaxError: return []
    lines, out = src.splitlines(), []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith('_'):
            a = node.args
            args = [x for x in a.posonlyargs + a.args + a.kwonlyargs if x.arg not in ('self', 'cls') and not x.arg.startswith('_')]
            args += [x for x in (a.vararg, a.kwarg) if x]
            out += [f'{node.name}({x.arg})' for x in args if not _documented(src, lines, x)]
        if isinstance(node, ast.ClassDef) and not node.name.startswith('_'):
            for s in node.body:
                if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name) and not s.target.id.startswith('_'):
                    if not _documented(src, lines, s.target): out.append(f'{node.name}.{s.target.id}')
    return out

def stats(nbs=None):
    "Issue 10's numbers over notebooks `nbs` (default: all of nbs/)"
    sizes, n_lines, n_long, missing, big = [], 0, 0, [], []
    for nb in map(Path, nbs or sorted(Path('nbs').glob('*.ipynb'))):
        for src, exported in cells(nb):
            body = body_lines(src)
            n_lines += len(body); n_long += sum(len(l) > LONG for l in body)
            if not exported: continue
            sizes.append(len(body))
            if len(body) > MAX_LINES: big.append(f'{nb.name}: {len(body)} lines ({body[0][:60]})')
            missing += [f'{nb.name}: {m}' for m in undocumented(src)]
    return dict(cells=len(sizes), median=statistics.median(sizes), max=max(sizes), big=big,
                long_frac=n_long / max(n_lines, 1), n_long=n_long, n_lines=n_lines, undocumented=missing)

if __name__ == '__main__':
    s = stats([a for a in sys.argv[1:] if a.endswith('.ipynb')])
    print(f"exported cells {s['cells']}: median {s['median']} lines, max {s['max']}, over {MAX_LINES}: {len(s['big'])}")
    print(f"code lines over {LONG} chars: {s['n_long']}/{s['n_lines']} = {s['long_frac']:.2%}")
    print(f"parameters/fields without docments: {len(s['undocumented'])}")
    if '-v' in sys.argv: print(*s['big'], *s['undocumented'], sep='\n')
    ok = s['median'] <= MEDIAN and not s['big'] and s['long_frac'] <= LONG_FRAC and not s['undocumented']
    if '--check' in sys.argv and not ok: sys.exit('style limits not met')
