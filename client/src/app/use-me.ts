/**
 * Who am I in this production: /api/me when the server answers, else the last answer kept on the device so
 * a reload on a set with no network still opens the boards.
 */
import { useEffect, useState } from 'react';
import type { MeResponse } from '../../../shared/api-types';
import { fetchMe } from '../api/endpoints';
import { ApiFailure } from '../api/http';
import { getSession, rememberMe } from '../api/session';

export type MeState =
  | { kind: 'loading' }
  | { kind: 'ready'; me: MeResponse; token: string; fromCache: boolean }
  | { kind: 'no-session' }
  | { kind: 'failed'; failure: ApiFailure };

export function useMe(productionId: string): MeState {
  const [state, setState] = useState<MeState>(() => initial(productionId));

  useEffect(() => {
    const session = getSession(productionId);
    if (!session) {
      setState({ kind: 'no-session' });
      return;
    }
    const controller = new AbortController();
    fetchMe(session.token, controller.signal).then(
      (me) => {
        rememberMe(productionId, me);
        setState({ kind: 'ready', me, token: session.token, fromCache: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure =
          error instanceof ApiFailure
            ? error
            : new ApiFailure('server', 'Something went wrong loading you in.', 0);
        if (failure.kind === 'unreachable' || failure.kind === 'server') {
          const cached = getSession(productionId)?.me;
          if (cached) {
            setState({ kind: 'ready', me: cached, token: session.token, fromCache: true });
            return;
          }
        }
        setState({ kind: 'failed', failure });
      },
    );
    return () => controller.abort();
  }, [productionId]);

  return state;
}

function initial(productionId: string): MeState {
  const session = getSession(productionId);
  if (!session) return { kind: 'no-session' };
  // Show the cached boards at once; the fetch above confirms or replaces them.
  if (session.me) return { kind: 'ready', me: session.me, token: session.token, fromCache: true };
  return { kind: 'loading' };
}
