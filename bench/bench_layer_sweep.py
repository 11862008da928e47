"""Benchmark (a): a layer-wise probe sweep from ONE cached pass over all layers vs one resampler run per layer.

Real BLIP-2 Q-Former size with random weights (hidden 768, 12 layers + input = 13 probe positions, 32 queries, text in
the Q-Former as in the ITM mode, cross-attention to 257 x 1408 vision features). The vision encoder is the same in both
arms and is cached in both (its cost is benchmark (b)), so the features fed to the Q-Former are random (n, 257, 1408)
tensors. Both arms train the same probes with the same `lost_in_space.train.train_probe` settings.

    python bench/bench_layer_sweep.py --n 256 --out bench/results_layer_sweep.json

Arm "one pass": `resample` once per batch, all 13 layers stacked (what `extract_resampler_features` stores), then a probe
per layer from those features.
Arm "per layer": for each layer, rerun the Q-Former over every example and keep that layer only (forward hook), then
train that layer's probe.
"""
import argparse, json, platform, time
import torch
from transformers import Blip2Config
from lost_in_space.resamplers import Blip2VisionQFormer, QFormerResampler, capture_layers
from lost_in_space.train import TrainConfig, train_probe


def build(seed=0):
    torch.manual_seed(seed)
    # the vision tower is not run (features are given), so a 1-layer stand-in with the real width 1408 keeps start-up fast
    cfg = Blip2Config(vision_config=dict(num_hidden_layers=1), qformer_config=dict(use_qformer_text_input=True), num_query_tokens=32)
    return QFormerResampler(Blip2VisionQFormer(cfg).eval())


@torch.no_grad()
def all_layers(r, emb, ids, mask, bs):
    return torch.cat([r.resample(emb[i:i+bs], input_ids=ids[i:i+bs], attention_mask=mask[i:i+bs]) for i in range(0, len(emb), bs)])


@torch.no_grad()
def one_layer(r, l, emb, ids, mask, bs):
    out = []
    for i in range(0, len(emb), bs):
        with capture_layers(r.layers) as store:
            r.resample(emb[i:i+bs], input_ids=ids[i:i+bs], attention_mask=mask[i:i+bs])
        out.append(store[l][:, :r.num_queries])
    return torch.cat(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--n', type=int, default=256, help='examples (split 60/20/20 into train/val/test)')
    ap.add_argument('--batch-size', type=int, default=32)
    ap.add_argument('--epochs', type=int, default=3)
    ap.add_argument('--text-len', type=int, default=16)
    ap.add_argument('--out', default=None)
    a = ap.parse_args()
    r = build()
    g = torch.Generator().manual_seed(0)
    emb = torch.randn(a.n, 257, 1408, generator=g)
    ids = torch.randint(1000, 30000, (a.n, a.text_len), generator=g); mask = torch.ones_like(ids)
    y = torch.randint(0, 2, (a.n,), generator=g).float()
    n1, n2 = int(.6 * a.n), int(.8 * a.n)
    L1 = r.num_layers + 1
    cfg = TrainConfig(epochs=a.epochs, batch_size=32, device='cpu', verbose=False)
    probe = lambda x: train_probe('rcm', (x[:n1], y[:n1]), (x[n1:n2], y[n1:n2]), (x[n2:], y[n2:]), cfg)

    all_layers(r, emb[:2], ids[:2], mask[:2], 2)  # warm-up

    t0 = time.perf_counter(); feats = all_layers(r, emb, ids, mask, a.batch_size); t_ext1 = time.perf_counter() - t0
    t0 = time.perf_counter(); res1 = [probe(feats[:, l]).score('test') for l in range(L1)]; t_probe1 = time.perf_counter() - t0

    t_ext2 = t_probe2 = 0.; res2 = []
    for l in range(L1):
        t0 = time.perf_counter(); f = one_layer(r, l, emb, ids, mask, a.batch_size); t_ext2 += time.perf_counter() - t0
        t0 = time.perf_counter(); res2.append(probe(f).score('test')); t_probe2 += time.perf_counter() - t0
    assert max(abs(u - v) for u, v in zip(res1, res2)) < 1e-6, (res1, res2)   # same science, different cost

    res = dict(benchmark='layer sweep: one cached pass vs one pass per layer', device='cpu',
               cpu=platform.processor() or platform.machine(), torch_threads=torch.get_num_threads(),
               qformer_params_M=round(sum(p.numel() for p in r.resampler_parameters()) / 1e6, 1), probe_positions=L1,
               n=a.n, text_len=a.text_len, probe_epochs=a.epochs,
               one_pass_extract_s=round(t_ext1, 2), per_layer_extract_s=round(t_ext2, 2),
               one_pass_total_s=round(t_ext1 + t_probe1, 2), per_layer_total_s=round(t_ext2 + t_probe2, 2),
               extract_speedup=round(t_ext2 / t_ext1, 2), total_speedup=round((t_ext2 + t_probe2) / (t_ext1 + t_probe1), 2),
               identical_probe_results=True)
    print(json.dumps(res, indent=1))
    if a.out: open(a.out, 'w').write(json.dumps(res, indent=1) + '\n')


if __name__ == '__main__':
    main()
