"""Frozen teachers for the PyTorch peer, rebuilt from the studio's shipped tfjs LayersModel files.

Only the layer kinds the shipped zoo uses are supported (InputLayer, Conv2D, MaxPooling2D,
Flatten, Dense); anything else is refused by name rather than guessed.
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

ACTIVATIONS = {'linear': lambda x: x, 'relu': F.relu, 'softmax': lambda x: F.softmax(x, dim=1)}


def read_weights(folder, manifest):
    """tfjs weights in manifest order, as numpy arrays of their tfjs shapes."""
    blob = b''.join(open(os.path.join(folder, os.path.basename(p)), 'rb').read() for group in manifest for p in group['paths'])
    out, offset = {}, 0
    for spec in (w for group in manifest for w in group['weights']):
        if spec['dtype'] != 'float32':
            raise ValueError(f"weight {spec['name']}: dtype {spec['dtype']} is not supported")
        size = int(np.prod(spec['shape']))
        out[spec['name']] = np.frombuffer(blob, dtype='<f4', count=size, offset=offset).reshape(spec['shape'])
        offset += 4 * size
    return out


def conv_kernel(k):
    """tfjs [kh, kw, cin, cout] -> torch [cout, cin, kh, kw]."""
    return torch.from_numpy(np.ascontiguousarray(np.transpose(k, (3, 2, 0, 1))))


def dense_kernel(k):
    """tfjs [in, out] -> torch Linear weight [out, in]."""
    return torch.from_numpy(np.ascontiguousarray(k.T))


def bilinear_matrix(n_out, n_in):
    """tfjs resizeBilinear (alignCorners=false, halfPixelCenters=false) along one axis as a matrix."""
    m = np.zeros((n_out, n_in), dtype=np.float32)
    scale = n_in / n_out
    for o in range(n_out):
        src = o * scale
        lo = int(np.floor(src))
        hi = min(lo + 1, n_in - 1)
        frac = src - lo
        m[o, lo] += 1 - frac
        m[o, hi] += frac
    return torch.from_numpy(m)


class Teacher:
    """One frozen teacher: run(images01 NHWC [B, H, W, 1]) -> (features [B, d], logits [B, C])."""

    def __init__(self, folder):
        model = json.load(open(os.path.join(folder, 'model.json')))
        self.meta = json.load(open(os.path.join(folder, 'metadata.json')))
        weights = read_weights(folder, model['weightsManifest'])
        self.layers = []
        for layer in model['modelTopology']['config']['layers']:
            cls, cfg = layer['class_name'], layer['config']
            name = cfg['name']
            if cls == 'InputLayer':
                continue
            if cls == 'Conv2D':
                if cfg['padding'] != 'valid' or tuple(cfg['strides']) != (1, 1):
                    raise ValueError(f'{name}: only stride-1 valid convs are supported')
                self.layers.append((name, 'conv', conv_kernel(weights[f'{name}/kernel']), torch.from_numpy(weights[f'{name}/bias'].copy()), cfg['activation']))
            elif cls == 'MaxPooling2D':
                self.layers.append((name, 'pool', tuple(cfg['pool_size']), None, None))
            elif cls == 'Flatten':
                self.layers.append((name, 'flatten', None, None, None))
            elif cls == 'Dense':
                self.layers.append((name, 'dense', dense_kernel(weights[f'{name}/kernel']), torch.from_numpy(weights[f'{name}/bias'].copy()), cfg['activation']))
            else:
                raise ValueError(f'{name}: layer class {cls} is not supported by the peer')
        self.feature_layer = self.meta['featureLayer']
        self.softmax_output = self.layers[-1][4] == 'softmax'
        spec = self.meta['input']
        self.spec = spec
        self.resize = None

    def preprocess(self, images01):
        """NHWC [0, 1] -> NCHW at the teacher's size, normalised like src/core/teachers/preprocess.ts."""
        x = images01.permute(0, 3, 1, 2)
        h, w = x.shape[2], x.shape[3]
        if (h, w) != (self.spec['height'], self.spec['width']):
            if self.resize is None:
                self.resize = (bilinear_matrix(self.spec['height'], h), bilinear_matrix(self.spec['width'], w))
            rh, rw = self.resize
            x = torch.matmul(torch.matmul(rh, x), rw.T)
        return (x - self.spec['mean']) / self.spec['std']

    @torch.no_grad()
    def run(self, images01):
        x = self.preprocess(images01)
        features = None
        for name, kind, a, b, act in self.layers:
            if kind == 'conv':
                x = ACTIVATIONS[act](F.conv2d(x, a, b))
            elif kind == 'pool':
                x = F.max_pool2d(x, a)
            elif kind == 'flatten':
                # tfjs flattens NHWC: channels last, so the dense weights read the same order.
                x = x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)
            else:
                x = ACTIVATIONS[act](F.linear(x, a, b))
            if name == self.feature_layer:
                features = x.reshape(x.shape[0], -1)
        logits = torch.log(x + 1e-7) if self.softmax_output else x
        return features, logits
