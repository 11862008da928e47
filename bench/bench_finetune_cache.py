"""Benchmark (b): one joint fine-tuning epoch with cached vision features vs the full vision + Q-Former pipeline.

Real BLIP-2 sizes with random weights: EVA ViT-g (hidden 1408, 39 layers, 224 px, 257 tokens), Q-Former (hidden 768,
12 layers, 32 queries), a linear probe on the flattened queries. Both arms train the same Q-Former + probe with AdamW on
the same examples, in the same process, one after the other; the ratio is what we report, not the absolute seconds.

    python bench/bench_finetune_cache.py --n 16 --batch-size 4 --out bench/results_finetune_cache.json

Arm "full": every step runs the frozen vision encoder (no grad) then the Q-Former + probe (with grad).
Arm "cached": the vision features were extracted once (cost reported separately, paid once per dataset and reused by
every fine-tuning run, every epoch and every hyper-parameter trial), each step runs only the Q-Former + probe.
"""
import argparse, json, platform, time
import torch
from transformers import Blip2Config
from lost_in_space.resamplers import Blip2VisionQFormer, QFormerResampler


def build(seed=0, dtype=torch.float32):
    torch.manual_seed(seed)
    cfg = Blip2Config(qformer_config=dict(use_qformer_text_input=True), num_query_tokens=32)  # defaults = ViT-g + BERT-base Q-Former
    m = Blip2VisionQFormer(cfg).to(dtype).eval()
    return QFormerResampler(m)


def step(r, probe, opt, emb, ids, mask, y):
    q = r.resample(emb, input_ids=ids, attention_mask=mask)[:, -1]
    loss = torch.nn.functional.binary_cross_entropy_with_logits(probe(q.flatten(1)).squeeze(-1), y)
    loss.backward(); opt.step(); opt.zero_grad(set_to_none=True)
    return loss.item()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--n', type=int, default=16, help='examples in the epoch')
    ap.add_argument('--batch-size', type=int, default=4)
    ap.add_argument('--text-len', type=int, default=16)
    ap.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    ap.add_argument('--out', default=None)
    a = ap.parse_args()
    dev = torch.device(a.device)
    t0 = time.perf_counter(); r = build().to(dev); t_build = time.perf_counter() - t0
    n_vis = sum(p.numel() for p in r.model.vision_model.parameters()); n_q = sum(p.numel() for p in r.resampler_parameters())
    g = torch.Generator().manual_seed(0)
    px = torch.randn(a.n, 3, 224, 224, generator=g)
    ids = torch.randint(1000, 30000, (a.n, a.text_len), generator=g); mask = torch.ones_like(ids)
    y = torch.randint(0, 2, (a.n,), generator=g).float()
    probe = torch.nn.Linear(32 * 768, 1).to(dev)
    r.model.vision_model.requires_grad_(False)
    for p in r.resampler_parameters(): p.requires_grad_(True)
    params = list(r.resampler_parameters()) + list(probe.parameters())
    sync = (lambda: torch.cuda.synchronize()) if dev.type == 'cuda' else (lambda: None)
    bs = a.batch_size
    batches = [slice(i, i + bs) for i in range(0, a.n, bs)]

    # warm-up (allocator, kernels) on one batch, not timed
    with torch.no_grad(): e0 = r.encode_images(px[:bs].to(dev))
    opt = torch.optim.AdamW(params, lr=1e-5, weight_decay=0.01)
    step(r, probe, opt, e0, ids[:bs].to(dev), mask[:bs].to(dev), y[:bs].to(dev))

    # arm 1: full pipeline
    opt = torch.optim.AdamW(params, lr=1e-5, weight_decay=0.01)
    sync(); t0 = time.perf_counter()
    for s in batches:
        with torch.no_grad(): emb = r.encode_images(px[s].to(dev))
        step(r, probe, opt, emb, ids[s].to(dev), mask[s].to(dev), y[s].to(dev))
    sync(); t_full = time.perf_counter() - t0

    # one-off extraction of the vision cache
    sync(); t0 = time.perf_counter()
    with torch.no_grad(): cache = torch.cat([r.encode_images(px[s].to(dev)).cpu() for s in batches])
    sync(); t_extract = time.perf_counter() - t0

    # arm 2: cached vision features
    opt = torch.optim.AdamW(params, lr=1e-5, weight_decay=0.01)
    sync(); t0 = time.perf_counter()
    for s in batches:
        step(r, probe, opt, cache[s].to(dev), ids[s].to(dev), mask[s].to(dev), y[s].to(dev))
    sync(); t_cached = time.perf_counter() - t0

    res = dict(benchmark='finetune epoch: cached vision features vs full pipeline', device=str(dev),
               cpu=platform.processor() or platform.machine(), torch_threads=torch.get_num_threads(),
               vision_params_M=round(n_vis / 1e6, 1), resampler_params_M=round(n_q / 1e6, 1),
               n=a.n, batch_size=bs, text_len=a.text_len, build_s=round(t_build, 1),
               full_epoch_s=round(t_full, 2), cached_epoch_s=round(t_cached, 2), extract_once_s=round(t_extract, 2),
               speedup_per_epoch=round(t_full / t_cached, 2),
               cache_MB_per_image_fp16=round(cache[0].numel() * 2 / 2**20, 3))
    print(json.dumps(res, indent=1))
    if a.out: open(a.out, 'w').write(json.dumps(res, indent=1) + '\n')


if __name__ == '__main__':
    main()
