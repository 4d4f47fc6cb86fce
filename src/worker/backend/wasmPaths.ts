import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// `?url` makes Vite copy each binary into dist/assets (same origin, so COEP lets it
// load) and hands us its final hashed URL; tfjs's default would look next to the
// bundled script under the original names, which don't exist after the build.
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

let configured = false;

/** Must run before the first `tf.setBackend('wasm')`; tfjs refuses path changes after. */
export function configureWasmPaths(): void {
  if (configured) return;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainUrl,
    'tfjs-backend-wasm-simd.wasm': simdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
  });
  configured = true;
}
