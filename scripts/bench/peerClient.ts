import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER = path.join(ROOT, 'bench', 'peer', 'server.py');

/** Debian's python3 (where python3-torch installs), not whatever python3 is first on PATH. */
export const PEER_PYTHON = process.env.CKA_PEER_PYTHON ?? '/usr/bin/python3';

/** Why the PyTorch peer cannot run here, or null when it can. */
export function peerUnavailable(): string | null {
  if (!existsSync(PEER_PYTHON)) return `${PEER_PYTHON} not found`;
  const probe = spawnSync(PEER_PYTHON, ['-c', 'import torch, numpy; print(torch.__version__)'], { encoding: 'utf8' });
  if (probe.status !== 0) return `${PEER_PYTHON} cannot import torch (install Debian's python3-torch: scripts/install.sh does)`;
  return null;
}

/** The peer process (bench/peer/server.py): one JSON command per line, one JSON answer per line. */
export class PeerClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: Interface;
  private readonly pending: ((line: string) => void)[] = [];
  private stderr = '';

  constructor(env: NodeJS.ProcessEnv = {}) {
    // No __pycache__ written into bench/peer/ (the repository).
    this.child = spawn(PEER_PYTHON, [SERVER], { env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...env } });
    this.child.stderr.on('data', (d: Buffer) => { this.stderr += d.toString(); });
    this.lines = createInterface({ input: this.child.stdout });
    this.lines.on('line', (line) => this.pending.shift()?.(line));
  }

  /** Sends one command; resolves with the answer, rejects with the peer's error. */
  request<T>(command: Record<string, unknown>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onExit = () => reject(new Error(`the PyTorch peer exited: ${this.stderr.slice(-2000)}`));
      this.child.once('exit', onExit);
      this.pending.push((line) => {
        this.child.off('exit', onExit);
        const answer = JSON.parse(line) as T & { error?: string };
        if (answer.error) reject(new Error(`PyTorch peer: ${answer.error}`));
        else resolve(answer);
      });
      this.child.stdin.write(`${JSON.stringify(command)}\n`);
    });
  }

  close(): void {
    this.lines.close();
    this.child.stdin.end();
  }
}
