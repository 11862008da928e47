#!/usr/bin/env bash
# The checks that need a GPU, as one script (run on a lent GPU machine; CI has none). Writes logs and JSON to $OUT.
#   1. nbs/07_train.ipynb with the `gpu` flag: train_probe / finetune on device='cuda', fp16/bf16 autocast (#| gpu cells)
#   2. bench/bench_memory.py at real BLIP-2 sizes (random weights): peak RSS for N = 1k, 4k, 16k examples
#   3. bench/bench_finetune_cache.py on the GPU: cached vision features vs the full pipeline, one epoch
# Packages the machine lacks travel as wheels in .whl (see the device notes); the repo is importable from its root.
OUT=${OUT:-/tmp/gpu_out}; mkdir -p "$OUT"
if ls .whl/*.whl >/dev/null 2>&1; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site:$PWD PATH=/tmp/site/bin:$PATH
fi
export PYTHONUNBUFFERED=1 MPLBACKEND=Agg TOKENIZERS_PARALLELISM=false HF_HUB_OFFLINE=1
python3 -c "import torch, transformers, platform; print(torch.__version__, transformers.__version__, torch.cuda.get_device_name(0), platform.python_version())" | tee "$OUT/env.txt"
SECONDS=0
timeout 180 python3 -c "from nbdev.test import nbdev_test; nbdev_test(path='nbs/07_train.ipynb', flags='gpu', do_print=True)" > "$OUT/test_07_gpu.log" 2>&1
echo "07_train --flags gpu: rc=$? in ${SECONDS}s"; tail -5 "$OUT/test_07_gpu.log"
SECONDS=0
timeout 270 python3 bench/bench_memory.py --device cuda --sizes 1000 4000 16000 --epochs 1 --threads 4 --work /tmp/mem \
  --out "$OUT/results_memory.json" > "$OUT/bench_memory.log" 2>&1
echo "bench_memory: rc=$? in ${SECONDS}s"; tail -c 1500 "$OUT/bench_memory.log"
SECONDS=0
timeout 90 python3 bench/bench_finetune_cache.py --device cuda --n 256 --batch-size 32 --out "$OUT/results_finetune_cache_gpu.json" > "$OUT/bench_finetune_cache.log" 2>&1
echo "bench_finetune_cache: rc=$? in ${SECONDS}s"; tail -c 800 "$OUT/bench_finetune_cache.log"
