import { create, globals } from 'webgpu';

/** What the adapter says about itself, and the limits that bound tfjs's kernels. */
export interface AdapterReport {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
  features: string[];
  limits: Record<string, number>;
  /** The options given to dawn.node's create(), e.g. backend=vulkan. */
  dawnOptions: string[];
}

/** The limits tfjs-backend-webgpu asks for (its registerBackend), plus the binding counts. */
const LIMITS = [
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxStorageBuffersPerShaderStage',
] as const;

/**
 * Puts Dawn's WebGPU where tfjs-backend-webgpu looks for it: navigator.gpu and the GPU*
 * constants (GPUBufferUsage, ...) as globals. Must run before that package is imported, since
 * it registers the 'webgpu' backend only if navigator.gpu exists at import time.
 */
export function installNodeWebgpu(dawnOptions: string[]): GPU {
  Object.assign(globalThis, globals);
  const gpu = create(dawnOptions);
  const nav = (globalThis as { navigator?: object }).navigator;
  // Node 21+ has a navigator of its own (without gpu); Node 20 has none.
  if (nav) Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
  return gpu;
}

/** The adapter tfjs will get (it asks for high-performance), or null when Dawn finds none. */
export async function describeAdapter(gpu: GPU, dawnOptions: string[]): Promise<AdapterReport | null> {
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return null;
  const info = adapter.info;
  const limits: Record<string, number> = {};
  for (const name of LIMITS) limits[name] = adapter.limits[name];
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    // Newer specs move the flag into info; dawn.node still has it on the adapter.
    isFallbackAdapter: Boolean((info as { isFallbackAdapter?: boolean }).isFallbackAdapter ?? adapter.isFallbackAdapter),
    features: [...adapter.features].map(String).sort(),
    limits,
    dawnOptions,
  };
}
