#!/usr/bin/env python3
"""Generate held-out .offer journals + .expect sidecars from annotated sources.

Annotated source: journal text where a line may end with  ⟦item ; item⟧
  items: fire CODE | quiet CODE | say TEXT
Lines starting with '%% ' are file-level expectations copied verbatim
(fire CODE / quiet CODE / number KEY VALUE / # comment).
Every '## ' heading gets 'max-recommendations LINE 1'.
"""
import os, re, sys, glob
SRC = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1]
MARK = re.compile(r'\s*⟦(.*)⟧\s*$')
for src in sorted(glob.glob(os.path.join(SRC, '*', '*.src'))):
    group = os.path.basename(os.path.dirname(src))
    name = os.path.basename(src)[:-4]
    head, body, exp = [], [], []
    for raw in open(src, encoding='utf-8').read().split('\n'):
        if raw.startswith('%% '):
            head.append(raw[3:]); continue
        if raw.startswith('%%'):
            continue
        m = MARK.search(raw)
        line = MARK.sub('', raw).rstrip() if m else raw.rstrip()
        body.append(line)
        n = len(body)
        if line.startswith('## '):
            exp.append(f'max-recommendations {n} 1')
        if m:
            for item in [i.strip() for i in m.group(1).split(' ; ') if i.strip()]:
                kind, _, rest = item.partition(' ')
                if kind in ('fire', 'quiet'):
                    assert re.fullmatch(r'[a-z-]+', rest), (src, item)
                    exp.append(f'{kind} {rest} {n}')
                elif kind == 'say':
                    exp.append(f'say {n} {rest}')
                else:
                    raise SystemExit(f'{src}: bad item {item!r}')
    while body and body[-1] == '':
        body.pop()
    os.makedirs(os.path.join(OUT, group), exist_ok=True)
    with open(os.path.join(OUT, group, name + '.offer'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(body) + '\n')
    with open(os.path.join(OUT, group, name + '.expect'), 'w', encoding='utf-8') as f:
        f.write(f'# {group}/{name}.offer — expectations (see ../README.md)\n')
        for h in head:
            f.write(h + '\n')
        for e in exp:
            f.write(e + '\n')
print('ok')

# phrasings: phr/*.txt -> OUT/phrasings/*.tsv ('@class|context' lines open a block)
def _phr(src, dst, hdr):
    rows, cls, ctx = [hdr], None, ''
    for line in open(src, encoding='utf-8'):
        line = line.rstrip('\n')
        if not line:
            continue
        if line.startswith('@'):
            cls, ctx = line[1:].split('|', 1)
            continue
        rows.append(f'{line}\t{cls}\t{ctx}')
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    open(dst, 'w', encoding='utf-8').write('\n'.join(rows) + '\n')
_phr(os.path.join(SRC, 'phr', 'reasons.txt'), os.path.join(OUT, 'phrasings', 'reasons.tsv'), 'phrase\texpected\tcontext')
_phr(os.path.join(SRC, 'phr', 'drafts.txt'), os.path.join(OUT, 'phrasings', 'drafts.tsv'), 'phrase\texpected\tdraft')
