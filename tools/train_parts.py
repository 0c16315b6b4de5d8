#!/usr/bin/env python3
"""train_parts.py — the clause classifier that reads a part of a report by its body.

usage: tools/train_parts.py [--eval] [--write src/part_table.c [--leave-out NAME]]

Reads the hand-labelled parts of tests/fixtures/parts/*.parts.jsonl and the parts of the
gold outlines tests/fixtures/*.outline.jsonl, cuts the body of every part (from its heading,
or its level-0 self pointer, to the next one) into clauses, and learns for each character
bigram of a clause how much more often it occurs in the clauses of each part (review,
requirements, plan, self) than in the others: a log-odds weight per part (naive Bayes over
the presence of bigrams, one part against the rest). The K bigrams with the strongest
evidence are kept.

--eval   leave-one-report-out: for each report, the weights are learnt on the others and
         the report's parts are read by their bodies alone (each clause votes for the part
         of its highest score; the body takes the part of most votes). The same is done
         with word lists (the result and intent words of the spec, five-year and
         self words, thresholds chosen on the other reports). Prints both accuracies, per
         part and per clause (review against the forward parts).
--write  writes the weights learnt on every report as a C table (src/part_table.c);
         with --leave-out NAME, on every report but NAME (tools/loro_parts.sh builds
         luoshi with such a table for each report in turn and scores it on that report).

The clauses are cut and their bigrams taken exactly as src/parts.c does on the folded
text (src/input.c): full-width ASCII folded except '，', U+3000 to a space, ** removed;
a clause ends at 。 ; ! ? or a line break; blanks are dropped and a run of digits, '.'
and '%' is one '0'. Keep the two in step (ORDER PART_FEATURES).
"""
import collections
import glob
import json
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
PARTS = ["review", "requirements", "plan", "self"]  # ORDER PARTS (src/parts.h)
K = 1000          # bigrams kept
MIN_COUNT = 3     # clauses a bigram must occur in
SCALE = 256       # weights are stored as integers, times SCALE
MIN_CLAUSES = 5   # bodies shorter than this are left out of the evaluation


def text_path(name):
    for p in (os.path.join(FIXTURES, name + ".txt"), os.path.join(FIXTURES, "corpus", name + ".txt"),
              os.path.join(FIXTURES, "corpus", "provinces-2026", name + ".txt")):
        if os.path.exists(p):
            return p
    sys.exit(f"no fixture text for {name}")


def reports():
    """(name, marks): the part marks of each labelled report, in text order; a mark is
    (part, start of its body, title or None)."""
    out = []
    for f in sorted(glob.glob(os.path.join(FIXTURES, "parts", "*.parts.jsonl"))):
        rows = [json.loads(line) for line in open(f, encoding="utf-8")]
        marks = [(r["part"], r["start"] + (len(r["title"].encode()) if r["level"] == 1 else 0),
                  r["title"] if r["level"] == 1 else None)
                 for r in rows if r["level"] == 1 or r["part"] == "self"]
        out.append((os.path.basename(f)[: -len(".parts.jsonl")], marks))
    for f in sorted(glob.glob(os.path.join(FIXTURES, "*.outline.jsonl"))):
        rows = [json.loads(line) for line in open(f, encoding="utf-8")]
        marks, in_self = [], False
        for r in rows:
            if r["level"] == 1:
                marks.append((r["part"], r["start"] + len(r["title"].encode()), r["title"]))
                in_self = r["part"] == "self"
            elif r["part"] == "self" and not in_self:
                marks.append(("self", r["start"], None))
                in_self = True
        out.append((os.path.basename(f)[: -len(".outline.jsonl")], sorted(marks, key=lambda m: m[1])))
    return out


def fold(text):
    """The folded text of src/input.c."""
    out = []
    for ch in text.replace("**", ""):
        c = ord(ch)
        if 0xFF01 <= c <= 0xFF5E and ch != "，":
            out.append(chr(c - 0xFEE0))
        elif c == 0x3000:
            out.append(" ")
        elif ch == "\r":
            out.append("\n")
        else:
            out.append(ch)
    return "".join(out)


CLAUSE_END = re.compile(r"[。;!?\n]")
FIGURE = re.compile(r"[0-9.%]+")


def clauses(text):
    """The clauses of a folded text, blanks dropped and figures as '0'."""
    out = []
    for c in CLAUSE_END.split(text):
        c = FIGURE.sub("0", re.sub(r"[ \t]", "", c))
        if len(c) >= 4:
            out.append(c)
    return out


def bigrams(c):
    return {c[i:i + 2] for i in range(len(c) - 1)}


def bodies(name, marks):
    """(part, title, clauses) of each part of a report but `other`."""
    data = open(text_path(name), "rb").read()
    out = []
    for i, (part, start, title) in enumerate(marks):
        end = marks[i + 1][1] if i + 1 < len(marks) else len(data)
        if part != "other":
            out.append((part, title, clauses(fold(data[start:end].decode("utf-8", "replace")))))
    return out


def train(corpus):
    """Weights {bigram: [w per part]} from [(part, title, clauses)]."""
    count = {p: collections.Counter() for p in PARTS}
    n = {p: 0 for p in PARTS}
    for part, _, cls in corpus:
        for c in cls:
            count[part].update(bigrams(c))
            n[part] += 1
    total = collections.Counter()
    for p in PARTS:
        total.update(count[p])
    all_n = sum(n.values())
    w = {}
    for f, k in total.items():
        if k < MIN_COUNT:
            continue
        w[f] = [math.log((count[p][f] + 1) / (n[p] + 2)) -
                math.log((k - count[p][f] + 1) / (all_n - n[p] + 2)) for p in PARTS]
    best = sorted(w, key=lambda f: (-max(abs(x) for x in w[f]) * math.log(1 + total[f]), f))[:K]
    return {f: [round(x * SCALE) / SCALE for x in w[f]] for f in best}


def clause_part(w, c):
    s = [0.0] * len(PARTS)
    for f in bigrams(c):
        for i, x in enumerate(w.get(f, ())):
            s[i] += x
    return max(range(len(PARTS)), key=lambda i: (s[i], -i))


def body_part(w, cls):
    votes = collections.Counter(clause_part(w, c) for c in cls)
    return PARTS[max(range(len(PARTS)), key=lambda i: (votes[i], -i))]


# The word lists: the words of the spec for results and intentions, and words of a
# five-year period and of the government's work on itself.
RESULT = ["完成", "实现", "达到", "同比", "比上年"]
INTENT = ["要", "将", "力争", "确保", "加快", "推动"]
FIVE_YEAR = ["十五五", "十四五", "十三五", "十二五", "五年", "规划纲要", "2030年", "2035年"]
SELF = ["政府", "依法行政", "廉洁", "廉政", "作风", "政治建设", "两个维护", "忠诚", "形式主义", "官僚主义"]


def word_shares(cls):
    n = len(cls)
    return (sum(bool(any(w in c for w in RESULT) and "0" in c) for c in cls) / n,
            sum(any(w in c for w in INTENT) for c in cls) / n,
            sum(any(w in c for w in FIVE_YEAR) for c in cls) / n,
            sum(any(w in c for w in SELF) for c in cls) / n)


def word_part(th, cls, shares=None):
    result, intent, five, self_ = shares or word_shares(cls)
    if result > th[0] * intent:
        return "review"
    if self_ > th[1]:
        return "self"
    return "requirements" if five > th[2] else "plan"


GRID = [(a, b, c) for a in (0.25, 0.5, 0.75, 1.0, 1.5) for b in (0.2, 0.3, 0.4, 0.5, 0.6)
        for c in (0.05, 0.1, 0.15, 0.2, 0.3)]


def tune_words(corpus):
    shares = [(part, cls, word_shares(cls)) for part, _, cls in corpus if len(cls) >= MIN_CLAUSES]
    return max(GRID, key=lambda th: sum(word_part(th, cls, sh) == part for part, cls, sh in shares))


def evaluate(data):
    hits = collections.Counter()
    wrong = []
    for name, _ in data:
        train_set = [b for n, bs in data if n != name for b in bs]
        test_set = [b for n, bs in data if n == name for b in bs]
        w, th = train(train_set), tune_words(train_set)
        for part, title, cls in test_set:
            for c in cls:
                gold = part == "review"
                hits["clauses"] += 1
                hits["clause nb"] += (clause_part(w, c) == 0) == gold
                hits["clause words"] += (bool(any(x in c for x in RESULT) and "0" in c) and
                                         not any(x in c for x in INTENT)) == gold
            if len(cls) < MIN_CLAUSES:
                continue
            hits["parts"] += 1
            for key, got in (("part nb", body_part(w, cls)), ("part words", word_part(th, cls))):
                hits[key] += got == part
                if got != part:
                    wrong.append(f"  {key}: {name} {part} read as {got} ({title or 'no heading'})")
    print(f"leave-one-report-out over {len(data)} reports")
    print(f"parts judged by their body ({hits['parts']} parts of {MIN_CLAUSES}+ clauses): "
          f"classifier {hits['part nb'] / hits['parts']:.3f} ({hits['part nb']}), "
          f"word lists {hits['part words'] / hits['parts']:.3f} ({hits['part words']})")
    print(f"clauses, review or not ({hits['clauses']}): classifier "
          f"{hits['clause nb'] / hits['clauses']:.3f}, word lists {hits['clause words'] / hits['clauses']:.3f}")
    print("\n".join(wrong))


def key(bigram):
    return (ord(bigram[0]) << 21) | ord(bigram[1])


HASH_SLOTS = 4096  # ORDER LS_PART_HASH_SLOTS (src/parts.h)


def bigram_hash(k):
    """ls_part_bigram_hash of src/parts.c: the key times a 64-bit odd constant, top 12 bits."""
    return ((k * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF) >> 52


def write_table(w, path):
    rows = sorted((key(f), f, [int(round(x * SCALE)) for x in ws]) for f, ws in w.items())
    with open(path, "w", encoding="utf-8") as out:
        out.write("/*\n * part_table.c — generated by tools/train_parts.py --write; do not edit.\n"
                  " *\n * The character bigrams that tell the parts of a report apart, with their\n"
                  f" * weight per part (log-odds times {SCALE}; ORDER PARTS: review, requirements,\n"
                  " * plan, self), learnt on the hand-labelled parts of tests/fixtures/parts/\n"
                  " * and the gold outlines. Sorted by key (first code point << 21 | second).\n */\n")
        out.write('#include "parts.h"\n\n')
        out.write("const ls_part_bigram ls_part_bigrams[] = {\n")
        for k, f, ws in rows:
            note = f" /* {f} */" if "*" not in f and "/" not in f else ""
            out.write(f"    {{0x{k:011x}u, {{{', '.join(str(x) for x in ws)}}}}},{note}\n")
        out.write("};\n\n")
        out.write(f"const size_t ls_part_bigram_count = {len(rows)};\n\n")
        # a bit per code point of the Basic Multilingual Plane that begins a bigram
        # of the table, for a quick no in the lookup
        bits = [0] * 2048
        for f in w:
            c = ord(f[0])
            if c < 65536:
                bits[c >> 5] |= 1 << (c & 31)
        out.write("/* Bit c of the Basic Multilingual Plane is set when code point c begins a\n"
                  " * bigram of the table (ls_part_bigrams; none begins with c otherwise). */\n")
        out.write("const uint32_t ls_part_bigram_firsts[2048] = {\n")
        for i in range(0, 2048, 8):
            out.write("    " + ", ".join(f"0x{b:08x}u" for b in bits[i:i + 8]) + ",\n")
        out.write("};\n")
        # an open-addressing hash of the keys: one probe for most lookups instead
        # of a binary search over the rows
        slots = [0] * HASH_SLOTS
        for row, (k, _, _) in enumerate(rows):
            h = bigram_hash(k)
            while slots[h]:
                h = (h + 1) % HASH_SLOTS
            slots[h] = row + 1
        out.write(f"\n/* The rows by hash of their key (ls_part_bigram_hash, {HASH_SLOTS} slots,\n"
                  " * linear probing): row + 1, 0 for an empty slot. */\n")
        out.write(f"const uint16_t ls_part_bigram_slots[{HASH_SLOTS}] = {{\n")
        for i in range(0, HASH_SLOTS, 16):
            out.write("    " + ", ".join(str(x) for x in slots[i:i + 16]) + ",\n")
        out.write("};\n")


def main(argv):
    leave_out = None
    if "--leave-out" in argv:
        i = argv.index("--leave-out")
        if i + 1 >= len(argv):
            sys.exit(__doc__)
        leave_out = argv.pop(i + 1)
        argv.pop(i)
    if not argv or any(a not in ("--eval", "--write") and not a.endswith(".c") for a in argv):
        sys.exit(__doc__)
    data = [(name, bodies(name, marks)) for name, marks in reports()]
    if leave_out and leave_out not in [name for name, _ in data]:
        sys.exit(f"no labelled report {leave_out}")
    if "--eval" in argv:
        evaluate(data)
    if "--write" in argv:
        path = argv[argv.index("--write") + 1] if argv.index("--write") + 1 < len(argv) else None
        if not path:
            sys.exit(__doc__)
        write_table(train([b for name, bs in data if name != leave_out for b in bs]), path)


if __name__ == "__main__":
    main(sys.argv[1:])
