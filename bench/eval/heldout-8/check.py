#!/usr/bin/env python3
"""Sanity checks for a held-out claim-extraction set: `python3 bench/eval/check_gold.py FOLDER`.

For every NAME.txt there must be a NAME.json that parses and satisfies:
  - language is "fr" or "en" and matches the file prefix
  - every claim and noise span occurs verbatim (case-sensitive) in the text
  - no two claim/noise spans overlap (positions taken at first occurrence)
  - no duplicate spans
  - attribution keys and needs_context entries are claims
  - attribution values are non-empty strings
  - text word count is within 200-400; claims count 8-16; noise count 2-4
Exit status 0 when everything passes, 1 otherwise.
"""
import json
import os
import sys

HERE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.getcwd())


def check(name):
    errs = []
    txt_path = os.path.join(HERE, name + ".txt")
    json_path = os.path.join(HERE, name + ".json")
    with open(txt_path, encoding="utf-8") as f:
        text = f.read()
    if not os.path.exists(json_path):
        return ["missing " + name + ".json"], {}
    try:
        with open(json_path, encoding="utf-8") as f:
            d = json.load(f)
    except json.JSONDecodeError as e:
        return ["JSON does not parse: %s" % e], {}

    for key, typ in (("language", str), ("claims", list), ("noise", list),
                     ("attributions", dict), ("needs_context", list)):
        if not isinstance(d.get(key), typ):
            errs.append("field %r missing or not %s" % (key, typ.__name__))
    if errs:
        return errs, {}

    lang = d["language"]
    if lang not in ("fr", "en"):
        errs.append("bad language %r" % lang)
    if not name.startswith(lang + "-"):
        errs.append("language %r does not match file prefix" % lang)

    words = len(text.split())
    if not 200 <= words <= 400:
        errs.append("word count %d outside 200-400" % words)

    claims, noise = d["claims"], d["noise"]
    if not 8 <= len(claims) <= 16:
        errs.append("%d claims (expected 8-16)" % len(claims))
    if not 2 <= len(noise) <= 4:
        errs.append("%d noise spans (expected 2-4)" % len(noise))

    spans = []
    seen = set()
    for kind, items in (("claim", claims), ("noise", noise)):
        for s in items:
            if not isinstance(s, str) or not s.strip():
                errs.append("empty/non-string %s: %r" % (kind, s))
                continue
            if s != s.strip():
                errs.append("%s has surrounding whitespace: %r" % (kind, s))
            if s in seen:
                errs.append("duplicate span: %r" % s)
            seen.add(s)
            i = text.find(s)
            if i < 0:
                errs.append("%s not found verbatim: %r" % (kind, s))
                continue
            spans.append((i, i + len(s), kind, s))
    spans.sort()
    for a, b in zip(spans, spans[1:]):
        if b[0] < a[1]:
            errs.append("overlap: %r [%s] and %r [%s]" % (a[3], a[2], b[3], b[2]))

    cset = set(claims)
    for k, v in d["attributions"].items():
        if k not in cset:
            errs.append("attribution key is not a claim: %r" % k)
        if not isinstance(v, str) or not v.strip():
            errs.append("empty attribution for %r" % k)
    for k in d["needs_context"]:
        if k not in cset:
            errs.append("needs_context entry is not a claim: %r" % k)
    if len(set(d["needs_context"])) != len(d["needs_context"]):
        errs.append("duplicate needs_context entries")

    stats = {"lang": lang, "words": words, "claims": len(claims),
             "noise": len(noise), "attr": len(d["attributions"]),
             "ctx": len(d["needs_context"])}
    return errs, stats


def main():
    # articles only: BEFORE.txt / AFTER.txt are the scores recorded beside the set
    names = sorted(f[:-4] for f in os.listdir(HERE) if f.endswith(".txt") and f[:3] in ("fr-", "en-"))
    orphans = sorted(f[:-5] for f in os.listdir(HERE)
                     if f.endswith(".json") and f[:-5] not in names)
    bad = 0
    per_lang = {}
    for n in names:
        errs, st = check(n)
        if errs:
            bad += 1
            print("FAIL", n)
            for e in errs:
                print("   -", e)
        else:
            per_lang[st["lang"]] = per_lang.get(st["lang"], 0) + 1
            print("ok   %-16s words=%d claims=%d noise=%d attr=%d ctx=%d"
                  % (n, st["words"], st["claims"], st["noise"], st["attr"], st["ctx"]))
    for o in orphans:
        bad += 1
        print("FAIL json without text:", o)
    print("texts:", len(names), "per language:", per_lang)
    if bad:
        print("%d file(s) failed" % bad)
        return 1
    print("ALL CHECKS PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
