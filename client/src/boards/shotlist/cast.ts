/**
 * Cast on the shot list and the breakdown is stored as cast ids and shown as billing numbers ("1, 3"), the
 * way a call sheet prints it. People type it the way they think of it: billing numbers, a character or an
 * actor ("Mara, Jonah"), or pick from the breakdown's cast. A name that matches nobody, or several people,
 * is refused with the reason.
 */
import type { CastMember } from '../../../../shared/model/breakdown';

export interface CastLookup {
  /** The breakdown's cast in billing order. */
  members: readonly CastMember[];
  toBilling(ids: readonly string[]): string;
  /** Ids for what was typed: comma-separated billing numbers, characters or actors. Throws with the reason. */
  fromText(raw: string): string[];
}

const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** "Mara" matches character "MARA" and actor "Mara Lind"; a token matches a name or a word that begins it. */
function matches(member: CastMember, token: string): 'exact' | 'prefix' | null {
  const names = [member.character, member.actor].map(fold).filter(Boolean);
  if (names.includes(token)) return 'exact';
  if (names.some((n) => n.startsWith(token) || n.split(' ').some((w) => w.startsWith(token))))
    return 'prefix';
  return null;
}

export function castLabel(member: CastMember): string {
  return [member.character, member.actor].filter(Boolean).join(' · ') || `Cast ${member.billing}`;
}

/** The members a typed word could mean, for the picker's filter. */
export function castMatching(members: readonly CastMember[], raw: string): CastMember[] {
  const token = fold(raw);
  if (token === '') return [...members];
  return members.filter((m) => String(m.billing).startsWith(token) || matches(m, token) !== null);
}

export function castLookup(cast: readonly CastMember[]): CastLookup {
  const members = [...cast].sort((a, b) => a.billing - b.billing);
  const byId = new Map(members.map((c) => [c.id, c]));
  const byBilling = new Map(members.map((c) => [String(c.billing), c]));
  const resolve = (part: string): CastMember => {
    // "3 Jonah" (a billing number with its name, as the picker reads) counts as the number.
    const numbered = /^(\d+)\b/.exec(part);
    if (numbered) {
      const member = byBilling.get(numbered[1]!);
      if (!member) throw new Error(`No cast member with billing number ${numbered[1]} in the breakdown`);
      return member;
    }
    const token = fold(part);
    const exact = members.filter((m) => matches(m, token) === 'exact');
    const found = exact.length > 0 ? exact : members.filter((m) => matches(m, token) === 'prefix');
    if (found.length === 1) return found[0]!;
    if (found.length === 0)
      throw new Error(
        `No one called “${part.trim()}” in the breakdown's cast: type a billing number, a character or an actor, or pick from the list`,
      );
    throw new Error(
      `“${part.trim()}” could be ${found.map((m) => `${m.billing} ${castLabel(m)}`).join(' or ')}: pick one from the list`,
    );
  };
  return {
    members,
    toBilling: (ids) =>
      ids
        .map((id) => byId.get(id)?.billing)
        .filter((b): b is number => b !== undefined)
        .sort((a, b) => a - b)
        .join(', '),
    fromText: (raw) => {
      const ids: string[] = [];
      for (const chunk of raw.split(',')) {
        // "1 3" (numbers separated by spaces) is still a list of numbers.
        const parts = /^[\d\s]+$/.test(chunk) ? chunk.split(/\s+/) : [chunk];
        for (const part of parts.filter((p) => p.trim() !== '')) {
          const id = resolve(part).id;
          if (!ids.includes(id)) ids.push(id);
        }
      }
      return ids;
    },
  };
}
