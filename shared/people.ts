/**
 * The production's crew and cast list (`/api/productions/:id/people`). Kept in the directory, not in a board
 * document: phone numbers and e-mail addresses are private, and a CRDT document cannot hide a field from a
 * reader. Shared by the server's routes and the Crew & cast page.
 */

/** One person on the list. Every field but `name` is optional and `null` when absent. */
export interface Person {
  id: string;
  name: string;
  /** Free text; `DEPARTMENTS` are offered. */
  department: string | null;
  title: string | null;
  /** Hidden from members other than producer and AD unless `keyContact`. */
  phone: string | null;
  /** Hidden from members other than producer and AD unless `keyContact`. */
  email: string | null;
  /** The breakdown cast's billing number ("cast 1") this person plays. */
  castBilling: number | null;
  /** The production member (app account) this person is, when they have one. */
  memberId: string | null;
  /** Minutes after (or, negative, before) the day's crew call this person is called. */
  callOffsetMinutes: number | null;
  /** Listed under key contacts on the call sheet, with phone and e-mail shown to everyone. */
  keyContact: boolean;
}

/** What a client sends to create a person (`POST`); a `PATCH` sends any subset of it. */
export type PersonInput = { name: string } & Partial<Omit<Person, 'id' | 'name'>>;

export interface PeopleResponse {
  people: Person[];
}

export interface PersonResponse {
  person: Person;
}

/** `POST /api/productions/:id/people/import.csv` (PE8): how many rows added and updated people, and the list now. */
export interface PeopleImportResponse {
  imported: { added: number; updated: number };
  people: Person[];
}

/** Bounds checked by the server and by the Crew & cast page's form. */
export const PERSON_LIMITS = {
  textMax: 80,
  phoneMax: 40,
  emailMax: 254,
  castBillingMax: 999,
  /** A call at most 12 hours before or after the crew call. */
  callOffsetMaxMinutes: 720,
} as const;

/** The departments offered on the form (department stays free text: productions name their own). */
export const DEPARTMENTS = [
  'Production',
  'Assistant directors',
  'Cast',
  'Camera',
  'Grip',
  'Electric',
  'Sound',
  'Art',
  'Props',
  'Set dressing',
  'Costume',
  'Hair and make-up',
  'Locations',
  'Transport',
  'Catering',
  'Stunts',
  'Special effects',
  'Script supervisor',
  'Medic',
] as const;
