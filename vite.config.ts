import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Cross-origin isolation lets tfjs-wasm use threads (SharedArrayBuffer).
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: isolation },
  preview: { headers: isolation },
  // Only the worker imports tfjs, so the dev server would discover it late and reload
  // the page mid-start; pre-bundle it up front instead.
  optimizeDeps: {
    include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu'],
  },
  worker: {
    format: 'es',
    // tfjs-backend-wasm boots each pthread from a Blob holding its Emscripten factory's
    // source (Function#toString), cut off from the closure it was written in. The
    // minifier rewrites the factory's `typeof _scriptDir !== "undefined"` guard into
    // `e !== void 0` on the renamed closure variable, which throws in the Blob
    // ("e is not defined"). Only the worker loads tfjs, so the page stays minified.
    rolldownOptions: { output: { minify: false } },
  },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
