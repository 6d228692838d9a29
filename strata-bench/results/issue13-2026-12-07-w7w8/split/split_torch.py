import time, torch
from torch import nn
torch.manual_seed(0)
def t(label, f, warm=2.0, n=10):
    end=time.perf_counter()+warm
    while time.perf_counter()<end: f()
    best=1e9
    for r in range(3):
        s=time.perf_counter()
        for _ in range(n): f()
        best=min(best,(time.perf_counter()-s)*1e3/n)
    print(f"{label:55s} {best:8.2f} ms", flush=True)
with torch.inference_mode():
    emb=nn.Embedding(20000,128).eval(); lstm=nn.LSTM(128,128,batch_first=True).eval(); lin=nn.Linear(128,1).eval()
    ids=torch.randint(1,20000,(64,100))
    t("torch W7 LSTM inference, batch 64 (emb+lstm+linear)", lambda: lin(lstm(emb(ids))[1][0][-1]))
    e=emb(ids)
    t("  nn.LSTM alone", lambda: lstm(e))
    W=torch.randn(128,512); x2=torch.randn(6400,128)
    t("  input projection 6400x128 . 128x512", lambda: x2@W)
    h=torch.randn(64,128)
    t("  100 GEMMs 64x128 . 128x512", lambda: [h@W for _ in range(100)])
    gru=nn.GRU(128,128,batch_first=True).eval()
    t("torch W7 GRU inference, batch 64 (emb+gru+linear)", lambda: lin(gru(emb(ids))[1][-1]))
    t("  nn.GRU alone", lambda: gru(e))
    W3=torch.randn(128,384)
    t("  100 GEMMs 64x128 . 128x384", lambda: [h@W3 for _ in range(100)])
    import sys
    if len(sys.argv) > 1: sys.exit()
    layer=nn.TransformerEncoderLayer(256,4,1024,dropout=0.0,batch_first=True).eval()
    x=torch.randn(32,128,256)
    t("torch W8 block eval (fast path on)", lambda: layer(x))
    torch.backends.mha.set_fastpath_enabled(False)
    t("torch W8 block eval, fast path off", lambda: layer(x))
    t("  self_attn alone (fast path off)", lambda: layer.self_attn(x,x,x,need_weights=False))
    ff=nn.Sequential(layer.linear1, nn.ReLU(), layer.linear2)
    t("  feed-forward linear1 relu linear2", lambda: ff(x))
    a=torch.randn(4096,256); b=torch.randn(256,1024)
    t("  GEMM 4096x256 . 256x1024 (2.15 GFLOP)", lambda: a@b)
