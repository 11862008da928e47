"""Check the package's structure: one idea per module, a public API between modules.

    python tools/check_structure.py          # prints a line per check; exits 1 if one fails

- no module imports another module's private (leading-underscore) names;
- no two modules import each other, directly or through others;
- no generated module is longer than `MAX_LINES`;
- a task's kind is branched on in at most `MAX_KIND_BRANCHES` places (kinds carry their behaviour as methods).
"""
import ast, re, sys
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent/'lost_in_space'
MAX_LINES, MAX_KIND_BRANCHES = 600, 2
KIND_BRANCH = re.compile(r"task_kind\([^)]*\)\s*[=!]=|isinstance\(.*(BinaryKind|BoxKind)|\[\s*'kind'\s*\]|\.name\s*==\s*'(binary|regression)'")

def modules() -> dict:
    "Module name -> its source text, for every generated module."
    return {f.stem: f.read_text() for f in sorted(PKG.glob('*.py')) if f.name not in ('_modidx.py', '__init__.py')}

def imports(src:str) -> list:
    "(module, name) for every import of a package module in `src`, at any depth (function-level imports too)."
    out = []
    for n in ast.walk(ast.parse(src)):
        if isinstance(n, ast.ImportFrom) and n.module:
            mod = n.module.split('.')[0] if n.level else (n.module.split('.')[1] if n.module.startswith('lost_in_space.') else None)
            if mod: out += [(mod, a.name) for a in n.names]
        elif isinstance(n, ast.Import):
            out += [(a.name.split('.')[1], None) for a in n.names if a.name.startswith('lost_in_space.')]
    return out

def check() -> list:
    "The failures, as lines of text (empty: all good)."
    mods, bad = modules(), []
    deps = {m: {d for d, _ in imports(s)} - {m} for m, s in mods.items()}
    for m, s in mods.items():
        bad += [f"{m} imports the private name {d}.{n}" for d, n in imports(s) if n and n.startswith('_')]
        if len(s.splitlines()) > MAX_LINES: bad.append(f"{m}.py has {len(s.splitlines())} lines (> {MAX_LINES})")
    def reach(a):
        seen, todo = set(), [a]
        while todo:
            for y in deps.get(todo.pop(), ()):
                if y not in seen: seen.add(y); todo.append(y)
        return seen
    bad += [f"{a} and {b} import each other" for a in deps for b in deps[a] if a < b and a in reach(b)]
    hits = [f"{m}:{i}" for m, s in mods.items() for i, l in enumerate(s.splitlines(), 1) if KIND_BRANCH.search(l)]
    if len(hits) > MAX_KIND_BRANCHES: bad.append(f"a task's kind is branched on in {len(hits)} places: {hits}")
    print(f"{len(mods)} modules, longest {max(len(s.splitlines()) for s in mods.values())} lines; "
          f"kind branches: {hits or 'none'}")
    return bad

if __name__ == '__main__':
    bad = check()
    print('\n'.join(bad) or 'structure: ok')
    sys.exit(1 if bad else 0)
