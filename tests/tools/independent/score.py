import json, subprocess, tempfile, os, collections, sys
BIN = os.environ.get('CONSULTLOG_BIN', 'target/release/consultlog')
rows = [json.loads(l) for l in open(os.path.join(os.path.dirname(__file__), 'corpus.jsonl'))]
out = []
for r in rows:
    with tempfile.NamedTemporaryFile('w', suffix='.txt', delete=False, encoding='utf-8') as f:
        f.write(r['text']); fn = f.name
    p = subprocess.run([BIN, 'lint', '--json', fn], capture_output=True, text=True); os.unlink(fn)
    finds = json.loads(p.stdout) if p.stdout.strip() else []
    r['findings'] = finds; r['rc'] = p.returncode; out.append(r)
json.dump(out, open(os.path.join(os.environ.get('TMPDIR', '/tmp'), 'consultlog-independent-results.json'), 'w'), ensure_ascii=False, indent=1)
import sys
SEL = sys.argv[1].split(',') if len(sys.argv) > 1 else ['name','struct','clean']
out = [r for r in out if r['group'] in SEL]
ov = lambda a, b: a['start'] < b['end'] and b['start'] < a['end']
rec = collections.defaultdict(lambda: [0, 0]); kindok = collections.defaultdict(lambda: [0, 0])
orig = collections.defaultdict(lambda: [0, 0, 0]); cue = collections.defaultdict(lambda: [0, 0])
low = [0, 0, 0]; misses = []; fps = []; tp_f = 0; nf = 0; clean_hit = 0; nclean = 0
for r in out:
    for g in r['gold']:
        hits = [f for f in r['findings'] if ov(f, g)]
        k = g['kind']; rec[k][1] += 1; rec[k][0] += bool(hits)
        kindok[k][1] += 1; kindok[k][0] += any(f['kind'] == k for f in hits)
        if k == 'name':
            whole = any(f['start'] <= g['start'] and f['end'] >= g['end'] for f in hits)
            o = orig[g['origin']]; o[2] += 1; o[0] += bool(hits); o[1] += whole
            c = cue[r['cue']]; c[1] += 1; c[0] += bool(hits)
            if r['lower']: low[2] += 1; low[0] += bool(hits); low[1] += whole
        if not hits: misses.append((k, g['text'], r['text']))
    for f in r['findings']:
        nf += 1
        if any(ov(f, g) for g in r['gold']): tp_f += 1
        else: fps.append((f['kind'], f['text'], r['text'], r['group']))
    if r['group'] in ('clean', 'hclean'):
        nclean += 1; clean_hit += bool(r['findings'])
pc = lambda a, b: f'{a}/{b} ({100*a/b:.0f}%)' if b else '-'
print('RECALL per kind (any overlap | overlap with same kind)')
for k in sorted(rec): print(f'  {k:16s} {pc(*rec[k]):16s} {pc(*kindok[k])}')
tot = [sum(v[0] for v in rec.values()), sum(v[1] for v in rec.values())]
print('  ALL', pc(*tot))
print('NAMES per origin (found | whole name covered)')
for o in sorted(orig): print(f'  {o:5s} {pc(orig[o][0], orig[o][2]):14s} {pc(orig[o][1], orig[o][2])}')
print('  lower-case', pc(low[0], low[2]), pc(low[1], low[2]))
print('NAMES per cue'); [print(f'  {c:6s} {pc(*cue[c])}') for c in sorted(cue)]
print('PRECISION (findings overlapping gold)', pc(tp_f, nf))
print('clean sentences with any finding', pc(clean_hit, nclean))
print('\nMISSES', len(misses)); [print(' ', m) for m in misses]
print('\nFALSE POSITIVES', len(fps)); [print(' ', m) for m in fps]
