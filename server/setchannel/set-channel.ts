/**
 * The set channel: production-wide events over socket.io, one room per production. Who is on set and where
 * (roster), the set status called by the AD, and notifications. Board content never travels here; that is the
 * sync service's job, with its per-board permissions.
 */
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import type { Registry } from 'prom-client';
import { canRead, type Board, type Role } from '../../shared/boards';
import { CALLSHEET_PUBLISHERS, type CallSheetStatusEvent } from '../../shared/callsheet-api';
import {
  SET_STATUS_ROLES,
  type Actor,
  type ClientToServerEvents,
  type Notification,
  type NotificationInput,
  type ServerToClientEvents,
  type SocketData,
} from '../../shared/set-channel';
import type { ControlBus, ControlEvent } from '../control/control-bus';
import type { Directory } from '../directory/directory';
import type { Logger } from '../logger';
import { authenticateHandshake, handshakeToken, HandshakeRefused } from './handshake';
import { createEventRunner } from './client-events';
import { createSetChannelMetrics } from './metrics';
import { Coalescer } from './coalescer';
import { buildRoster } from './roster';
import { SessionWatch } from './session-watch';
import { InMemorySetStateStore, type SetStateStore } from './set-state';
import {
  describeIssues,
  notificationInputSchema,
  presenceBoardSchema,
  readUpToSchema,
  setStatusValueSchema,
} from './validation';

export interface SetChannelOptions {
  directory: Directory;
  controlBus: ControlBus;
  logger: Logger;
  /** Time a handshake may take to authenticate (also socket.io's connect timeout). */
  authTimeoutMs: number;
  /** socket.io adapter (e.g. `@socket.io/redis-adapter`) so rooms span instances. @default in-memory */
  adapter?: ServerOptions['adapter'];
  /** Set status and notification history. @default InMemorySetStateStore (one process only) */
  state?: SetStateStore;
  registry?: Registry;
  /**
   * Client events (board changes, status, notifications) one socket may send per second; beyond it they are
   * refused. A person taps a few times a second at most; a loop must not flood the whole set. @default 20
   */
  maxEventsPerSecond?: number;
  /** Largest message a client may send; every event here is a line of text. @default 64 KiB */
  maxPayloadBytes?: number;
  /**
   * How often each connected device's token is checked again, ending sessions whose token expired (or whose
   * revocation event was lost). One directory lookup per device per interval. @default 60_000
   */
  sessionCheckIntervalMs?: number;
  /**
   * Roster changes within this window go out as one roster: a whole crew arriving at call time would otherwise
   * send every device one roster per arrival. @default 50
   */
  rosterDelayMs?: number;
}

export const SET_CHANNEL_DEFAULTS = {
  maxEventsPerSecond: 20,
  maxPayloadBytes: 64 * 1024,
  sessionCheckIntervalMs: 60_000,
  rosterDelayMs: 50,
} as const;

/** Per socket, set at handshake. `board` and `boardChangedAt` follow 'presence:board'. */
interface SetSocketData extends SocketData {
  name: string;
  role: Role;
  board: Board | null;
  boardChangedAt: number;
}

type SetServer = Server<ClientToServerEvents, ServerToClientEvents, Record<never, never>, SetSocketData>;
type SetSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<never, never>, SetSocketData>;

export interface SetChannel {
  io: Server<ClientToServerEvents, ServerToClientEvents, Record<never, never>, SocketData>;
  /**
   * A server-made notification for one member (a mood-board card's author hearing of a comment or review):
   * stamped, kept in the history (shown to that member only) and sent to each of their devices, on any
   * instance. `by` is who caused it.
   */
  notifyMember(productionId: string, memberId: string, input: NotificationInput, by: Actor): Promise<void>;
  /**
   * Sends a call sheet recipient's new status to the production's AD and producer members on every
   * instance (their role rooms, through the adapter); nobody else receives it (S13).
   */
  callSheetStatus(productionId: string, event: CallSheetStatusEvent): void;
  /** Closes this instance's sockets (clients reconnect elsewhere) without closing the HTTP server. */
  close(): Promise<void>;
}

/** Kinds only the server sends (to one member); a device cannot make them up. */
const SERVER_KINDS: ReadonlySet<string> = new Set(['comment', 'review']);

const productionRoom = (productionId: string) => `production:${productionId}`;
const roleRoom = (productionId: string, role: Role) => `production:${productionId}:role:${role}`;
/** Every device of one member, on every instance: notifications meant for them and their read marker. */
const memberRoom = (productionId: string, memberId: string) =>
  `production:${productionId}:member:${memberId}`;

export function attachSetChannel(httpServer: http.Server, options: SetChannelOptions): SetChannel {
  const { directory, controlBus, logger } = options;
  const state = options.state ?? new InMemorySetStateStore();
  const metrics = createSetChannelMetrics(options.registry);
  const events = createEventRunner({
    maxEventsPerSecond: options.maxEventsPerSecond ?? SET_CHANNEL_DEFAULTS.maxEventsPerSecond,
    metrics,
    logger,
  });
  const io: SetServer = new Server(httpServer, {
    serveClient: false,
    connectTimeout: options.authTimeoutMs,
    maxHttpBufferSize: options.maxPayloadBytes ?? SET_CHANNEL_DEFAULTS.maxPayloadBytes,
    ...(options.adapter ? { adapter: options.adapter } : {}),
  });
  let closing = false;
  let closed: Promise<void> | undefined;
  const sessions = new SessionWatch({
    directory,
    intervalMs: options.sessionCheckIntervalMs ?? SET_CHANNEL_DEFAULTS.sessionCheckIntervalMs,
    logger,
    onInvalid: (socketId) =>
      endSession(io.of('/').sockets.get(socketId), {
        code: 'expired',
        message: 'Your access to this production has expired or was removed.',
      }),
  });
  sessions.start();

  io.use((socket, next) => {
    authenticateHandshake(directory, handshakeToken(socket.handshake), options.authTimeoutMs).then(
      (principal) => {
        socket.data = {
          memberId: principal.memberId,
          productionId: principal.productionId,
          name: principal.name,
          role: principal.role,
          board: null,
          boardChangedAt: 0,
        };
        next();
      },
      (err: unknown) => {
        const refusal = err instanceof HandshakeRefused ? err : new HandshakeRefused('error', 'Refused.');
        metrics.refused(refusal.reason);
        if (refusal.reason === 'error') logger.error({ err }, 'set channel: token check failed');
        next(new Error(refusal.message));
      },
    );
  });

  io.on('connection', (socket) => {
    const { productionId, role, memberId } = socket.data;
    metrics.connected(1);
    void socket.join([
      productionRoom(productionId),
      roleRoom(productionId, role),
      memberRoom(productionId, memberId),
    ]);
    const allowEvent = events.budget();
    // Tracked here, not in the middleware: a client that leaves mid-handshake never connects nor disconnects.
    const token = handshakeToken(socket.handshake);
    if (token) sessions.track(socket.id, token);

    socket.on('presence:board', (board) => {
      const parsed = presenceBoardSchema.safeParse(board);
      if (!allowEvent() || !parsed.success) return metrics.event('presence:board', 'rejected');
      metrics.event('presence:board', 'ok');
      socket.data.board = parsed.data;
      socket.data.boardChangedAt = Date.now();
      scheduleRoster(productionId);
    });

    socket.on('set-status:update', (value, ack) =>
      events.run('set-status:update', ack, allowEvent, socket.data, async () => {
        if (!(SET_STATUS_ROLES as readonly Role[]).includes(role)) {
          return `Only ${SET_STATUS_ROLES.join(' and ')} can call the set status.`;
        }
        const parsed = setStatusValueSchema.safeParse(value);
        if (!parsed.success) return `Invalid set status: ${describeIssues(parsed.error)}`;
        const status = { value: parsed.data, at: new Date().toISOString(), by: actor(socket) };
        await state.setStatus(productionId, status);
        io.to(productionRoom(productionId)).emit('set-status', status);
        return null;
      }),
    );

    socket.on('notification:send', (input, ack) =>
      events.run('notification:send', ack, allowEvent, socket.data, async () => {
        const parsed = notificationInputSchema.safeParse(input);
        if (!parsed.success) return `Invalid notification: ${describeIssues(parsed.error)}`;
        if (SERVER_KINDS.has(parsed.data.kind)) {
          return `Invalid notification: kind: ${parsed.data.kind} notifications come from the server only.`;
        }
        const audience = await audienceRooms(productionId, parsed.data.board);
        if (parsed.data.board && !audience.includes(roleRoom(productionId, role))) {
          return `Your role cannot read the ${parsed.data.board} board, so it cannot notify about it.`;
        }
        const notification: Notification = {
          ...parsed.data,
          id: randomUUID(),
          at: new Date().toISOString(),
          by: actor(socket),
        };
        await state.addNotification(productionId, notification);
        if (audience.length > 0) io.to(audience).emit('notification', notification);
        return null;
      }),
    );

    socket.on('notifications:read', (at, ack) =>
      events.run('notifications:read', ack, allowEvent, socket.data, async () => {
        const parsed = readUpToSchema.safeParse(at);
        if (!parsed.success) return `Invalid read time: ${describeIssues(parsed.error)}`;
        const current = await state.readUpTo(productionId, memberId);
        // Never backwards: a device that was offline may report an older time than another device did.
        if (current !== null && current >= parsed.data) return null;
        await state.markRead(productionId, memberId, parsed.data);
        io.to(memberRoom(productionId, memberId)).emit('notifications-read', parsed.data);
        return null;
      }),
    );

    socket.on('disconnect', () => {
      metrics.connected(-1);
      sessions.untrack(socket.id);
      scheduleRoster(productionId);
    });

    void sendInitialState(socket);
    scheduleRoster(productionId);
  });

  async function sendInitialState(socket: SetSocket): Promise<void> {
    const { productionId, role, memberId } = socket.data;
    try {
      const [status, history, permissions, readUpTo] = await Promise.all([
        state.getStatus(productionId),
        state.recentNotifications(productionId),
        directory.getPermissions(productionId),
        state.readUpTo(productionId, memberId),
      ]);
      socket.emit('set-status', status);
      socket.emit(
        'notification-history',
        history.filter(
          (n) =>
            (n.to === undefined || n.to === memberId) && (!n.board || canRead(permissions[role][n.board])),
        ),
      );
      socket.emit('notifications-read', readUpTo);
    } catch (err) {
      logger.error(
        { err, productionId },
        'set channel: could not send status and history to a joining device',
      );
    }
  }

  /** The rooms that may see a notification: everyone, or the roles that can read its board right now. */
  async function audienceRooms(productionId: string, board: Board | undefined): Promise<string[]> {
    if (!board) return [productionRoom(productionId)];
    const permissions = await directory.getPermissions(productionId);
    return Object.entries(permissions)
      .filter(([, boards]) => canRead(boards[board]))
      .map(([r]) => roleRoom(productionId, r as Role));
  }

  /** Rosters are rebuilt from the room's sockets (all instances, through the adapter), so they cannot drift. */
  const rosters = new Coalescer(
    options.rosterDelayMs ?? SET_CHANNEL_DEFAULTS.rosterDelayMs,
    async (productionId) => {
      try {
        const sockets = await io.in(productionRoom(productionId)).fetchSockets();
        io.to(productionRoom(productionId)).emit('roster', buildRoster(sockets.map((s) => s.data)));
      } catch (err) {
        logger.warn({ err, productionId }, 'set channel: roster not sent; the next change will resend it');
      }
    },
  );
  const scheduleRoster = (productionId: string) => {
    if (!closing) rosters.schedule(productionId);
  };

  function onControlEvent(event: ControlEvent): void {
    if (event.type !== 'member-revoked') return;
    // Only this instance's sockets: every instance receives the same control event and ends its own.
    for (const socket of io.of('/').sockets.values()) {
      if (socket.data.productionId !== event.productionId || socket.data.memberId !== event.memberId)
        continue;
      endSession(socket, { code: 'revoked', message: 'The owner removed you from this production.' });
    }
    logger.info(
      { productionId: event.productionId, memberId: event.memberId },
      'set channel: revoked sessions ended',
    );
  }
  const unsubscribe = controlBus.subscribe(onControlEvent);

  /** Tells the device why, then disconnects it for good (the client does not reconnect after a server disconnect). */
  function endSession(
    socket: SetSocket | undefined,
    reason: Parameters<ServerToClientEvents['session-ended']>[0],
  ): void {
    if (!socket) return;
    socket.emit('session-ended', reason);
    socket.disconnect(true);
  }

  return {
    io,
    async notifyMember(productionId, memberId, input, by) {
      const notification: Notification = {
        ...input,
        id: randomUUID(),
        at: new Date().toISOString(),
        by,
        to: memberId,
      };
      await state.addNotification(productionId, notification);
      // Only to devices whose role can read the board now (the author may have lost it since), as S5.
      const { board } = input;
      const permissions = board ? await directory.getPermissions(productionId) : null;
      for (const socket of await io.in(memberRoom(productionId, memberId)).fetchSockets()) {
        if (!board || canRead(permissions![socket.data.role][board]))
          socket.emit('notification', notification);
      }
    },
    callSheetStatus(productionId, event) {
      if (closing) return;
      io.to(CALLSHEET_PUBLISHERS.map((r) => roleRoom(productionId, r))).emit('callsheet:status', event);
    },
    close() {
      closed ??= (async () => {
        closing = true;
        unsubscribe();
        sessions.stop();
        // engine.close() ends every connection as a transport close, which clients answer by reconnecting; the
        // HTTP server belongs to the caller and stays open (io.close() would close it).
        io.engine.close();
        // A roster run still waiting on other instances must not broadcast through an adapter closed under it.
        await rosters.close();
        await Promise.allSettled([...io._nsps.values()].map((nsp) => nsp.adapter.close()));
        metrics.unregister();
      })();
      return closed;
    },
  };
}

function actor(socket: SetSocket) {
  return { id: socket.data.memberId, name: socket.data.name, role: socket.data.role };
}
