/**
 * The main thread's handle on client worker threads: typed calls into client-worker.ts.
 */
import { Worker } from 'node:worker_threads';
import type { WorkerOps } from './client-worker';

type Args<K extends keyof WorkerOps> = Parameters<WorkerOps[K]>[0];
type Result<K extends keyof WorkerOps> = Awaited<ReturnType<WorkerOps[K]>>;

export class ClientWorker {
  private readonly worker: Worker;
  private nextId = 1;
  private failure: Error | null = null;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(readonly name: string) {
    // A worker does not inherit the parent's `--import tsx` loader, so it registers tsx before loading.
    const entry = JSON.stringify(new URL('./client-worker.ts', import.meta.url).href);
    this.worker = new Worker(
      `import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); });`,
      { eval: true },
    );
    this.worker.on('message', (msg: { id: number; result?: unknown; error?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error !== undefined) p.reject(new Error(`${this.name}: ${msg.error}`));
      else p.resolve(msg.result);
    });
    this.worker.on('error', (error) => {
      this.failure = new Error(`${this.name} worker failed: ${error.message}`);
      for (const p of this.pending.values()) p.reject(this.failure);
      this.pending.clear();
    });
  }

  call<K extends keyof WorkerOps>(
    op: K,
    ...args: Args<K> extends undefined ? [] : [Args<K>]
  ): Promise<Result<K>> {
    const id = this.nextId++;
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, op, args: args[0] });
    });
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Light receivers spread over a few workers, plus one worker for full clients and writers. */
export class ClientPool {
  readonly light: ClientWorker[];
  readonly full: ClientWorker;

  constructor(lightWorkers: number) {
    this.light = Array.from({ length: lightWorkers }, (_, i) => new ClientWorker(`light-${i}`));
    this.full = new ClientWorker('full');
  }

  /** Splits `items` into one slice per light worker, keeping each item's index. */
  split<T>(items: T[]): Array<{ worker: ClientWorker; items: T[]; offset: number }> {
    const per = Math.ceil(items.length / this.light.length);
    return this.light
      .map((worker, i) => ({ worker, items: items.slice(i * per, (i + 1) * per), offset: i * per }))
      .filter((s) => s.items.length > 0);
  }

  /** Clears every counter; markers with a sequence number below `minSeq` are ignored from now on. */
  async resetAll(minSeq = 0): Promise<void> {
    await Promise.all([...this.light, this.full].map((w) => w.call('reset', { minSeq })));
  }

  async collectAll(): Promise<{ latencies: Float64Array; deliveries: number; doubled: number }> {
    const parts = await Promise.all(this.light.map((w) => w.call('collect')));
    const total = parts.reduce((n, p) => n + p.latencies.length, 0);
    const latencies = new Float64Array(total);
    let at = 0;
    for (const p of parts) {
      latencies.set(p.latencies, at);
      at += p.latencies.length;
    }
    return {
      latencies,
      deliveries: parts.reduce((n, p) => n + p.deliveries, 0),
      doubled: parts.reduce((n, p) => n + p.doubled, 0),
    };
  }

  async counts(): Promise<{ deliveries: number; doubled: number }> {
    const parts = await Promise.all(this.light.map((w) => w.call('counts')));
    return {
      deliveries: parts.reduce((n, p) => n + p.deliveries, 0),
      doubled: parts.reduce((n, p) => n + p.doubled, 0),
    };
  }

  /** Polls until `expected` deliveries arrived or `timeoutMs` passed; returns the count reached. */
  async settle(expected: number, timeoutMs: number): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const { deliveries } = await this.counts();
      if (deliveries >= expected || performance.now() > deadline) return deliveries;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async closeGroup(group: string): Promise<void> {
    await Promise.all(this.light.map((w) => w.call('closeGroup', { group })));
  }

  async terminate(): Promise<void> {
    await Promise.all([...this.light, this.full].map((w) => w.terminate()));
  }
}
