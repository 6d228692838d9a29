p='/work/wt/conv12b/strata-core/src/main/java/dev/strata/internal/kernels/Convolution.java'
s=open(p).read()
s=s.replace('    private Convolution() {','    public static volatile boolean AB_OLD;\n\n    private Convolution() {',1)
i=s.index('    public static void forward(Kernels k, ConvGeometry g, float[] x, float[] w, PackedKernel packed, ConvEpilogue e,')
j=s.index('    /** Adds the bias to {@code rows} rows', i)
body=s[i:j]
body=body.replace('''            if (packed != null) {
                k.dense(g.rows, packed, a, 0, e, y, 0);
            } else {
                k.dense(g.rows, f, g.kdim, a, 0, w, 0, e, y, 0);
            }
            return;''','''            ConvEpilogue ge = AB_OLD ? null : e;
            if (packed != null) {
                k.dense(g.rows, packed, a, 0, ge, y, 0);
            } else {
                k.dense(g.rows, f, g.kdim, a, 0, w, 0, ge, y, 0);
            }
            if (AB_OLD) epilogue(e, y, 0, g.rows, f);
            return;''')
body=body.replace('''                        k.dense(count, packed, x, r * g.channels, e, y, r * f);
                    } else {
                        k.dense(count, f, g.channels, x, r * g.channels, w, 0, e, y, r * f);
                    }''','''                        k.dense(count, packed, x, r * g.channels, AB_OLD ? null : e, y, r * f);
                    } else {
                        k.dense(count, f, g.channels, x, r * g.channels, w, 0, AB_OLD ? null : e, y, r * f);
                    }
                    if (AB_OLD) epilogue(e, y, r * f, count, f);''')
body=body.replace('''                    if (packed != null) {
                        k.dense(count, packed, panel, 0, e, y, r * f);
                    } else {
                        k.dense(count, f, g.kdim, panel, 0, w, 0, e, y, r * f);
                    }
                    continue;''','''                    if (packed != null) {
                        k.dense(count, packed, panel, 0, AB_OLD ? null : e, y, r * f);
                    } else {
                        k.dense(count, f, g.kdim, panel, 0, w, 0, AB_OLD ? null : e, y, r * f);
                    }
                    if (AB_OLD) epilogue(e, y, r * f, count, f);
                    continue;''')
assert body.count('AB_OLD')==8, body.count('AB_OLD')
s=s[:i]+body+s[j:]
open(p,'w').write(s)
