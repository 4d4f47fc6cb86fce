/**
 * How the e2e suite and the browser bench start Chromium, in one place so both measure the
 * same browser. Debian's Chromium: nothing is downloaded (set PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // No GPU here: WebGPU comes from SwiftShader, which Chromium hides unless told.
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
];
