/**
 * `/api`: productions, invites, joining, members, revocation and the permission matrix.
 * Handlers validate, ask the directory, and publish control events; live sockets act on those events in the
 * sync service and the set channel, so this router never touches a socket.
 */
import express, { type Request, type RequestHandler, type Router } from 'express';
import { BOARDS, approversOf, mayApprove, type Approvers } from '../../shared/boards';
import type {
  ApproversResponse,
  CreateInviteResponse,
  CreateProductionResponse,
  DemoResponse,
  Invite,
  InvitePreviewResponse,
  InvitesResponse,
  JoinResponse,
  MeResponse,
  MembersResponse,
  PermissionsResponse,
} from '../../shared/api-types';
import type { ControlBus } from '../control/control-bus';
import type { Directory, InviteRecord } from '../directory/directory';
import type { Logger } from '../logger';
import { ApiHttpError, conflict, notFound } from './api-error';
import { apiErrorHandler } from './errors';
import { requireMemberOf, requireOwnerOf, requirePrincipal } from './principal';
import {
  createInviteBody,
  createProductionBody,
  joinBody,
  parseBody,
  putApproversBody,
  putPermissionsBody,
} from './validation';

export interface ApiRouterOptions {
  directory: Directory;
  /** Carries revocations and permission changes to live sockets on every instance. */
  controlBus: ControlBus;
  /** Origin for invite urls; when undefined it is derived from the request (Host, protocol). */
  publicUrl: string | undefined;
  logger: Logger;
  /**
   * Largest JSON body accepted. Every body here is a few names; a bound keeps a client from making the server
   * buffer megabytes. @default 16 KiB
   */
  maxBodyBytes?: number;
  /** The demo production's shared join links (A18), once the entry point made them; null: no demo here. */
  demo?: () => DemoResponse | null;
}

export const API_DEFAULTS = { maxBodyBytes: 16 * 1024 } as const;

/** Bodies must be JSON; anything else would reach the handler as an undefined body and a confusing 400. Other routers with JSON bodies use it too. */
export const requireJson: RequestHandler = (req, _res, next) => {
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && !req.is('application/json')) {
    next(
      new ApiHttpError(
        415,
        'unsupported_media_type',
        'Send the body as JSON (Content-Type: application/json).',
      ),
    );
    return;
  }
  next();
};

/** A path parameter; express always sets the ones its route names, so a miss means a wrongly written route. */
function routeParam(req: { params: Record<string, string | undefined> }, name: string): string {
  const value = req.params[name];
  if (value === undefined) throw new Error(`route has no :${name} parameter`);
  return value;
}

/** The owner's view of an invite: dates as ISO strings, no production id (it is in the path). */
function inviteView(record: InviteRecord): Invite {
  return {
    id: record.id,
    role: record.role,
    uses: record.uses,
    usesLeft: record.usesLeft,
    createdAt: record.createdAt.toISOString(),
    expiresAt: record.expiresAt.toISOString(),
    usedBy: record.usedBy.map((use) => ({
      memberId: use.memberId,
      name: use.name,
      usedAt: use.usedAt.toISOString(),
      removed: use.removed,
    })),
  };
}

/** `PUBLIC_URL`, else the request's own protocol and host: the origin put in links the server hands out. */
export function requestOrigin(req: Request, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/$/, '');
  // req.protocol honours X-Forwarded-Proto only when the app trusts its proxy ("trust proxy"), as it should.
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

export function createApiRouter(options: ApiRouterOptions): Router {
  const { directory, controlBus, logger } = options;
  const router = express.Router();
  // Per route, not router.use: other routers share '/api' after this one (CSV, uploads) and take other bodies.
  const parseJson = express.json({ limit: options.maxBodyBytes ?? API_DEFAULTS.maxBodyBytes });
  const json: RequestHandler<Record<string, string>> = (req, res, next) =>
    requireJson(req, res, (err?: unknown) => (err ? next(err) : parseJson(req, res, next)));

  // Answers carry tokens and who is in a production, and change with every invite or removal: no cache
  // (browser, proxy or test DOM) may keep or replay one. Routers mounted after this one set their own.
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.post('/productions', json, async (req, res) => {
    const body = parseBody(createProductionBody, req.body);
    const created = await directory.createProduction(body);
    logger.info({ productionId: created.production.id, memberId: created.member.id }, 'production created');
    res.status(201).json(created satisfies CreateProductionResponse);
  });

  router.post('/productions/:id/invites', json, async (req, res) => {
    const principal = await requirePrincipal(directory, req);
    requireOwnerOf(principal, routeParam(req, 'id'));
    const { role, uses, expiresInDays } = parseBody(createInviteBody, req.body);
    const invite = await directory.createInvite(principal.productionId, role, { uses, expiresInDays });
    logger.info(
      { productionId: principal.productionId, inviteId: invite.id, role, uses: invite.uses },
      'invite created',
    );
    const url = `${requestOrigin(req, options.publicUrl)}/join/${encodeURIComponent(invite.code)}`;
    res.status(201).json({ ...inviteView(invite), code: invite.code, url } satisfies CreateInviteResponse);
  });

  router.get('/productions/:id/invites', async (req, res) => {
    const principal = await requirePrincipal(directory, req);
    requireOwnerOf(principal, routeParam(req, 'id'));
    const invites = await directory.listInvites(principal.productionId);
    res.json({ invites: invites.map(inviteView) } satisfies InvitesResponse);
  });

  router.delete('/productions/:id/invites/:inviteId', async (req, res) => {
    const principal = await requirePrincipal(directory, req);
    requireOwnerOf(principal, routeParam(req, 'id'));
    const inviteId = routeParam(req, 'inviteId');
    if (!(await directory.revokeInvite(principal.productionId, inviteId))) {
      throw notFound(`No invite ${inviteId} to revoke in this production.`);
    }
    logger.info({ productionId: principal.productionId, inviteId }, 'invite revoked');
    res.status(204).end();
  });

  router.post('/join', json, async (req, res) => {
    const { code, name } = parseBody(joinBody, req.body);
    const joined = await directory.redeemInvite(code, name);
    // Used up, expired or revoked throw InviteGoneError: 410, with a message that says which.
    if (!joined)
      throw notFound('This invite code is unknown. Check the link, or ask the owner for a new one.');
    logger.info({ productionId: joined.productionId, memberId: joined.member.id }, 'member joined');
    res.status(201).json(joined satisfies JoinResponse);
  });

  // Public, like joining: the join page names the production and the role before anyone types a name. Only
  // those two are revealed; the code itself is the secret, as for A6.
  router.get('/invites/:code', async (req, res) => {
    const preview = await directory.previewInvite(routeParam(req, 'code'));
    if (!preview)
      throw notFound('This invite code is unknown. Check the link, or ask the owner for a new one.');
    res.json({
      production: { name: preview.productionName },
      role: preview.role,
    } satisfies InvitePreviewResponse);
  });

  router.get('/demo', (_req, res) => {
    const demo = options.demo?.() ?? null;
    if (!demo) throw notFound('This server runs without the demo production (SETBOARD_DEMO=false).');
    res.json(demo satisfies DemoResponse);
  });

  router.get('/me', async (req, res) => {
    const principal = await requirePrincipal(directory, req);
    const [production, permissions, approvers] = await Promise.all([
      directory.getProduction(principal.productionId),
      directory.getPermissions(principal.productionId),
      directory.getApprovers(principal.productionId),
    ]);
    if (!production) throw notFound(`Production ${principal.productionId} no longer exists.`);
    const { memberId: id, name, role, owner } = principal;
    res.json({
      member: { id, name, role, owner },
      production,
      permissions: permissions[role],
      approves: BOARDS.filter((board) => mayApprove(approvers, permissions, role, board)),
    } satisfies MeResponse);
  });

  router.get('/productions/:id/members', async (req, res) => {
    const principal = await requirePrincipal(directory, req);
    requireMemberOf(principal, routeParam(req, 'id'));
    res.json({ members: await directory.listMembers(principal.productionId) } satisfies MembersResponse);
  });

  router.delete('/productions/:id/members/:memberId', async (req, res) => {
    const principal = await requirePrincipal(directory, req);
    requireOwnerOf(principal, routeParam(req, 'id'));
    const { memberId } = req.params;
    // The owner is the only one who can invite and change permissions; removing them would orphan the production.
    if (memberId === principal.memberId) throw conflict('The owner cannot remove themselves.');
    if (!(await directory.revokeMember(principal.productionId, memberId))) {
      throw notFound(`No active member ${memberId} in this production.`);
    }
    logger.info({ productionId: principal.productionId, memberId }, 'member revoked');
    // The revocation already holds (their token fails from now on); the event closes sockets opened before it.
    await publishOrLog({ type: 'member-revoked', productionId: principal.productionId, memberId });
    res.status(204).end();
  });

  router.get('/productions/:id/permissions', async (req, res) => {
    const principal = await requirePrincipal(directory, req);
    requireOwnerOf(principal, routeParam(req, 'id'));
    res.json({
      permissions: await directory.getPermissions(principal.productionId),
    } satisfies PermissionsResponse);
  });

  router.put('/productions/:id/permissions', json, async (req, res) => {
    const principal = await requirePrincipal(directory, req);
    requireOwnerOf(principal, routeParam(req, 'id'));
    const { permissions } = parseBody(putPermissionsBody, req.body);
    await directory.setPermissions(principal.productionId, permissions);
    logger.info({ productionId: principal.productionId }, 'permissions changed');
    await publishOrLog({ type: 'permissions-changed', productionId: principal.productionId, permissions });
    res.json({ permissions } satisfies PermissionsResponse);
  });

  router.get('/productions/:id/approvers', async (req, res) => {
    const principal = await requirePrincipal(directory, req);
    requireMemberOf(principal, routeParam(req, 'id'));
    res.json(await approversResponse(principal.productionId));
  });

  router.put('/productions/:id/approvers', json, async (req, res) => {
    const principal = await requirePrincipal(directory, req);
    requireOwnerOf(principal, routeParam(req, 'id'));
    const { approvers } = parseBody(putApproversBody, req.body);
    const chosen = Object.fromEntries(Object.entries(approvers).filter(([, roles]) => roles)) as Approvers;
    await directory.setApprovers(principal.productionId, chosen);
    logger.info({ productionId: principal.productionId, approvers: chosen }, 'approvers changed');
    res.json(await approversResponse(principal.productionId));
  });

  // Errors from these routes render here; unknown paths fall through to the routers mounted after this one, so
  // the app mounts `apiNotFound` (and `apiErrorHandler`) once, after all of them.
  router.use(apiErrorHandler(logger));
  return router;

  async function approversResponse(productionId: string): Promise<ApproversResponse> {
    const [chosen, permissions] = await Promise.all([
      directory.getApprovers(productionId),
      directory.getPermissions(productionId),
    ]);
    return { approvers: approversOf(chosen, permissions), chosen };
  }

  /**
   * The directory change is committed before this runs, so failing the request would invite a retry that finds
   * nothing to do. Log loudly instead: live sockets keep their old rights until they reconnect.
   */
  async function publishOrLog(event: Parameters<ControlBus['publish']>[0]): Promise<void> {
    try {
      await controlBus.publish(event);
    } catch (err) {
      logger.error(
        { err, type: event.type, productionId: event.productionId },
        'control event not delivered; open sockets keep their previous rights until they reconnect',
      );
    }
  }
}
