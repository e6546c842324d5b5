/**
 * A server's CPU time and resident memory read from /proc, from outside its process, so that measuring
 * costs the server nothing and every server is measured the same way whatever it is written in.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface ProcSample {
  /** User plus system CPU seconds since the process started. */
  cpuSeconds: number;
  /** The kernel's share (socket writes on loopback run the receiving side's TCP path here too). */
  systemSeconds: number;
  rssBytes: number;
  /** performance.now() when read, so phases can be timed against the same clock. */
  at: number;
}

export function readProc(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses; fields after the last ')' are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name and state.
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  if (!rss) throw new Error(`/proc/${pid}/status has no VmRSS line: is the process a zombie?`);
  return {
    cpuSeconds: ticks / CLOCK_TICKS,
    systemSeconds: Number(fields[12]) / CLOCK_TICKS,
    rssBytes: Number(rss[1]) * 1024,
    at: performance.now(),
  };
}

/** The soft and hard limits on open files of a process, from /proc/<pid>/limits. */
export function fileLimit(pid: number): { soft: number; hard: number } {
  const limits = readFileSync(`/proc/${pid}/limits`, 'utf8');
  const m = /^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/m.exec(limits);
  if (!m) throw new Error(`/proc/${pid}/limits has no "Max open files" line`);
  const n = (v: string) => (v === 'unlimited' ? Number.POSITIVE_INFINITY : Number(v));
  return { soft: n(m[1]!), hard: n(m[2]!) };
}

/**
 * Makes sure `pid` may hold `needed` open files. A soft limit below it is raised to min(needed, hard) with
 * util-linux `prlimit --pid` (no privilege needed up to the hard limit); past the hard limit it throws with what
 * to do, since only root can raise that (`ulimit -Hn` in the shell that starts the benchmark).
 */
export function ensureFileLimit(pid: number, needed: number, what: string): void {
  const { soft, hard } = fileLimit(pid);
  if (soft >= needed) return;
  if (hard < needed) {
    throw new Error(
      `${what} may open ${hard} files at most (hard limit) but needs ${needed}: ` +
        `run the benchmark from a shell with \`ulimit -n ${needed}\` (as root, or raise the hard limit first)`,
    );
  }
  execFileSync('prlimit', [
    `--pid=${pid}`,
    `--nofile=${needed}:${Number.isFinite(hard) ? hard : 'unlimited'}`,
  ]);
  const after = fileLimit(pid).soft;
  if (after < needed) throw new Error(`prlimit left ${what}'s open-file limit at ${after} (need ${needed})`);
}
