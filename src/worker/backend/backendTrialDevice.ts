import * as tf from '@tensorflow/tfjs';
import type { AdapterInfo, BackendKind, BackendName } from '../../protocol/messages';
import { backendKind } from './backendTrialKind';
import { wasmFeatures } from './tfBackends';
import { describeAdapter } from './webgpuAdapter';

export interface ActiveDevice {
  kind: BackendKind;
  device: string;
}

/** The renderer behind tfjs's WebGL context (e.g. SwiftShader), or null if it will not say. */
function webglRenderer(): string | null {
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  if (!gl) return null;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer: unknown = gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  return typeof renderer === 'string' ? renderer : null;
}

/** Where the active backend runs its kernels; call right after switching to `backend`. */
export async function describeActiveBackend(backend: BackendName, adapter: AdapterInfo | null): Promise<ActiveDevice> {
  switch (backend) {
    case 'webgpu': {
      const device = adapter ? `${describeAdapter(adapter)}${adapter.isFallbackAdapter ? ' (fallback)' : ''}` : 'adapter unknown';
      return { kind: backendKind(backend, { adapter }), device };
    }
    case 'webgl': {
      const renderer = webglRenderer();
      return { kind: backendKind(backend, { renderer }), device: renderer ?? 'renderer unknown' };
    }
    case 'wasm': {
      const f = await wasmFeatures();
      const threads = f.threads ? `${f.threadsCount} thread${f.threadsCount === 1 ? '' : 's'}` : 'single-threaded';
      return { kind: backendKind(backend, { simd: f.simd }), device: `wasm${f.simd ? ' SIMD' : ''}, ${threads}` };
    }
    case 'cpu':
      return { kind: 'cpu', device: 'JavaScript kernels' };
  }
}
