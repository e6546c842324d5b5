/**
 * The rooms of one sync service: at most one per document. Concurrent first connections share one load; a
 * room is registered only once its load succeeded, so a failed load never serves (or later stores) an empty
 * document. A room nobody holds is flushed and unloaded after `unloadDelayMs`; a connection that arrives
 * while it unloads waits and loads it afresh.
 */
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { Room, type RoomOptions } from './room';

export interface RoomRegistryOptions extends Omit<RoomOptions, 'docName' | 'onUnused' | 'onBroken'> {
  unloadDelayMs: number;
  metrics: Metrics;
  logger: Logger;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly unloadTimers = new Map<Room, NodeJS.Timeout>();

  constructor(private readonly options: RoomRegistryOptions) {}

  get size(): number {
    return this.rooms.size;
  }

  all(): IterableIterator<Room> {
    return this.rooms.values();
  }

  /** The document's room, retained for the caller (who must `release` it). Rejects if the load fails. */
  async acquire(docName: string): Promise<Room> {
    for (;;) {
      const room = this.rooms.get(docName);
      if (room?.state === 'open') {
        room.retain();
        this.cancelUnload(room);
        return room;
      }
      const unloading = this.unloading.get(docName);
      if (unloading) {
        await unloading;
        continue;
      }
      let loading = this.loading.get(docName);
      if (!loading) {
        loading = this.load(docName);
        this.loading.set(docName, loading);
      }
      await loading;
    }
  }

  /** Shutdown: wait for loads in progress, flush every room and let go of it. */
  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.loading.values(), ...this.unloading.values()]);
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    const rooms = [...this.rooms.values()];
    this.rooms.clear();
    await Promise.all(
      rooms.map(async (room) => {
        await room.released();
        await room.destroy();
        this.options.metrics.documents.dec();
      }),
    );
  }

  private async load(docName: string): Promise<Room> {
    try {
      const room = await Room.load({
        ...this.options,
        docName,
        onUnused: (unused) => this.scheduleUnload(unused),
        onBroken: (broken) => this.drop(broken),
      });
      this.rooms.set(docName, room);
      this.options.metrics.documents.inc();
      return room;
    } finally {
      this.loading.delete(docName);
    }
  }

  private scheduleUnload(room: Room): void {
    this.cancelUnload(room);
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room);
      if (room.retained === 0 && room.state === 'open') this.unload(room);
    }, this.options.unloadDelayMs);
    timer.unref();
    this.unloadTimers.set(room, timer);
  }

  private cancelUnload(room: Room): void {
    const timer = this.unloadTimers.get(room);
    if (timer) clearTimeout(timer);
    this.unloadTimers.delete(room);
  }

  private unload(room: Room): void {
    const done = room
      .unload()
      .catch((error: unknown) => {
        this.options.logger.warn({ err: error, doc: room.docName }, 'Unloading a document failed');
      })
      .finally(() => {
        this.rooms.delete(room.docName);
        this.unloading.delete(room.docName);
        this.options.metrics.documents.dec();
        this.options.metrics.unloads.inc();
      });
    this.unloading.set(room.docName, done);
  }

  private drop(room: Room): void {
    if (this.rooms.get(room.docName) !== room) return;
    this.rooms.delete(room.docName);
    this.cancelUnload(room);
    this.options.metrics.documents.dec();
    void room.destroy();
  }
}
