/**
 * Search on the shot list and the breakdown, as pure functions: what a typed query matches. Every word of the
 * query must match something (`12 mara` is the shots of scene 12 with Mara in them). Numbers (scene numbers,
 * shot codes) match whole or with letters after them: `12` finds 12, 12A and 12B but not 112 or 120, because
 * on a set "12" means scene twelve. Words (set, description, synopsis, character, actor) match anywhere, in
 * any case and without accents (`cafe` finds CAFÉ).
 */

/** What one row offers to a search: numbers matched from their start, texts matched anywhere. */
export interface SearchSubject {
  numbers: readonly string[];
  texts: readonly string[];
}

export interface SearchScene {
  number: string;
  set: string;
  synopsis?: string;
  castIds?: readonly string[];
}

export interface SearchCast {
  character: string;
  actor: string;
}

/** Lower case without accents, so a tablet's keyboard finds what a script wrote. */
export function fold(text: string): string {
  // Most of a shot list is plain ASCII: skip the Unicode work for it (a 1,000-shot search runs per keystroke).
  // eslint-disable-next-line no-control-regex
  if (!/[^\u0000-\u007f]/.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The query's words, folded; an empty list matches everything. */
export function searchTerms(query: string): string[] {
  return fold(query)
    .split(/\s+/)
    .filter((word) => word !== '');
}

function numberMatches(number: string, term: string): boolean {
  const n = fold(number);
  if (!n.startsWith(term)) return false;
  // `12` stops before a letter (12A) but not before a digit (120).
  return n.length === term.length || !/\d/.test(n[term.length]!) || !/\d$/.test(term);
}

/** Whether every term matches one of the subject's numbers or texts. */
export function matchesSearch(subject: SearchSubject, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const texts = subject.texts.map(fold);
  return terms.every(
    (term) => subject.numbers.some((n) => numberMatches(n, term)) || texts.some((t) => t.includes(term)),
  );
}

function castNames(ids: readonly string[], cast: ReadonlyMap<string, SearchCast>): string[] {
  return ids.flatMap((id) => {
    const member = cast.get(id);
    return member ? [member.character, member.actor] : [];
  });
}

/** A shot: its scene's number and set, its own code, description and cast (character and actor names). */
export function shotSubject(
  shot: { code: string; description: string; castIds: readonly string[] },
  scene: SearchScene | undefined,
  cast: ReadonlyMap<string, SearchCast>,
): SearchSubject {
  return {
    numbers: scene ? [scene.number, shot.code] : [shot.code],
    texts: [scene?.set ?? '', shot.description, ...castNames(shot.castIds, cast)],
  };
}

/** A breakdown scene: its number, set, synopsis and cast. */
export function sceneSubject(scene: SearchScene, cast: ReadonlyMap<string, SearchCast>): SearchSubject {
  return {
    numbers: [scene.number],
    texts: [scene.set, scene.synopsis ?? '', ...castNames(scene.castIds ?? [], cast)],
  };
}
