/** The crew and cast list for the call sheet screen, fetched from the directory (it is not a board). */
import { useEffect, useState } from 'react';
import type { Person } from '../../../../shared/people';
import { fetchPeople } from '../../api/people';

export type PeopleState =
  | { status: 'loading'; people: readonly Person[] }
  | { status: 'ready'; people: readonly Person[] }
  | { status: 'error'; people: readonly Person[]; message: string };

const NONE: readonly Person[] = [];

export function usePeople(productionId: string, token: string): PeopleState {
  const [state, setState] = useState<PeopleState>({ status: 'loading', people: NONE });
  useEffect(() => {
    const abort = new AbortController();
    fetchPeople(productionId, token, abort.signal).then(
      (response) => setState({ status: 'ready', people: response.people }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setState({ status: 'error', people: NONE, message: (error as Error).message });
      },
    );
    return () => abort.abort();
  }, [productionId, token]);
  return state;
}
