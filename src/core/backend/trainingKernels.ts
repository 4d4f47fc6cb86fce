import { installConv2dGradient } from './conv2dGradient';
import { installWasmIdentityShare } from './wasmIdentityShare';
import { installWasmIm2Rows } from './wasmIm2Rows';
import { installWasmMatMulTranspose } from './wasmMatMulTranspose';
import { installWasmMaxPoolGrad } from './wasmMaxPoolGrad';
import { installWasmMeanRbf } from './wasmMeanRbf';
import { installWasmSumBlock } from './wasmSumBlock';

/**
 * Everything the studio changes in tfjs's kernel registry before it trains, in one call that
 * the worker, the CLI and the benches share, so that every side trains with the same kernels.
 * Idempotent. The wasm replacements take effect where the wasm backend is imported:
 * - the Conv2D gradient (every backend; wasm has no Conv2DBackpropFilter), conv2dGradient.ts;
 * - transposed matmuls on XNNPACK (every dense layer's backward pass), wasmMatMulTranspose.ts;
 * - MaxPoolGrad in JS, wasmMaxPoolGrad.ts;
 * - sums over non-innermost axes without a transpose (every bias gradient), wasmSumBlock.ts;
 * - Identity by reference instead of a copy (every tensor saved for the backward pass), wasmIdentityShare.ts;
 * - CFL's RBF kernel means as two kernels, wasmMeanRbf.ts;
 * - the window rows behind one-channel convs' filter gradients, wasmIm2Rows.ts.
 */
export function installTrainingKernels(): void {
  installWasmMatMulTranspose();
  installWasmMaxPoolGrad();
  installWasmSumBlock();
  installWasmIdentityShare();
  installWasmMeanRbf();
  installWasmIm2Rows();
  installConv2dGradient();
}
