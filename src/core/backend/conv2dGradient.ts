import * as tf from '@tensorflow/tfjs';
import { IM2ROWS_KERNEL, im2Rows4d } from './wasmIm2Rows';

/**
 * Replacement gradient for the `Conv2D` kernel.
 *
 * The wasm backend of tfjs 4.22 has no `Conv2DBackpropFilter` kernel, so the stock gradient
 * cannot train a conv net there, and the cpu backend's kernel is a slow scalar loop. The
 * filter gradient below is built from ops every backend has: on wasm one forward conv with
 * batch and channels swapped, elsewhere im2col (pad, strided slice, concat, matMul); see
 * FilterGradientMethod. The input gradient is the stock `Conv2DBackpropInput` kernel, except
 * on wasm, where a forward conv computes it much faster (see InputGradientMethod).
 *
 * The registration is global: it also replaces the gradient on webgl/webgpu (same values,
 * untested speed there).
 */

export type Conv2DAttrs = tf.Conv2DAttrs;

export interface Conv2dGradients {
  dx: tf.Tensor4D;
  dfilter: tf.Tensor4D;
}

type ConvInfo = ReturnType<typeof tf.backend_util.computeConv2DInfo>;

/** Refuses, by name, every attribute this implementation would get wrong rather than guess. */
function assertSupported(attrs: Conv2DAttrs): void {
  const format = attrs.dataFormat ?? 'NHWC';
  if (format !== 'NHWC') {
    throw new Error(`conv2dGradients: dataFormat '${format}' is not supported (only 'NHWC')`);
  }
  const d = attrs.dilations ?? 1;
  const [dh, dw] = typeof d === 'number' ? [d, d] : d;
  if (dh !== 1 || dw !== 1) {
    throw new Error(`conv2dGradients: dilations [${dh}, ${dw}] are not supported (only 1)`);
  }
}

/**
 * Zero-pads x so that every window the forward pass read lies inside it. Bottom/right come
 * from the windows actually needed, not from padInfo, so rounding modes that drop or add a
 * row (numeric pads with dimRoundingMode) stay consistent with the forward output size.
 */
function padForWindows(x: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  const { top, left } = info.padInfo;
  const needH = (info.outHeight - 1) * info.strideHeight + info.filterHeight;
  const needW = (info.outWidth - 1) * info.strideWidth + info.filterWidth;
  const bottom = Math.max(needH - top - info.inHeight, 0);
  const right = Math.max(needW - left - info.inWidth, 0);
  if (top === 0 && left === 0 && bottom === 0 && right === 0) return x;
  return tf.pad(x, [[0, 0], [top, bottom], [left, right], [0, 0]]);
}

/**
 * im2col, transposed: rows are kernel taps in (kh, kw, cin) order, matching the flattened
 * [kH, kW, Cin] filter layout; columns are the B*outH*outW output positions in dy's order.
 * Channels go first so each tap is a plain [Cin, N] block and the concat is along axis 0:
 * on wasm this is ~4-18x faster than concatenating [B, outH, outW, Cin] taps on the channel
 * axis and multiplying with transposeA (measured at batch 64, 28x28 and 13x13 inputs).
 */
function im2colT(xPadded: tf.Tensor4D, info: ConvInfo): tf.Tensor2D {
  const { batchSize, outHeight, outWidth, inChannels, strideHeight, strideWidth } = info;
  // With one channel the transpose moves nothing: a reshape gives the same layout for free.
  const xt = inChannels === 1 ? tf.reshape(xPadded, [1, ...xPadded.shape.slice(0, 3)]) : tf.transpose(xPadded, [3, 0, 1, 2]);
  const n = batchSize * outHeight * outWidth;
  const taps: tf.Tensor2D[] = [];
  for (let kh = 0; kh < info.filterHeight; kh++) {
    for (let kw = 0; kw < info.filterWidth; kw++) {
      // A plain slice where the stride is 1: wasm's Slice copies rows, its StridedSlice element by element.
      const tap = strideHeight === 1 && strideWidth === 1
        ? tf.slice(xt, [0, 0, kh, kw], [inChannels, batchSize, outHeight, outWidth])
        : tf.stridedSlice(xt, [0, 0, kh, kw], [inChannels, batchSize, kh + (outHeight - 1) * strideHeight + 1, kw + (outWidth - 1) * strideWidth + 1], [1, 1, strideHeight, strideWidth]);
      taps.push(tf.reshape(tap, [inChannels, n]));
    }
  }
  return taps.length === 1 ? taps[0] : tf.concat2d(taps, 0);
}

function convInfo(dy: tf.Tensor4D, x: tf.Tensor4D, filterShape: number[], attrs: Conv2DAttrs): ConvInfo {
  assertSupported(attrs);
  const info = tf.backend_util.computeConv2DInfo(
    x.shape, filterShape as [number, number, number, number], attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  if (dy.shape[1] !== info.outHeight || dy.shape[2] !== info.outWidth || dy.shape[3] !== info.outChannels) {
    throw new Error(`conv2dGradients: dy shape [${dy.shape}] does not match the conv output [${info.outShape}]`);
  }
  return info;
}

/**
 * How dW is computed. 'im2col' gathers the kernel taps (slices, strided where the conv is) and multiplies once;
 * 'rows' builds the window matrix the other way round ([positions, taps], one JS kernel,
 * wasmIm2Rows.ts) and multiplies dyᵀ by it; 'conv' is one forward conv with the roles
 * swapped: x as [Cin, H, W, B] (the batch becomes the channels), dy as the filter
 * [outH, outW, B, Cout] dilated by the stride, giving [Cin, kH, kW, Cout]. On wasm every
 * method pays for dy afresh each step (XNNPACK packs it as the conv's filter or the matmul's
 * weights, or 'rows' transposes it), so they were timed with a fresh dy each time (dW alone,
 * median of 15): at 13x13x32 -> 64 the conv wins (batch 64: 10 ms against 17 for im2col; 44
 * against 66 at 256). With one input channel the conv's filter is huge and its output tiny
 * ([1, 3, 3, Cout]): 28x28x1 -> 32 at batch 64, conv 5.4, im2col 5.6, rows 3.6 ms (-> 64: 17.7,
 * 18.6, 12.4); at 256, 49, 26 and 39. Default on wasm: 'rows' for one input channel under
 * 100,000 output positions (B·outH·outW), 'im2col' for up to three input channels above it,
 * 'conv' otherwise; elsewhere 'im2col' (webgl/webgpu/cpu unmeasured).
 */
export type FilterGradientMethod = 'im2col' | 'conv' | 'rows';

/** Where wasm takes im2col or rows rather than the conv; fields so that A/B timing can move them (scripts/ab-kernels.ts). */
export const filterGradientOptions = { im2colMaxChannelsOnWasm: 3, im2colMinPositionsOnWasm: 100_000, rowsMaxPositionsOnWasm: 100_000 };

function defaultFilterMethod(dy: tf.Tensor4D, x: tf.Tensor4D): FilterGradientMethod {
  if (tf.getBackend() !== 'wasm') return 'im2col';
  const positions = dy.shape[0] * dy.shape[1] * dy.shape[2];
  const { im2colMaxChannelsOnWasm: channels, im2colMinPositionsOnWasm: im2colFrom, rowsMaxPositionsOnWasm: rowsBelow } = filterGradientOptions;
  if (x.shape[3] > channels) return 'conv';
  // The rows kernel is registered by installTrainingKernels; a gradient installed alone does without it.
  if (x.shape[3] === 1 && positions < rowsBelow && tf.getKernel(IM2ROWS_KERNEL, 'wasm')) return 'rows';
  return positions >= im2colFrom ? 'im2col' : 'conv';
}

function filterGradientByConv(dy: tf.Tensor4D, x: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  const xt = tf.transpose(padForWindows(x, info), [3, 1, 2, 0]);
  const dyFilter = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D;
  const dilations: [number, number] = [info.strideHeight, info.strideWidth];
  const dw = tf.conv2d(xt as tf.Tensor4D, dyFilter, 1, 'valid', 'NHWC', dilations);
  // The padded x may hold rows past the last window (never read by the forward pass): cut them.
  const cut = tf.slice(dw, [0, 0, 0, 0], [info.inChannels, info.filterHeight, info.filterWidth, info.outChannels]);
  return tf.transpose(cut, [1, 2, 0, 3]);
}

/** dWᵀ = dyᵀ · rows: the matmul packs the window rows (small with one channel) and transposes dy. */
function filterGradientByRows(dy: tf.Tensor4D, x: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  const rows = im2Rows4d(padForWindows(x, info), info);
  const dwT = tf.matMul(tf.reshape(dy, [rows.shape[0], info.outChannels]), rows, true, false);
  return tf.reshape(tf.transpose(dwT), [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels]);
}

function filterGradient(dy: tf.Tensor4D, x: tf.Tensor4D, filterShape: number[], attrs: Conv2DAttrs, method = defaultFilterMethod(dy, x)): tf.Tensor4D {
  const info = convInfo(dy, x, filterShape, attrs);
  return tf.tidy(() => {
    if (method === 'conv') return filterGradientByConv(dy, x, info);
    if (method === 'rows') return filterGradientByRows(dy, x, info);
    const cols = im2colT(padForWindows(x, info), info);
    const dy2d = tf.reshape(dy, [cols.shape[1], info.outChannels]);
    const dw = tf.matMul(cols, dy2d);
    return tf.reshape(dw, [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels]);
  });
}

/** Puts stride - 1 zeros between dy's rows and columns, so the adjoint becomes a stride-1 conv. */
function dilate(dy: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  if (sh === 1 && sw === 1) return dy;
  const [b, oh, ow, c] = dy.shape;
  const spread = tf.pad(tf.reshape(dy, [b, oh, 1, ow, 1, c]), [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]]);
  const grid = tf.reshape(spread, [b, oh * sh, ow * sw, c]) as tf.Tensor4D;
  return tf.slice(grid, 0, [b, (oh - 1) * sh + 1, (ow - 1) * sw + 1, c]);
}

/** Zero-pads H and W where an amount is positive, crops where it is negative. */
function padOrCrop(t: tf.Tensor4D, top: number, bottom: number, left: number, right: number): tf.Tensor4D {
  const p = (n: number) => Math.max(n, 0);
  const padded = top > 0 || bottom > 0 || left > 0 || right > 0
    ? tf.pad(t, [[0, 0], [p(top), p(bottom)], [p(left), p(right)], [0, 0]]) : t;
  if (top >= 0 && bottom >= 0 && left >= 0 && right >= 0) return padded;
  const [b, h, w, c] = padded.shape;
  return tf.slice(padded, [0, p(-top), p(-left), 0], [b, h - p(-top) - p(-bottom), w - p(-left) - p(-right), c]);
}

/**
 * dx as a stride-1 'valid' conv of the dilated, re-padded dy with the spatially flipped
 * filter, its in/out channels swapped. P needs inH + kH - 1 rows, starting kH - 1 - padTop
 * rows before dy's first; extra rows at the end only feed positions outside x and are cut.
 */
function inputGradientByConv(dy: tf.Tensor4D, filter: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  const { filterHeight: kh, filterWidth: kw, padInfo } = info;
  const d = dilate(dy, info.strideHeight, info.strideWidth);
  const top = kh - 1 - padInfo.top;
  const left = kw - 1 - padInfo.left;
  const bottom = info.inHeight + kh - 1 - d.shape[1] - top;
  const right = info.inWidth + kw - 1 - d.shape[2] - left;
  const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
  if (top >= 0 && bottom >= 0 && left >= 0 && right >= 0) {
    // The conv pads as it reads (no padded copy of dy): 1.8 ms of 20 at batch 64, 21 of 130 at 256.
    return tf.conv2d(d, flipped, 1, [[0, 0], [top, bottom], [left, right], [0, 0]]);
  }
  return tf.conv2d(padOrCrop(d, top, bottom, left, right), flipped, 1, 'valid');
}

/**
 * How dx is computed. 'transpose' is the Conv2DBackpropInput kernel (what the stock gradient
 * uses); 'conv' is a forward conv. wasm's forward Conv2D (XNNPACK) beats its
 * Conv2DBackpropInput ~10x at batch 64, 13x13x16 -> 32 channels; on cpu the kernel is ~2x
 * faster than cpu's forward conv. Default: 'conv' on wasm, 'transpose' elsewhere.
 */
export type InputGradientMethod = 'transpose' | 'conv';

const defaultInputMethod = (): InputGradientMethod => (tf.getBackend() === 'wasm' ? 'conv' : 'transpose');

function inputGradient(
  dy: tf.Tensor4D, x: tf.Tensor4D, filter: tf.Tensor4D, attrs: Conv2DAttrs, method = defaultInputMethod(),
): tf.Tensor4D {
  const info = convInfo(dy, x, filter.shape, attrs);
  if (method === 'conv') return tf.tidy(() => inputGradientByConv(dy, filter, info));
  return tf.conv2dTranspose(dy, filter, x.shape, attrs.strides, attrs.pad, attrs.dimRoundingMode);
}

/** Gradients of `tf.conv2d(x, filter, ...attrs)` w.r.t. x and filter, given the upstream dy. */
export function conv2dGradients(
  dy: tf.Tensor4D,
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  attrs: Conv2DAttrs,
  inputMethod?: InputGradientMethod,
  filterMethod?: FilterGradientMethod,
): Conv2dGradients {
  return {
    dx: inputGradient(dy, x, filter, attrs, inputMethod),
    dfilter: filterGradient(dy, x, filter.shape, attrs, filterMethod),
  };
}

/** The grad config; exported so tests can tell whether the registry holds ours. */
export const conv2dGradConfig: tf.GradConfig = {
  kernelName: 'Conv2D',
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
    const conv = attrs as unknown as Conv2DAttrs;
    // Refuse here rather than in a thunk, so the error names the attribute before any work.
    assertSupported(conv);
    // Separate thunks: the engine calls each in its own tidy, and skips inputs off the path
    // (the first layer's dx is never computed).
    return {
      x: () => inputGradient(dy as tf.Tensor4D, x, filter, conv),
      filter: () => filterGradient(dy as tf.Tensor4D, x, filter.shape, conv),
    };
  },
};

/**
 * Registers the gradient once; later calls are no-ops (tfjs logs overrides in DEBUG mode).
 * The studio calls it through installTrainingKernels (trainingKernels.ts), with the wasm
 * kernels that make the rest of a conv net's backward pass fast.
 */
export function installConv2dGradient(): void {
  if (tf.getGradient('Conv2D') === conv2dGradConfig) return;
  tf.registerGradient(conv2dGradConfig);
}

/**
 * In tfjs-layers every Conv2D layer runs through tf.fused.conv2d. While a gradient is being
 * recorded, fused.conv2d falls back to plain conv2d (whose gradient is ours) only when its
 * fused activation is not 'linear' (tfjs-core shouldFuse). The layer passes its activation
 * to the fused op only if it is 'relu' or 'elu' (mapActivationToFusedKernel); any other
 * activation (linear, tanh, sigmoid, relu6, ...) is applied afterwards while the fused op
 * runs 'linear', keeping the FusedConv2D kernel whose custom gradient calls
 * Conv2DBackpropFilter directly. Bias (useBias) plays no part in that choice.
 */
const COVERED_CONV2D_ACTIVATIONS = new Set(['relu', 'elu']);

/** Conv layers whose gradients need kernels wasm lacks and that this patch does not replace. */
const UNCOVERED_CONV_CLASSES = new Set(['Conv2DTranspose', 'DepthwiseConv2D', 'SeparableConv2D']);

function layersOf(model: tf.LayersModel): tf.layers.Layer[] {
  return model.layers.flatMap((layer) =>
    layer instanceof tf.LayersModel ? layersOf(layer) : [layer]);
}

function isUntrainable(layer: tf.layers.Layer): boolean {
  const cls = layer.getClassName();
  if (UNCOVERED_CONV_CLASSES.has(cls)) return true;
  return cls === 'Conv2D' && !COVERED_CONV2D_ACTIVATIONS.has(String(layer.getConfig().activation));
}

/**
 * Names of the conv layers that cannot be trained on wasm even with the patch: Conv2D layers
 * whose activation is not relu/elu, plus Conv2DTranspose / DepthwiseConv2D / SeparableConv2D
 * (their gradients need Conv2DBackpropFilter or DepthwiseConv2dNativeBackpropFilter).
 */
export function findUntrainableConvs(model: tf.LayersModel): string[] {
  return layersOf(model).filter(isUntrainable).map((layer) => layer.name);
}

/** Throws, before training starts, if the model cannot be trained on this backend. */
export function assertTrainable(model: tf.LayersModel, backendName: string): void {
  if (backendName !== 'wasm') return;
  const names = findUntrainableConvs(model);
  if (names.length === 0) return;
  throw new Error(
    `Cannot train on the wasm backend: layer(s) ${names.join(', ')} need a backprop-filter ` +
    `kernel that wasm lacks. For a Conv2D, set activation 'relu' or 'elu' on the Conv2D ` +
    `layer itself: an activation in a separate layer, or any other activation, leaves the ` +
    `conv fused-linear and still untrainable. Conv2DTranspose, DepthwiseConv2D and ` +
    `SeparableConv2D cannot be trained on wasm; replace them or use another backend.`);
}
