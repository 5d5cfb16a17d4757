#!/usr/bin/env python3
"""Fits fixfind's verdict model (src/engine/confidence.rs) on the training split.

    cargo run --release -- eval --json --split train tests/eval/mined/*.jsonl \
        tests/eval/dev.jsonl tests/eval/extra.jsonl > target/train.json
    bench/calibrate.py target/train.json

Logistic regression, on the features `fixfind eval --json` prints per case, of the two
outcomes the verdict must tell apart: a right first hit against an out-of-scope paste
(in-scope cases whose first hit is wrong are left out of the fit: they are the ranking's
failure, not the gate's). Plain gradient descent with a little L2. Then the thresholds,
on all training cases, each scored out of fold (by a model fitted without it):
`strong` where the cases at or above it are right at least 97 % of the time, `possible`
just above nine in ten out-of-scope cases. Prints
the constants to paste into confidence.rs, with the template and code features' means
(what a corpus without templates or codes gets for them). Standard library only.
"""
import json
import math
import sys

STRONG_PRECISION = 0.97
OUT_OF_SCOPE_NONE = 0.90
L2 = 0.01
STEPS = 20000
FOLDS = 5
RATE = 0.5


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def fit(xs, ys):
    n, d = len(xs), len(xs[0])
    w, b = [0.0] * d, 0.0
    for _ in range(STEPS):
        gw, gb = [L2 * wi for wi in w], 0.0
        for x, y in zip(xs, ys):
            e = sigmoid(b + sum(wi * xi for wi, xi in zip(w, x))) - y
            gb += e / n
            for k in range(d):
                gw[k] += e * x[k] / n
        w = [wi - RATE * g for wi, g in zip(w, gw)]
        b -= RATE * gb
    return w, b


def main(path):
    report = json.load(open(path))
    rows = [f for f in report["first"] if f["features"] is not None]
    xs = [f["features"] for f in rows]
    ys = [1.0 if f["right"] else 0.0 for f in rows]
    fitted = [(x, y) for x, y, f in zip(xs, ys, rows) if f["right"] or not f["in_scope"]]
    w, b = fit([x for x, _ in fitted], [y for _, y in fitted])
    # The thresholds are set on out-of-fold estimates: each case scored by a model fitted
    # without it. Estimates for the cases a model was fitted on are optimistic, and a
    # threshold set on them lets through more wrong answers on cases it never saw.
    ps = [0.0] * len(xs)
    for k in range(FOLDS):
        train = [(x, y) for i, (x, y, f) in enumerate(zip(xs, ys, rows))
                 if i % FOLDS != k and (f["right"] or not f["in_scope"])]
        wk, bk = fit([x for x, _ in train], [y for _, y in train])
        for i, x in enumerate(xs):
            if i % FOLDS == k:
                ps[i] = sigmoid(bk + sum(wi * xi for wi, xi in zip(wk, x)))

    # strong: the lowest threshold whose cases at or above are right often enough.
    strong = 1.0
    for t in sorted(set(ps), reverse=True):
        above = [y for p, y in zip(ps, ys) if p >= t]
        if sum(above) / len(above) >= STRONG_PRECISION:
            strong = t
    # possible: just above the out-of-scope pastes' scores but the top tenth.
    oos = sorted(p for p, f in zip(ps, rows) if not f["in_scope"])
    cut = oos[min(len(oos) - 1, math.ceil(OUT_OF_SCOPE_NONE * len(oos)) - 1)] if oos else 0.0
    possible = min(strong, cut + 1e-4)

    right_in = [p for p, f in zip(ps, rows) if f["in_scope"] and f["right"]]
    print(f"cases {len(rows)}  in scope {sum(f['in_scope'] for f in rows)}  out of scope {len(oos)}")
    print(f"train top-1 {sum(p >= possible for p in right_in) / max(1, sum(f['in_scope'] for f in report['first'])):.3f}"
          f"  strong right {sum(y for p, y in zip(ps, ys) if p >= strong)}/{sum(p >= strong for p in ps)}"
          f"  out-of-scope none {sum(p < possible for p in oos)}/{len(oos)}")
    print("const WEIGHTS: [f32; FEATURES] = [" + ", ".join(f"{wi:.3f}" for wi in w) + "];")
    print(f"const BIAS: f32 = {b:.3f};")
    print(f"pub const STRONG_PROBABILITY: f32 = {strong:.3f};")
    print(f"pub const POSSIBLE_PROBABILITY: f32 = {possible:.3f};")
    # Stand-ins for the template and code features over a corpus without templates or
    # codes (Signals::features): their means over the training cases.
    print(f"const TEMPLATE_FEATURE_MEAN: f32 = {sum(x[1] for x in xs) / len(xs):.3f};")
    print(f"const CODE_FEATURE_MEAN: f32 = {sum(x[2] for x in xs) / len(xs):.3f};")


if __name__ == "__main__":
    main(sys.argv[1])
