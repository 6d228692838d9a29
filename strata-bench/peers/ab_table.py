"""Sets two runs of Strata's workloads side by side, a base commit against the working tree: the median of every
figure over all rounds and repetitions, its range, and the change (positive = the tree is better). Standard
library only; written by run-ab.sh.

    python3 ab_table.py RESULTS_DIR     # reads base-*.txt and tree-*.txt there
"""
import glob
import os
import sys

from table import fmt, load, median, rows


def merged(paths):
    values = {}
    for p in paths:
        for key, v in load(p)[0].items():
            values.setdefault(key, []).extend(v)
    return values


def main():
    out = sys.argv[1]
    base = merged(sorted(glob.glob(os.path.join(out, "base-*.txt"))))
    tree = merged(sorted(glob.glob(os.path.join(out, "tree-*.txt"))))
    print("| metric | base | tree | base range | tree range | change |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows():
        if len(row) == 1:
            continue
        key, label, better, _ = row
        b, t = base.get(key), tree.get(key)
        if not b or not t:
            continue
        mb, mt = median(b), median(t)
        change = ""
        if better and mb and mt:
            gain = (mb / mt - 1) if better == "lower" else (mt / mb - 1)
            change = f"{gain:+.1%}"
        print(f"| {label} | {fmt(mb, key)} | {fmt(mt, key)} | {fmt(min(b), key)}-{fmt(max(b), key)} "
              f"| {fmt(min(t), key)}-{fmt(max(t), key)} | {change} |")


if __name__ == "__main__":
    main()
