/**
 * `node --import tsx test/bench/profile-summary.ts <file.cpuprofile> [top] [focus] [--skip <ms>]`: where a
 * server's CPU went, as self time per function and per module (our files, or the package under
 * node_modules), largest first; with a function name as `focus`, also the self time of everything it calls.
 * `--skip` leaves out the profile's first milliseconds (start-up and joins), so a run with a long measured
 * phase (`npm run bench -- --duration 60000 --profile`) shows the phase alone.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

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

export function moduleOf(url: string): string {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return url;
  const root = url.indexOf('/work/');
  return root >= 0 ? url.slice(url.indexOf('/', root + 6) + 1) : url;
}

/** `focus`: also break down self time of everything called (directly or not) from functions of that name. */
export function summarize(profile: CpuProfile, focus?: string, skipMs = 0) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let at = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= skipMs * 1000) selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    total += us;
    if (frame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    const fn = `${frame.functionName || '(anonymous)'} ${moduleOf(frame.url)}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const mod = moduleOf(frame.url);
    byModule.set(mod, (byModule.get(mod) ?? 0) + us);
  }
  // Inclusive time of our own functions: what each part of the server costs with everything it calls.
  const inclusive = new Map<string, number>();
  const focused = new Map<string, number>();
  const visit = (id: number, onStack: Set<string>, inFocus: boolean): number => {
    const node = byId.get(id)!;
    let us = selfUs.get(id) ?? 0;
    const frame = node.callFrame;
    const under = inFocus || (focus !== undefined && frame.functionName === focus);
    if (under && us > 0) {
      const fn = `${frame.functionName || '(anonymous)'} ${moduleOf(frame.url)}:${frame.lineNumber + 1}`;
      focused.set(fn, (focused.get(fn) ?? 0) + us);
    }
    const ours = frame.url.includes('/server/') && !frame.url.includes('node_modules');
    const key = `${frame.functionName || '(anonymous)'} ${moduleOf(frame.url)}:${frame.lineNumber + 1}`;
    const counted = ours && !onStack.has(key);
    if (counted) onStack.add(key);
    for (const child of node.children ?? []) us += visit(child, onStack, under);
    if (counted) {
      onStack.delete(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
    return us;
  };
  visit(profile.nodes[0]!.id, new Set(), false);
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: total / 1000,
    busyMs: (total - idle) / 1000,
    byFunction: top(byFunction),
    byModule: top(byModule),
    oursInclusive: top(inclusive),
    focused: top(focused),
  };
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  const { values, positionals } = parseArgs({
    options: { skip: { type: 'string', default: '0' } },
    allowPositionals: true,
  });
  const [file, top, focus] = positionals;
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top] [focus] [--skip <ms>]');
  const n = Number(top ?? 25);
  const s = summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, focus, Number(values.skip));
  const pct = (us: number) => `${((us / 1000 / s.busyMs) * 100).toFixed(1).padStart(5)}%`;
  console.log(`busy ${s.busyMs.toFixed(0)} ms of ${s.totalMs.toFixed(0)} ms profiled\n\nby module:`);
  for (const [name, us] of s.byModule.slice(0, 15)) console.log(`${pct(us)}  ${name}`);
  console.log('\nby function (self time):');
  for (const [name, us] of s.byFunction.slice(0, n)) console.log(`${pct(us)}  ${name}`);
  console.log('\nour functions (inclusive):');
  for (const [name, us] of s.oursInclusive.slice(0, n)) console.log(`${pct(us)}  ${name}`);
  if (focus) {
    const total = s.focused.reduce((sum, [, us]) => sum + us, 0);
    console.log(`\ninside ${focus} (${(total / 1000).toFixed(0)} ms, self time):`);
    for (const [name, us] of s.focused.slice(0, n)) {
      console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
    }
  }
}
