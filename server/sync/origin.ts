/**
 * Every Yjs transaction on a room's document carries one of these origins, and what happens to its changes
 * (stored? relayed when? published to other instances?) is decided from it, in one place.
 */
export type TransactionOrigin =
  | { readonly source: 'client'; readonly connectionId: number }
  | { readonly source: 'peer' }
  | { readonly source: 'server' };

export const PEER_ORIGIN: TransactionOrigin = Object.freeze({ source: 'peer' });
export const SERVER_ORIGIN: TransactionOrigin = Object.freeze({ source: 'server' });

export interface OriginPolicy {
  /** Append to the store (and relay only once that is durable). */
  persist: boolean;
  /** Publish to the other instances' rooms of the same document. */
  publish: boolean;
}

/**
 * A peer's update was stored and published by the instance that received it; storing or re-publishing it
 * here would duplicate log rows and echo between instances forever.
 */
export function policyFor(origin: TransactionOrigin): OriginPolicy {
  switch (origin.source) {
    case 'client':
    case 'server':
      return { persist: true, publish: true };
    case 'peer':
      return { persist: false, publish: false };
  }
}
