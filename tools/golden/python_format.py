"""Python's str.format results that PythonFormatTest (the ModelCheckpoint file name templates) compares with.

Run: python3 tools/golden/python_format.py   (any Python 3; prints Java test lines)
"""
import json

values = [0, 3, 12, -7, 123456789, 0.0, -0.0, 0.1, 0.125, 0.375, 2.5, 1.005, 0.4302417, 1e-05, 0.0001, 123.456,
          1e16, 1.5e16, 12345678.9, 0.30000001192092896, 2.675, -1.25, float("inf"), float("nan"), 1 / 3]
specs = ["", "02d", "d", "5d", "+d", ",d", "x", "#x", "b", ".2f", ".4f", ".0f", "f", "8.3f", "<8.2f", "^9.1f",
         "=+8.2f", "08.2f", ".3e", "e", ".2E", "g", ".3g", ".10g", "G", ".2%", "%", ".3", ".1", ",.2f", "*>10.3f"]
cases = []
for v in values:
    for s in specs:
        try:
            r = format(v, s)
        except (ValueError, TypeError) as e:
            r = None
        cases.append((v, s, r))
for v, s, r in cases:
    if isinstance(v, float):
        jv = "Double.NaN" if v != v else ("Double.POSITIVE_INFINITY" if v == float("inf") else repr(v) if "e" in repr(v) or "." in repr(v) else repr(v))
        if v == 0 and str(v).startswith("-"):
            jv = "-0.0"
        jv = jv if jv.startswith("Double") else jv.replace("inf", "Infinity") + ("" if "." in jv or "e" in jv else ".0") + "d"
    else:
        jv = str(v) + ("L" if abs(v) > 2**31 else "")
    print('        c(%s, %s, %s);' % (jv, json.dumps(s), "null" if r is None else json.dumps(r)))
print('        // templates')
tmpl = [("model-{epoch:02d}-{val_loss:.2f}.keras", {"epoch": 3, "val_loss": 0.4302417}),
        ("w.{epoch}.{loss}.weights.h5", {"epoch": 12, "loss": 0.30000001192092896}),
        ("{{literal}}-{epoch:03d}-{batch}-{mae:.3e}", {"epoch": 1, "batch": 40, "mae": 0.000123456}),
        ("ckpt-{epoch!s}-{loss!r}.keras", {"epoch": 7, "loss": 1e-05})]
for t, kw in tmpl:
    args = ", ".join('"%s", %s' % (k, repr(v) + "d" if isinstance(v, float) else str(v)) for k, v in kw.items())
    print('        t(%s, Map.of(%s), %s);' % (json.dumps(t), args, json.dumps(t.format(**kw))))
