/** The roster is derived from the connected sockets themselves, so it cannot drift from who is really there. */
import type { Board, Role } from '../../shared/boards';
import { ROLES } from '../../shared/boards';
import type { PresenceEntry } from '../../shared/set-channel';

export interface ConnectedDevice {
  memberId: string;
  name: string;
  role: Role;
  board: Board | null;
}

/**
 * One entry per member, however many devices. A member with devices on different boards shows the board of the
 * device that most recently chose one, which is what "where is the director right now" asks.
 */
export function buildRoster(
  devices: Iterable<ConnectedDevice & { boardChangedAt: number }>,
): PresenceEntry[] {
  const byMember = new Map<string, PresenceEntry & { boardChangedAt: number }>();
  for (const device of devices) {
    const entry = byMember.get(device.memberId);
    if (!entry) {
      byMember.set(device.memberId, {
        memberId: device.memberId,
        name: device.name,
        role: device.role,
        board: device.board,
        devices: 1,
        boardChangedAt: device.boardChangedAt,
      });
      continue;
    }
    entry.devices += 1;
    if (device.board !== null && (entry.board === null || device.boardChangedAt > entry.boardChangedAt)) {
      entry.board = device.board;
      entry.boardChangedAt = device.boardChangedAt;
    }
  }
  // Stable order for the screen: by role as the set ranks them, then by name.
  return [...byMember.values()]
    .sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.name.localeCompare(b.name))
    .map(({ boardChangedAt: _ignored, ...entry }) => entry);
}
