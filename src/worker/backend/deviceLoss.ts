import * as tf from '@tensorflow/tfjs';

// The few GPUDevice members we use (TypeScript's DOM lib has no WebGPU).
interface GpuDeviceLostInfoLike {
  reason: string;
  message: string;
}

interface GpuDeviceLike {
  lost: Promise<GpuDeviceLostInfoLike>;
  destroy(): void;
}

export interface DeviceLoss {
  reason: string;
  message: string;
}

/** The tfjs WebGPU backend's GPUDevice, while tfjs is on webgpu; null otherwise. */
export function currentWebGpuDevice(): GpuDeviceLike | null {
  if (tf.getBackend() !== 'webgpu') return null;
  return (tf.backend() as unknown as { device?: GpuDeviceLike }).device ?? null;
}

const watched = new WeakSet<GpuDeviceLike>();

/**
 * Calls `onLost` when the current WebGPU device is lost (driver reset, GPU process crash,
 * device.destroy()). tfjs never looks at GPUDevice.lost: without this a lost device shows
 * only as steps that fail or never settle. Each device is watched once.
 */
export function watchWebGpuDevice(onLost: (loss: DeviceLoss) => void): void {
  const device = currentWebGpuDevice();
  if (!device || watched.has(device)) return;
  watched.add(device);
  void device.lost.then((info) => onLost({ reason: info.reason, message: info.message || 'no message from the browser' }));
}

/**
 * Drops tfjs's webgpu backend and registers its factory again, so the next init on webgpu
 * asks the browser for a new device instead of reusing the lost one.
 */
export function forgetWebGpuBackend(): void {
  const factory = tf.findBackendFactory('webgpu');
  if (!factory) return;
  try {
    tf.removeBackend('webgpu'); // disposes the backend; its buffers are gone with the device anyway
  } catch {
    // a backend on a lost device may throw while disposing; it is unreachable either way
  }
  if (!tf.findBackendFactory('webgpu')) tf.registerBackend('webgpu', factory, 3);
}
