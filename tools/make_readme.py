"""Write README.md from nbs/index.ipynb (its saved outputs included) without Quarto and without side effects.

`nbdev_readme` needs Quarto, and `nbdev_proc_nbs` tries to install Quarto, runs `pip install -e .` in the current folder
and processes every notebook. This script does only what the README needs, on index.ipynb alone: cells marked
`#| hide` are dropped, cells marked `#| echo: false` keep their outputs but not their code, directive lines are
removed, and the front matter (the title cell) becomes the heading. It writes README.md and nothing else.

    python tools/make_readme.py          # write README.md (run index.ipynb first so its outputs are saved)
    python tools/make_readme.py --check  # exit 1 if README.md is out of date
"""
import json, re, sys
from pathlib import Path

root = Path(__file__).resolve().parents[1]

def directives(src:str) -> dict:
    "The `#| key: value` directives at the top of a cell (a bare `#| hide` gives {'hide': True})."
    out = {}
    for line in src.splitlines():
        m = re.match(r'#\|\s*([\w-]+)(?::\s*(.*))?$', line.strip())
        if not m: break
        out[m.group(1)] = (m.group(2) or 'true').strip()
    return out

def cell_md(c:dict) -> str:
    "A cell as markdown: markdown as it is; code: its source (unless `echo: false`) and its text/markdown outputs."
    src = ''.join(c['source'])
    if c['cell_type'] == 'markdown': return src
    d = directives(src)
    if 'hide' in d: return ''
    body = '\n'.join(l for l in src.splitlines() if not l.strip().startswith('#|')).strip()
    parts = [] if d.get('echo') == 'false' or not body else [f"```python\n{body}\n```"]
    for o in c.get('outputs', []):
        data = o.get('data', {})
        if o.get('output_type') == 'stream': parts.append(''.join(o['text']).rstrip())
        elif 'text/markdown' in data: parts.append(''.join(data['text/markdown']).rstrip())
        elif 'text/plain' in data: parts.append(f"```\n{''.join(data['text/plain']).rstrip()}\n```")
    return '\n\n'.join(parts)

def render() -> str:
    "README.md's text: the title cell, the generated-file note, then every other cell as markdown."
    nb = json.loads((root/'nbs'/'index.ipynb').read_text())
    parts = [p for p in (cell_md(c).strip() for c in nb['cells']) if p]
    note = "<!-- Generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file. -->"
    return '\n\n'.join([parts[0], note, *parts[1:]]) + '\n'

if __name__ == '__main__':
    text = render()
    if '--check' in sys.argv:
        ok = (root/'README.md').exists() and (root/'README.md').read_text() == text
        print('README.md is up to date' if ok else 'README.md is out of date: run python tools/make_readme.py')
        sys.exit(0 if ok else 1)
    (root/'README.md').write_text(text)
    print('wrote README.md')
