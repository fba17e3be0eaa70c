import { readdirSync, readFileSync } from "node:fs";

/**
 * Resident memory of a process and everything it started (Linux /proc), sampled on an interval: the
 * server under test may hand work to a child (a cluster worker), so the figure is the tree's sum.
 */
function childrenOf(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // Gone since the listing.
    }
    // `pid (comm) state ppid ...`: comm may hold spaces and parentheses, so read after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  return children;
}

export function processTree(pid: number): number[] {
  const children = childrenOf();
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** VmRSS in bytes, 0 for a process that has exited. */
function rssOf(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

export const treeRss = (pid: number) => processTree(pid).reduce((sum, p) => sum + rssOf(p), 0);

export interface RssSampler {
  /** The sum's highest sample since `start` (or the last `resetPeak`). */
  peak: () => number;
  resetPeak: () => void;
  stop: () => { samples: number; processes: number };
}

/** Samples the tree's RSS every `everyMs`; the tree itself is listed again every second. */
export function sampleRss(pid: number, everyMs = 50): RssSampler {
  let tree = processTree(pid);
  let peak = 0;
  let samples = 0;
  let processes = tree.length;
  const timer = setInterval(() => {
    if (samples % Math.max(1, Math.round(1000 / everyMs)) === 0) tree = processTree(pid);
    processes = Math.max(processes, tree.length);
    peak = Math.max(
      peak,
      tree.reduce((sum, p) => sum + rssOf(p), 0),
    );
    samples++;
  }, everyMs);
  return {
    peak: () => peak,
    resetPeak: () => {
      peak = 0;
    },
    stop: () => {
      clearInterval(timer);
      return { samples, processes };
    },
  };
}
