"""The PyTorch peer of `npm run bench`: a comparison only, never a dependency of the studio.

Reads one JSON command per line on stdin and answers one JSON line on stdout:
  {"cmd": "parity", "dir": D}   loss terms of the batch and weights that the bench dumped in D,
                                before and after one optimiser step
  {"cmd": "open", ...}          starts a bench run (BenchSession); then
  {"cmd": "step"}               one training step, its ms
  {"cmd": "phases"}             ms of each part of a step, each timed alone
Run with Debian's python3-torch: /usr/bin/python3 bench/peer/server.py
"""
import json
import os
import statistics
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from amalgamation import TERMS, Amalgamation  # noqa: E402
from tfjs_model import Teacher  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
_teachers = {}


def teachers_for(ids):
    for i in ids:
        if i not in _teachers:
            _teachers[i] = Teacher(os.path.join(ROOT, 'public', 'teachers', i))
    return [_teachers[i] for i in ids]


def images01(pixels, shape):
    """batchToTensor: uint8 -> float32 [0, 1], NHWC."""
    return torch.from_numpy(pixels.astype(np.float32).reshape((-1, *shape)) / 255)


def read_weights(folder):
    specs = json.load(open(os.path.join(folder, 'weights.json')))
    blob = np.fromfile(os.path.join(folder, 'weights.bin'), dtype='<f4')
    out, offset = [], 0
    for spec in specs:
        size = int(np.prod(spec['shape']))
        out.append(blob[offset:offset + size].reshape(spec['shape']))
        offset += size
    return out


def loss_terms(a, x):
    features, logits = a.teacher_outputs(x)
    target, pseudo = a.targets(logits)
    h, heads = a.student(x)
    terms = a.terms(h, heads, features, logits, target, pseudo)
    return terms, a.total(terms)


def parity(cmd):
    folder = cmd['dir']
    config = json.load(open(os.path.join(folder, 'config.json')))
    shape = tuple(config['shape'])
    x = images01(np.fromfile(os.path.join(folder, 'batch.bin'), dtype=np.uint8), shape)
    a = Amalgamation(config['run'], teachers_for(config['run']['teachers']), shape)
    a.load_tfjs_weights(read_weights(folder))
    terms, total = loss_terms(a, x)
    a.optimizer.zero_grad()
    total.backward()
    a.optimizer.step()
    with torch.no_grad():
        after, after_total = loss_terms(a, x)
    as_dict = lambda t: {k: float(t[k]) if k in t else 0.0 for k in TERMS}  # noqa: E731
    return {'terms': as_dict(terms), 'total': float(total), 'after': as_dict(after), 'afterTotal': float(after_total)}


class TeacherCache:
    """Per-image teacher features and logits, filled on first sight (bench of the cached step)."""

    def __init__(self, count):
        self.count, self.filled, self.rows = count, torch.zeros(count, dtype=torch.bool), None

    def lookup(self, idx):
        if self.rows is None or not bool(self.filled[idx].all()):
            return None
        return [r[0][idx] for r in self.rows], [r[1][idx] for r in self.rows]

    def store(self, idx, features, logits):
        if self.rows is None:
            self.rows = [(torch.zeros(self.count, f.shape[1]), torch.zeros(self.count, z.shape[1])) for f, z in zip(features, logits)]
        for (fs, zs), f, z in zip(self.rows, features, logits):
            fs[idx], zs[idx] = f, z
        self.filled[idx] = True


def train_step(a, x, idx, cache):
    """One step as trainStep does it: teachers (or their cache), student, losses, read the loss, update."""
    hit = cache.lookup(idx) if cache else None
    features, logits = hit if hit else a.teacher_outputs(x)
    if cache and not hit:
        cache.store(idx, features, logits)
    with torch.no_grad():
        target, pseudo = a.targets(logits)
    h, heads = a.student(x)
    total = a.total(a.terms(h, heads, features, logits, target, pseudo))
    a.optimizer.zero_grad()
    total.backward()
    if not np.isfinite(total.item()):
        raise FloatingPointError('non-finite loss')
    a.optimizer.step()


def median_ms(fn, reps):
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def phases(a, x, reps):
    """The same four probes as scripts/bench/phases.ts, each timed alone on one batch."""
    features, logits = a.teacher_outputs(x)
    target, pseudo = a.targets(logits)

    def teachers():
        f, z = a.teacher_outputs(x)
        a.targets(z)

    torch.manual_seed(0)
    h0, heads0 = a.student(x)
    cot_h, cot_heads = torch.randn_like(h0), [torch.randn_like(z) for z in heads0]

    def student():
        h, heads = a.student(x)
        probe = (h * cot_h).sum() + sum((z * c).sum() for z, c in zip(heads, cot_heads))
        probe.backward()

    def loss():
        h = h0.detach().requires_grad_()
        heads = [z.detach().requires_grad_() for z in heads0]
        total = a.total(a.terms(h, heads, features, logits, target, pseudo))
        total.backward()
        total.item()

    return {'teachers': median_ms(teachers, reps), 'student': median_ms(student, reps),
            'losses': median_ms(loss, reps), 'optimizer': median_ms(a.optimizer.step, reps)}


class BenchSession:
    """A peer training run stepped from Node, one step per command, so that tfjs and torch steps
    alternate and share the machine's load. Batches cycle through the pool in order; with the
    cache, the first pass over the pool fills it (the first epoch), later passes hit it."""

    def __init__(self, cmd):
        torch.set_num_threads(cmd['threads'])
        self.config, self.shape, self.b = cmd['run'], tuple(cmd['shape']), cmd['run']['batchSize']
        self.pixels = np.fromfile(cmd['pool'], dtype=np.uint8).reshape((-1, int(np.prod(self.shape))))
        self.per_pass = self.pixels.shape[0] // self.b
        torch.manual_seed(self.config['seed'])
        self.a = Amalgamation(self.config, teachers_for(self.config['teachers']), self.shape)
        self.cache = TeacherCache(self.per_pass * self.b) if cmd['cache'] else None
        self.s = 0

    def step(self):
        start_i = (self.s % self.per_pass) * self.b
        self.s += 1
        idx = torch.arange(start_i, start_i + self.b)
        start = time.perf_counter()
        # The uint8 -> float conversion is inside the timing, as in the studio's step.
        train_step(self.a, images01(self.pixels[start_i:start_i + self.b], self.shape), idx, self.cache)
        return (time.perf_counter() - start) * 1000

    def phases(self, reps):
        return phases(self.a, images01(self.pixels[:self.b], self.shape), reps)


_session = None


def handle(cmd):
    global _session
    kind = cmd['cmd']
    if kind == 'parity':
        return parity(cmd)
    if kind == 'open':
        _session = BenchSession(cmd)
        return {'threads': torch.get_num_threads(), 'torch': torch.__version__, 'stepsPerPass': _session.per_pass}
    if kind == 'step':
        return {'ms': _session.step()}
    if kind == 'phases':
        return {'phasesMs': _session.phases(cmd.get('reps', 10))}
    raise ValueError(f'unknown command {kind}')


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        cmd = json.loads(line)
        try:
            out = handle(cmd)
        except Exception as e:  # answer the error, keep serving
            out = {'error': f'{type(e).__name__}: {e}'}
        sys.stdout.write(json.dumps(out) + '\n')
        sys.stdout.flush()


if __name__ == '__main__':
    main()
