#!/usr/bin/env python3
"""Sanity checks for the heldout-2 gold annotations."""
import glob, json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
errors = 0
totals = {}
for txt in sorted(glob.glob(os.path.join(here, "*.txt"))):
    name = os.path.basename(txt)[:-4]
    text = open(txt, encoding="utf-8").read()
    jpath = txt[:-4] + ".json"
    def err(msg):
        global errors
        errors += 1
        print(f"{name}: {msg}")
    try:
        d = json.load(open(jpath, encoding="utf-8"))
    except Exception as e:
        err(f"JSON error: {e}"); continue
    if set(d) != {"language", "claims", "noise", "attributions", "needs_context"}:
        err(f"bad top-level keys {sorted(d)}")
    lang = d.get("language")
    if lang != name[:2]:
        err(f"language {lang} vs file prefix")
    nw = len(text.split())
    if not 200 <= nw <= 500:
        err(f"word count {nw}")
    spans = []
    claims = d["claims"]
    if len(set(claims)) != len(claims):
        err("duplicate claim keys")
    for k in claims:
        i = text.find(k)
        if i < 0:
            err(f"claim not found: {k!r}"); continue
        spans.append((i, i + len(k), "claim", k))
    for n in d["noise"]:
        i = text.find(n)
        if i < 0:
            err(f"noise not found: {n!r}"); continue
        spans.append((i, i + len(n), "noise", n))
    spans.sort()
    for a, b in zip(spans, spans[1:]):
        if b[0] < a[1]:
            err(f"overlap: {a[3]!r} / {b[3]!r}")
    for k, v in d["attributions"].items():
        if k not in claims:
            err(f"attribution key not a claim: {k!r}")
        if v not in text:
            err(f"speaker not in text: {v!r}")
    for k in d["needs_context"]:
        if k not in claims:
            err(f"needs_context key not a claim: {k!r}")
    t = totals.setdefault(lang, [0, 0, 0, 0, 0])
    t[0] += 1; t[1] += len(claims); t[2] += len(d["noise"])
    t[3] += len(d["attributions"]); t[4] += len(d["needs_context"])
    print(f"{name}: {nw} words, {len(claims)} claims, {len(d['noise'])} noise, "
          f"{len(d['attributions'])} attr, {len(d['needs_context'])} ctx")
for lang, t in sorted(totals.items()):
    print(f"[{lang}] texts={t[0]} claims={t[1]} noise={t[2]} attributions={t[3]} needs_context={t[4]}")
print("ERRORS:", errors)
sys.exit(1 if errors else 0)
