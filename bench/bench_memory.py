"""Memory benchmark: peak resident memory (RSS) while extracting features and training a probe for N examples.

The real RefCOCOg pipeline at real BLIP-2 sizes with random weights (EVA ViT-g: hidden 1408, 39 layers, 257 tokens;
Q-Former: hidden 768, 12 layers, 32 queries, text input): distinct images -> `extract_vision_features` (float16
`VisionCache`, LRU-bounded) -> `extract_resampler_features` with text (float16, every layer) -> `train_probe` on the
last layer, streamed shard by shard (`ShardStream`). Each N runs in a fresh process; a thread samples the process's
RSS every 10 ms (and VmHWM is read where the kernel lets us reset it). Three expressions share an image, as in RefCOCOg.
The claim to check: peak RSS does not grow with N (flat within 10% for N = 1k, 4k, 16k).

A second part measures cache bytes per example for the options a user chooses between (float32 / float16, every
layer / last layer only) on a small set, beside `cache_plan`'s estimate.

    python bench/bench_memory.py --device cuda --out bench/results_memory.json              # real sizes (a GPU)
    python bench/bench_memory.py --tiny --sizes 300 1200 --out /tmp/mem.json              # a smoke test on a CPU
"""
import argparse, json, os, platform, subprocess, sys, tempfile, threading, time
from pathlib import Path




def rss_bytes() -> int:
    with open('/proc/self/statm') as f: return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE')


def hwm_bytes():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM:'): return int(line.split()[1]) * 1024


def reset_hwm() -> bool:
    "Reset VmHWM (Linux: write 5 to clear_refs); False where the kernel refuses."
    try:
        with open('/proc/self/clear_refs', 'w') as f: f.write('5')
        return True
    except OSError: return False


class Peak:
    "Sample RSS every `dt` seconds in a thread while the `with` block runs."
    def __init__(self, dt=0.01): self.dt, self.peak, self.stop = dt, 0, threading.Event()
    def _run(self):
        while not self.stop.is_set(): self.peak = max(self.peak, rss_bytes()); time.sleep(self.dt)
    def __enter__(self):
        self.hwm_ok = reset_hwm(); self.t0 = time.perf_counter(); self.peak = rss_bytes()
        self.th = threading.Thread(target=self._run, daemon=True); self.th.start(); return self
    def __exit__(self, *a):
        self.stop.set(); self.th.join(); self.seconds = time.perf_counter() - self.t0
        self.peak = max(self.peak, rss_bytes())
        if self.hwm_ok: self.peak = max(self.peak, hwm_bytes())


def build(tiny: bool, device: str, dtype):
    import torch
    from transformers import Blip2Config, BlipImageProcessorPil
    from lost_in_space.resamplers import (Blip2VisionQFormer, QFormerResampler, tiny_configs, word_tokenizer,
                                          init_queries_, TOY_WORDS)
    torch.manual_seed(0)
    tok = word_tokenizer(list(TOY_WORDS) + ['object', 'thing', 'person', 'man', 'woman', 'dog', 'car'])
    if tiny: cfg = Blip2Config(**tiny_configs(vocab_size=len(tok)), image_text_hidden_size=16)
    else: cfg = Blip2Config(qformer_config=dict(use_qformer_text_input=True), num_query_tokens=32)  # ViT-g + BERT-base
    with torch.device(device): model = init_queries_(Blip2VisionQFormer(cfg)).to(dtype).eval().requires_grad_(False)
    s = cfg.vision_config.image_size
    return QFormerResampler(model, tok, BlipImageProcessorPil(size={'height': s, 'width': s}))


def make_images(folder: Path, n: int, size=(320, 240)):
    "n random JPEGs (made once, shared by every N)."
    import numpy as np
    from PIL import Image
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    for i in range(n):
        p = folder/f'{i:06d}.jpg'
        if not p.exists(): Image.fromarray(rng.integers(0, 255, (size[1], size[0], 3), dtype=np.uint8)).save(p, quality=80)


def examples(folder: Path, n: int, per_image=3):
    import random
    from lost_in_space.core import Example
    rng = random.Random(0)
    words = 'the man dog car person woman thing on the left right top bottom of near next to a red blue'.split()
    out = []
    for i in range(n):
        x0, y0 = rng.random() * .6, rng.random() * .6
        out.append(Example(i // per_image, folder/f'{i // per_image:06d}.jpg', ' '.join(rng.choices(words, k=9)),
                           [x0, y0, x0 + .3, y0 + .3], 'refcocog'))
    return out


def run_one(a):
    "One N in this (fresh) process: extraction, then a streamed probe; returns peaks and seconds."
    import torch
    from lost_in_space.cache import extract_vision_features, extract_resampler_features
    from lost_in_space.train import train_probe, TrainConfig
    torch.set_num_threads(a.threads)
    r = build(a.tiny, a.device, torch.float16 if a.device == 'cuda' else torch.float32)
    exs = examples(Path(a.images), a.n)
    n_tr, n_va = int(a.n * .8), int(a.n * .1)
    splits = dict(train=exs[:n_tr], val=exs[n_tr:n_tr + n_va], test=exs[n_tr + n_va:])
    work = Path(a.work)/f'n{a.n}'
    base = rss_bytes()
    with Peak() as pv:
        vc = extract_vision_features(r, exs, work/'vision', batch_size=a.batch, dtype=torch.float16, progress=False)
    caches = {}
    with Peak() as pr:
        for k, e in splits.items():
            caches[k] = extract_resampler_features(r, e, work/k, vision_cache=vc, batch_size=a.batch,
                                                   dtype=torch.float16, progress=False)
    del vc
    with Peak() as pp:
        res = train_probe('refcocog', caches['train'], caches['val'], caches['test'], stream=True,
                          cfg=TrainConfig(epochs=a.epochs, verbose=False, device=a.device, batch_size=64))
    disk = sum(f.stat().st_size for k in splits for f in (work/k).glob('*.safetensors'))
    vdisk = sum(f.stat().st_size for f in (work/'vision').glob('*.safetensors'))
    return dict(n=a.n, images=len({e.image_id for e in exs}), rss_after_model=base,
                peak_vision=pv.peak, peak_resampler=pr.peak, peak_probe=pp.peak, hwm_reset=pv.hwm_ok,
                seconds_vision=pv.seconds, seconds_resampler=pr.seconds, seconds_probe=pp.seconds,
                feature_bytes_per_example=disk / a.n, vision_bytes_per_image=vdisk / len({e.image_id for e in exs}),
                probe_test_acc=res.score('test'))


def bytes_per_example(a, n=256):
    "Cache bytes per example for each storage option, measured on `n` examples, beside `cache_plan`'s estimate."
    import torch
    from lost_in_space.cache import extract_resampler_features, cache_plan
    r = build(a.tiny, a.device, torch.float16 if a.device == 'cuda' else torch.float32)
    exs = examples(Path(a.images), n)
    P = r.encode_images(r.preprocess([__import__('PIL.Image').Image.open(exs[0].image_path)])).shape[1]
    out = {}
    for name, dt, layers in (('float32, every layer', torch.float32, None), ('float16, every layer', torch.float16, None),
                             ('float16, last layer', torch.float16, (-1,)), ('float16, input, middle, last', torch.float16, (0, r.num_layers // 2, -1))):
        d = Path(a.work)/f'opt_{len(out)}'
        extract_resampler_features(r, exs, d, batch_size=a.batch, dtype=dt, layers=layers, progress=False)
        got = sum(f.stat().st_size for f in d.glob('*.safetensors')) / n
        c = r.model.config
        plan = cache_plan(n, n // 3, r.num_layers, r.num_queries, r.hidden_size, P, c.vision_config.hidden_size,
                          dtype=dt, layers=layers, target_dim=4)
        out[name] = dict(bytes_per_example=got, plan=dict(plan))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--sizes', type=int, nargs='+', default=[1000, 4000, 16000])
    ap.add_argument('--device', default='cpu')
    ap.add_argument('--tiny', action='store_true', help='tiny random model (a smoke test of the script)')
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--epochs', type=int, default=2)
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--work', default=None, help='folder for images and caches (default: a temp folder)')
    ap.add_argument('--out', default=None)
    ap.add_argument('--one', type=int, default=None, help=argparse.SUPPRESS)   # child: run one N
    ap.add_argument('--images', default=None, help=argparse.SUPPRESS)
    ap.add_argument('--n', type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument('--options', action='store_true', help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.n is not None: print(json.dumps(run_one(a))); return
    if a.options: print(json.dumps(bytes_per_example(a))); return
    work = Path(a.work or tempfile.mkdtemp(prefix='lis_mem_'))
    images = work/'images'
    make_images(images, -(-max(a.sizes) // 3))
    common = ['--device', a.device, '--batch', str(a.batch), '--epochs', str(a.epochs), '--threads', str(a.threads),
              '--work', str(work), '--images', str(images)] + (['--tiny'] if a.tiny else [])
    child = lambda extra: json.loads(subprocess.run([sys.executable, __file__, *common, *extra], check=True,
                                                    stdout=subprocess.PIPE, text=True).stdout.strip().splitlines()[-1])
    rows = []
    for n in a.sizes:
        rows.append(child(['--n', str(n)])); print(json.dumps(rows[-1]), flush=True)
    opts = child(['--options']); print(json.dumps(opts), flush=True)
    peaks = {k: [r[k] for r in rows] for k in ('peak_vision', 'peak_resampler', 'peak_probe')}
    overall = [max(r['peak_vision'], r['peak_resampler'], r['peak_probe']) for r in rows]
    res = dict(device=a.device, tiny=a.tiny, machine=platform.machine(), sizes=a.sizes, rows=rows, options=opts,
               peak_ratio_max_over_min=max(overall) / min(overall),
               phase_ratio_max_over_min={k: max(v) / min(v) for k, v in peaks.items()})
    try:
        import torch
        if a.device == 'cuda': res['gpu'] = torch.cuda.get_device_name(0)
    except Exception: pass
    print(json.dumps({k: res[k] for k in ('peak_ratio_max_over_min', 'phase_ratio_max_over_min')}))
    if a.out: Path(a.out).write_text(json.dumps(res, indent=1))


if __name__ == '__main__': main()
