import type { AdapterInfo } from '../../protocol/messages';

// The few WebGPU shapes we read, declared here: TypeScript's DOM lib has no WebGPU, and
// the @webgpu/types that tfjs-backend-webgpu drags in predate `adapter.info`.
interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

interface GpuAdapterLike {
  info?: GpuAdapterInfoLike;
  /** Older Chromium put the flag on the adapter; newer ones moved it into `info`. */
  isFallbackAdapter?: boolean;
}

interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'low-power' | 'high-performance' }): Promise<GpuAdapterLike | null>;
}

/**
 * Asks for the adapter tfjs-backend-webgpu will get (it requests 'high-performance'),
 * so we can tell a real GPU from a software fallback before committing to it.
 * Null when this context has no WebGPU or no adapter.
 */
export async function queryWebGpuAdapter(): Promise<AdapterInfo | null> {
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
  if (!gpu) return null;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  if (!adapter) return null;
  const info = adapter.info ?? {};
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter),
  };
}

export function describeAdapter(info: AdapterInfo): string {
  const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ');
  return name || 'unnamed adapter';
}
