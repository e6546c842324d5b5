/** Cast on the shot list is typed as billing numbers ("1, 3"), the way people say it, and stored as ids. */
import type { CastMember } from '../../../../shared/model/breakdown';

export interface CastLookup {
  toBilling(ids: readonly string[]): string;
  fromBilling(raw: string): string[];
}

export function castLookup(cast: readonly CastMember[]): CastLookup {
  const byId = new Map(cast.map((c) => [c.id, c]));
  const byBilling = new Map(cast.map((c) => [String(c.billing), c]));
  return {
    toBilling: (ids) =>
      ids
        .map((id) => byId.get(id)?.billing)
        .filter((b): b is number => b !== undefined)
        .sort((a, b) => a - b)
        .join(', '),
    fromBilling: (raw) => {
      const ids: string[] = [];
      for (const part of raw.split(/[\s,]+/).filter(Boolean)) {
        const member = byBilling.get(part);
        if (!member) throw new Error(`No cast member with billing number ${part} in the breakdown`);
        ids.push(member.id);
      }
      return ids;
    },
  };
}
