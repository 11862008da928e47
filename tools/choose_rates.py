"""Choose the joint learning rates on the validation split of the DEVELOPMENT draw of toy scenes.

The evaluation draw (the one the README, results/ and the tutorial report) is never touched here. For model (a):
RefCOCOg from the pretrained resampler with each candidate resampler rate, then RCM from the RefCOCOg-tuned resampler
(the curriculum) with each candidate (probe, resampler) pair; seeds 0 and 1; every run's validation and test scores
are written, the choice reads validation only.

    python tools/choose_rates.py --out results/development/rates.csv
"""
import argparse, itertools, time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
import pandas as pd

FIRST = (1e-3, 3e-4)                                    # RefCOCOg: resampler lr (probe lr 1e-3)
SECOND = ((1e-3, 1e-3), (3e-4, 3e-4), (1e-4, 3e-4))     # RCM from the curriculum: (probe lr, resampler lr)
SEEDS = (0, 1)


def _job(work, stage, rates, seed, init=None):
    import torch; torch.set_num_threads(1)
    from lost_in_space.cli import QUICK, TOY_DRAWS, TOY_MODELS
    from lost_in_space.scenes import make_scenes
    from lost_in_space.testbed import load_toy, TOY_SCENES
    from lost_in_space.study import StudyConfig, scene_tasks, joint_job, curriculum
    from lost_in_space.cache import extract_vision_features, vision_fingerprint
    w = Path(work)/f'{stage}_{rates[0]:g}_{rates[1]:g}_seed{seed}'          # one folder per job: they run at once
    ss = make_scenes(w/'scenes', n_images=QUICK['n_images'], image_size=TOY_SCENES['image_size'],
                     seed=TOY_DRAWS['development'])                        # the quick run's size, the development draw
    tasks, name, r = scene_tasks(ss, tasks=QUICK['tasks']), TOY_MODELS['plain'], load_toy('plain')
    tasks, _ = curriculum(tasks, StudyConfig())
    everything = [e for t in tasks.values() for s in t.values() for e in s]
    vc = extract_vision_features(r, everything, w/'vision'/vision_fingerprint(r), progress=False)
    cfg = StudyConfig(frozen_after=False)
    probe, res = rates
    if stage == 'refcocog': cfg.joint = cfg.joint.replace(resampler_lr=res)
    else: cfg.curriculum_joint = cfg.curriculum_joint.replace(lr=probe, resampler_lr=res)
    task = 'refcocog' if stage == 'refcocog' else 'rcm'
    save = str(Path(work)/f'refcocog_{res:g}_seed{seed}.safetensors') if stage == 'refcocog' else None
    t0 = time.time()
    rows = joint_job(name, r, task, tasks[task], str(vc.path), cfg, seed, init=init, save=save)
    return [dict(row, stage=stage, probe_lr=probe, resampler_lr=res, seconds=time.time() - t0) for row in rows]


def main(out:str, work:str, workers:int):
    Path(work).mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(workers) as ex:
        first = [ex.submit(_job, work, 'refcocog', (1e-3, res), s) for res, s in itertools.product(FIRST, SEEDS)]
        rows = [r for f in first for r in f.result()]
    df = pd.DataFrame(rows)
    best = df[df.stage == 'refcocog'].groupby('resampler_lr')['val'].mean().idxmax()   # validation only
    with ProcessPoolExecutor(workers) as ex:
        second = [ex.submit(_job, work, 'rcm', pr, s, str(Path(work)/f'refcocog_{best:g}_seed{s}.safetensors'))
                  for pr, s in itertools.product(SECOND, SEEDS)]
        rows += [r for f in second for r in f.result()]
    df = pd.DataFrame(rows)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(out, index=False)
    print(df.groupby(['stage', 'probe_lr', 'resampler_lr'])[['val', 'test', 'best_epoch', 'seconds']].mean())


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--out', default='results/development/rates.csv')
    p.add_argument('--work', default='/tmp/lis_rates')
    p.add_argument('--workers', type=int, default=2)
    a = p.parse_args()
    main(a.out, a.work, a.workers)
