import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** Builds `dist` (dist/ unless E2E_DIST names another) unless it is there already (a stale build is the caller's choice). */
export function ensureBuild(root: string, dist = 'dist'): void {
  if (existsSync(`${root}/${dist}/index.html`)) return;
  console.log(`${dist}/ is missing: running \`npx vite build --outDir ${dist}\` ...`);
  const build = spawnSync('npx', ['vite', 'build', '--outDir', dist], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status})`);
}

/** A port nothing listens on right now; e2e's fixed 4173 may be in use by a test run. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode}) before serving ${url}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`vite preview did not serve ${url} within ${timeoutMs} ms`);
}

export interface PreviewServer {
  url: string;
  stop(): void;
}

/** `vite preview` on `port` (it sends the COOP/COEP headers wasm threads need). */
export async function startPreview(root: string, port: number, dist = 'dist'): Promise<PreviewServer> {
  // Its own process group, so stopping it also stops the vite process npx starts.
  const child = spawn('npx', ['vite', 'preview', '--outDir', dist, '--port', String(port), '--strictPort'], { cwd: root, stdio: 'ignore', detached: true });
  const stop = () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
  };
  const url = `http://localhost:${port}`;
  try {
    await waitForHttp(url, child, 60_000);
  } catch (error) {
    stop();
    throw error;
  }
  return { url, stop };
}
