import { readdir, readFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  share: number;
  ms: number;
}

export interface ProfileSummary {
  /** Sampled time, idle excluded, ms. */
  busyMs: number;
  /** Self time by package or area (@xingfu/api, @mikro-orm/core, graphql, node internals, GC, …). */
  byArea: ProfileEntry[];
  /** Self time by function (name, file:line). */
  byFunction: ProfileEntry[];
}

/** Which package or area a script URL belongs to. */
function areaOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(program)') return 'V8 / native (program)';
    return `native ${functionName || '(anonymous)'}`;
  }
  if (url.startsWith('node:')) return 'node internals';
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pnpm?.[1]) return pnpm[1];
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (modules?.[1]) return modules[1];
  const workspace = /\/packages\/([^/]+)\//.exec(url);
  if (workspace?.[1]) return `@xingfu/${workspace[1]}`;
  return url;
}

function shortUrl(url: string): string {
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/(.*)$/.exec(url);
  if (pnpm?.[1]) return pnpm[1];
  const workspace = /\/(packages\/.*)$/.exec(url);
  return workspace?.[1] ?? url.replace(/^file:\/\//, '');
}

/** Self time per area and per function of CPU profiles (idle excluded). */
export function summarise(profiles: CpuProfile[], top = 15): ProfileSummary {
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < profile.samples.length; i++) {
      const node = nodes.get(profile.samples[i] ?? -1);
      const us = profile.timeDeltas[i] ?? 0;
      if (!node || node.callFrame.functionName === '(idle)') continue;
      busy += us;
      const { functionName, url, lineNumber } = node.callFrame;
      const area = areaOf(url, functionName);
      byArea.set(area, (byArea.get(area) ?? 0) + us);
      const fn = `${functionName || '(anonymous)'} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`.trim();
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    }
  }
  const rank = (map: Map<string, number>): ProfileEntry[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: busy ? us / busy : 0 }));
  return { busyMs: busy / 1000, byArea: rank(byArea), byFunction: rank(byFunction) };
}

/** The .cpuprofile files Node's --cpu-prof wrote into `dir`, summarised. */
export async function summariseProfiles(dir: string, top = 15): Promise<ProfileSummary> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  const profiles = await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as CpuProfile));
  return summarise(profiles, top);
}

/** Profiles `work` in this process with the V8 CPU profiler (through the inspector). */
export async function profileInProcess(work: () => Promise<unknown>, top = 15): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    let stopped: CpuProfile = { nodes: [], samples: [], timeDeltas: [] };
    try {
      await work();
    } finally {
      const { profile } = await session.post('Profiler.stop');
      stopped = { nodes: profile.nodes, samples: profile.samples ?? [], timeDeltas: profile.timeDeltas ?? [] };
    }
    return summarise([stopped], top);
  } finally {
    session.disconnect();
  }
}
