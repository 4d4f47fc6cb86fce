import type { CDPSession, Page } from '@playwright/test';

/**
 * The page main thread's JS CPU profile (CDP Profiler) as two short lists: where the
 * samples were (self time) and which functions were on the stack (inclusive time). With an
 * unminified build (`vite build --minify false`) the names are the source's, e.g. a chart
 * component. For finding what long tasks spend their time on; never for asserting.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export async function startCpuProfile(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return cdp;
}

export async function stopCpuProfile(cdp: CDPSession, top = 25): Promise<string[]> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(id)!;
    self.set(name(leaf), (self.get(name(leaf)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(name(byId.get(at)!));
    for (const s of seen) total.set(s, (total.get(s) ?? 0) + ms);
  });
  const list = (m: Map<string, number>, what: string) =>
    [...m].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(root)') && !k.startsWith('(program)')).sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${what} ${Math.round(v)} ms ${k}`);
  // Function names that start with a capital: React components (and classes), from the page's bundle.
  const components = new Map([...total].filter(([k]) => /^[A-Z]\w* \S*index-/.test(k)));
  return [...list(self, 'self'), ...list(total, 'total'), ...list(components, 'component')];
}
