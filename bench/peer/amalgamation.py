"""The studio's student, common space, loss assembly and Adam step (src/core/method/) in PyTorch."""
import torch
import torch.nn as nn
import torch.nn.functional as F

import losses as L

TERMS = ('kd', 'intra', 'inter', 'align', 'cflMmd', 'cflReconstruction', 'supervised')


class Student(nn.Module):
    """student.ts: conv(w)-pool-conv(2w)-pool-fc(8w), relu, one head per size; NHWC flatten order."""

    def __init__(self, shape, width, head_sizes):
        super().__init__()
        h, w, c = shape
        self.conv1 = nn.Conv2d(c, width, 3)
        self.conv2 = nn.Conv2d(width, 2 * width, 3)
        side_h, side_w = ((h - 2) // 2 - 2) // 2, ((w - 2) // 2 - 2) // 2
        self.features = nn.Linear(side_h * side_w * 2 * width, 8 * width)
        self.heads = nn.ModuleList(nn.Linear(8 * width, s) for s in head_sizes)

    def forward(self, images01):
        x = images01.permute(0, 3, 1, 2) * 2 - 1
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        h = F.relu(self.features(x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)))
        return h, [head(h) for head in self.heads]

    def tfjs_order(self):
        """Parameters in the order of the tfjs model's trainableWeights."""
        layers = [self.conv1, self.conv2, self.features, *self.heads]
        return [p for layer in layers for p in (layer.weight, layer.bias)]


def mlp(d_in, hidden, d_out):
    return nn.Sequential(nn.Linear(d_in, hidden), nn.ReLU(), nn.Linear(hidden, d_out))


class CommonSpace(nn.Module):
    """commonSpace.ts: P_s, one P_k per teacher, decoders D_k for CFL."""

    def __init__(self, student_size, teacher_sizes, m, with_decoders):
        super().__init__()
        self.student = mlp(student_size, 128, m)
        self.teachers = nn.ModuleList(mlp(d, 128, m) for d in teacher_sizes)
        self.decoders = nn.ModuleList(mlp(m, 128, d) for d in teacher_sizes) if with_decoders else nn.ModuleList()

    def tfjs_order(self):
        nets = [self.student, *self.teachers, *self.decoders]
        return [p for net in nets for layer in (net[0], net[2]) for p in (layer.weight, layer.bias)]


def union_labels(teachers):
    names, maps = [], []
    for t in teachers:
        row = []
        for label in t.meta['labels']:
            if label not in names:
                names.append(label)
            row.append(names.index(label))
        maps.append(row)
    return names, maps


def needs_common_space(config):
    w = config['weights']
    return not config['supervised'] and any(w[k] > 0 for k in ('intra', 'inter', 'align', 'cflMmd', 'cflReconstruction'))


class Amalgamation:
    def __init__(self, config, teachers, shape):
        self.config, self.teachers = config, teachers
        self.names, self.maps = union_labels(teachers)
        heads = [len(self.names)] if config['taskMode'] == 'joint' else [len(m) for m in self.maps]
        self.student = Student(shape, config['studentWidth'], heads)
        sizes = [t.meta['featureSize'] for t in teachers]
        self.space = CommonSpace(8 * config['studentWidth'], sizes, config['projectionSize'], config['weights']['cflReconstruction'] > 0)
        params = self.trainable()
        # tfjs's Adam uses the backend epsilon (1e-7), not PyTorch's 1e-8.
        self.optimizer = (torch.optim.Adam(params, lr=config['learningRate'], eps=1e-7) if config['optimizer'] == 'adam'
                          else torch.optim.SGD(params, lr=config['learningRate']))

    def trainable(self):
        return self.student.tfjs_order() + (self.space.tfjs_order() if needs_common_space(self.config) else [])

    def load_tfjs_weights(self, arrays):
        """Copies weights dumped from tfjs (tfjs shapes, trainableWeights order) into the peer."""
        params = self.student.tfjs_order() + self.space.tfjs_order()
        if len(arrays) != len(params):
            raise ValueError(f'{len(arrays)} dumped weights for {len(params)} peer parameters')
        with torch.no_grad():
            for p, a in zip(params, arrays):
                t = torch.from_numpy(a.copy())
                t = t.permute(3, 2, 0, 1) if t.dim() == 4 else (t.T if t.dim() == 2 else t)
                if tuple(t.shape) != tuple(p.shape):
                    raise ValueError(f'shape {tuple(t.shape)} for a parameter of {tuple(p.shape)}')
                p.copy_(t)

    def teacher_outputs(self, images01):
        outs = [t.run(images01) for t in self.teachers]
        return [o[0] for o in outs], [o[1] for o in outs]

    def targets(self, logits):
        c = self.config
        target = L.combine_targets(logits, self.maps, len(self.names), c['temperature'], c['combiner'])
        pseudo = target.argmax(1) if c['taskMode'] == 'joint' else L.pseudo_labels_multi_head(logits, self.maps)
        return target, pseudo

    def terms(self, h, heads, features, logits, target, pseudo):
        """amalgamationLoss.ts amalgamationTerms: every active term by name."""
        c, w, terms = self.config, self.config['weights'], {}
        if w['kd'] > 0:
            terms['kd'] = (L.soft_target_joint(heads[0], target, c['temperature']) if c['taskMode'] == 'joint'
                           else L.soft_target_multi_head(heads, logits, c['temperature']))
        if not needs_common_space(c):
            return terms
        common = self.space.student(h)
        teacher_common = [p(f) for p, f in zip(self.space.teachers, features)]
        if w['intra'] > 0 or w['inter'] > 0 or w['align'] > 0:
            v = L.l2_normalize(common)
            us = [L.l2_normalize(u) for u in teacher_common]
            if w['intra'] > 0:
                terms['intra'] = L.intra_contrastive(v, us, pseudo, c['tau'])
            if w['inter'] > 0:
                terms['inter'] = L.inter_contrastive(v, us, pseudo, c['tau'])
            if w['align'] > 0:
                terms['align'] = L.alignment(v, us, c['tauAlign'], c['alignVariant'])
        if w['cflMmd'] > 0:
            terms['cflMmd'] = sum(L.mmd2_multi_rbf(L.l2_normalize(common), L.l2_normalize(t)) for t in teacher_common)
        if w['cflReconstruction'] > 0:
            terms['cflReconstruction'] = sum(F.mse_loss(d(t), f) for d, t, f in zip(self.space.decoders, teacher_common, features))
        return terms

    def total(self, terms):
        return sum(v * self.config['weights'][k] for k, v in terms.items())
