import type { AdapterInfo, BackendKind, BackendName } from '../../protocol/messages';

/** Software rasterisers that expose GPU APIs on the CPU; some do not set isFallbackAdapter. */
const SOFTWARE_GPU = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render|\bwarp\b/i;

export function isSoftwareGpu(description: string): boolean {
  return SOFTWARE_GPU.test(description);
}

/** What the backend's facts say about where its kernels run. */
export interface BackendFacts {
  adapter?: AdapterInfo | null;
  /** WebGL's UNMASKED_RENDERER string. */
  renderer?: string | null;
  simd?: boolean;
}

export function backendKind(backend: BackendName, facts: BackendFacts): BackendKind {
  switch (backend) {
    case 'webgpu': {
      const adapter = facts.adapter;
      if (!adapter) return 'gpu'; // tfjs started it, so some adapter exists; we just could not read it
      const name = `${adapter.vendor} ${adapter.architecture} ${adapter.description}`;
      return adapter.isFallbackAdapter || isSoftwareGpu(name) ? 'software-gpu' : 'gpu';
    }
    case 'webgl':
      return facts.renderer && isSoftwareGpu(facts.renderer) ? 'software-gpu' : 'gpu';
    case 'wasm':
      return facts.simd ? 'cpu-simd' : 'cpu';
    case 'cpu':
      return 'cpu';
  }
}
