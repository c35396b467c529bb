#!/usr/bin/env python3
# Copied from the team's shared tools (shared/tools/folder-cycles.py) so a clone can run it alone.
"""Folder-level dependency cycles inside each C# project under src/ (namespaces from `namespace` lines,
edges from `using` lines and fully qualified references). Prints cycles; exit 1 if any."""
import os, re, sys, itertools
root = sys.argv[1] if len(sys.argv) > 1 else '.'
ns_re = re.compile(r'^\s*namespace\s+([\w.]+)', re.M)
using_re = re.compile(r'^\s*using\s+(?:static\s+)?([\w.]+)\s*;', re.M)
found = 0
for proj in sorted(os.listdir(os.path.join(root, 'src'))):
    pdir = os.path.join(root, 'src', proj)
    if not os.path.isdir(pdir): continue
    files = {}
    for d, _, fs in os.walk(pdir):
        if '/bin' in d or '/obj' in d or 'Migrations' in d: continue
        for f in fs:
            if f.endswith('.cs'):
                t = open(os.path.join(d, f), encoding='utf-8', errors='replace').read()
                m = ns_re.search(t)
                if m: files[os.path.join(d, f)] = (m.group(1), t)
    spaces = {ns for ns, _ in files.values()}
    edges = {ns: set() for ns in spaces}
    for path, (ns, t) in files.items():
        refs = set(using_re.findall(t))
        for other in spaces:
            if other != ns and re.search(r'(?<![\w.])' + re.escape(other) + r'\.[A-Z]', t):
                refs.add(other)
        for r in refs:
            if r in spaces and r != ns and not ns.startswith(r + '.') :
                edges[ns].add(r)
    # strongly connected components (Tarjan)
    index, low, stack, on, comps, i = {}, {}, [], set(), [], [0]
    def strong(v):
        index[v] = low[v] = i[0]; i[0] += 1; stack.append(v); on.add(v)
        for w in edges[v]:
            if w not in index: strong(w); low[v] = min(low[v], low[w])
            elif w in on: low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            c = []
            while True:
                w = stack.pop(); on.discard(w); c.append(w)
                if w == v: break
            if len(c) > 1: comps.append(sorted(c))
    sys.setrecursionlimit(10000)
    for v in sorted(spaces):
        if v not in index: strong(v)
    prefix = os.path.commonprefix(sorted(spaces)).rsplit('.', 1)[0] if spaces else ''
    for c in comps:
        found += 1
        print(f"{proj}: cycle among " + ", ".join(x[len(prefix)+1:] if x.startswith(prefix + '.') else x for x in c))
print(f"{found} folder cycle group(s)")
sys.exit(1 if found else 0)
