/**
 * The demo production a newcomer meets on the first `npm start`: created once, on an empty store, written as
 * Yjs data through the sync service (so it is persisted like any edit), never re-imported on later starts.
 * Every start prints fresh join links, one per role, because invite codes are stored only as hashes. Unlike
 * the personal invites the Team page makes, these are shared links (DEMO_LINK_USES people each), so a
 * newcomer can hand one to a whole department; they are printed as such.
 */
import { BOARDS, ROLES, documentName, type Role } from '../shared/boards';
import { DEMO_PEOPLE, DEMO_TITLE, seedDemoBoard } from '../shared/demo';
import type { Directory } from './directory/directory';
import type { SyncService } from './sync/sync-service';

export const DEMO_PRODUCTION_NAME = DEMO_TITLE;

/** How many people each printed demo link admits. */
export const DEMO_LINK_USES = 100;

export interface DemoLinks {
  productionId: string;
  created: boolean;
  links: Array<{ role: Role; url: string }>;
  /** Every link admits this many people until this moment. */
  uses: number;
  expiresAt: Date;
}

export async function ensureDemoProduction(options: {
  directory: Directory;
  sync: Pick<SyncService, 'withDocument'>;
  origin: string;
  today: string;
}): Promise<DemoLinks | null> {
  const { directory, sync } = options;
  const productions = await directory.listProductions();
  let production = productions.find((p) => p.name === DEMO_PRODUCTION_NAME);
  let created = false;
  if (!production) {
    // Only an empty store gets the demo: a real production's server must not grow a film it never made.
    if (productions.length > 0) return null;
    ({ production } = await directory.createProduction({
      name: DEMO_PRODUCTION_NAME,
      ownerName: 'Dana Okafor',
    }));
    for (const board of BOARDS) {
      await sync.withDocument(documentName(production.id, board), (doc) =>
        seedDemoBoard(board, doc, { today: options.today }),
      );
    }
    // The crew and cast list lives in the directory (private contact details), not in a board.
    for (const person of DEMO_PEOPLE) await directory.createPerson(production.id, person);
    created = true;
  }
  const links: DemoLinks['links'] = [];
  let expiresAt = new Date();
  for (const role of ROLES) {
    const invite = await directory.createInvite(production.id, role, { uses: DEMO_LINK_USES });
    links.push({ role, url: `${options.origin}/join/${invite.code}` });
    expiresAt = invite.expiresAt;
  }
  return { productionId: production.id, created, links, uses: DEMO_LINK_USES, expiresAt };
}
