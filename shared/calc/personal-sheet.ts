/**
 * One person's view of a published call sheet (`GET /api/callsheet/:code`): their own call on top, their
 * scenes marked, and nobody's phone number or e-mail address but the key contacts' (which are printed on
 * the sheet for everyone). Pure: built from the revision as it was stored, so it never changes afterwards.
 */
import type { PersonalScene, PersonalSheet, RecipientStatus } from '../callsheet-api';
import type { CallSheet, CallSheetRow } from './call-sheet';
import type { PersonalPart } from './callsheet-changes';

export interface PersonalSheetInput {
  sheet: CallSheet;
  revision: { n: number; colour: string; publishedAt: string; note: string | null };
  person: { name: string; department: string | null; title: string | null };
  part: PersonalPart;
  status: RecipientStatus;
  ownChanges: string[];
  changes: string[];
}

function scenesOf(rows: readonly CallSheetRow[], castBilling: number | null): PersonalScene[] {
  const scenes: PersonalScene[] = [];
  let companyMove = false;
  for (const row of rows) {
    if (row.type === 'banner') {
      companyMove ||= row.companyMove;
      continue;
    }
    if (row.omitted) continue;
    scenes.push({
      number: row.number,
      intExt: row.intExt,
      set: row.set,
      time: row.time,
      eighths: row.eighths,
      pages: row.pages,
      castBillings: row.castBillings,
      location: row.location,
      yours: castBilling !== null && row.castBillings.includes(castBilling),
      companyMoveBefore: companyMove,
    });
    companyMove = false;
  }
  return scenes;
}

export function personalSheet(input: PersonalSheetInput): PersonalSheet {
  const { sheet, part } = input;
  return {
    production: { name: sheet.production },
    day: {
      number: sheet.day.number,
      of: sheet.day.of,
      date: sheet.day.date,
      crewCall: sheet.day.crewCall,
      shootingCall: sheet.day.shootingCall,
      sunrise: sheet.day.sunrise,
      sunset: sheet.day.sunset,
      projectedLunch: sheet.day.projectedLunch,
    },
    revision: input.revision,
    you: {
      ...input.person,
      call: part.call,
      status: input.status,
      ownChanges: input.ownChanges,
    },
    changes: input.changes,
    weather: sheet.weather,
    parking: sheet.parking,
    basecamp: sheet.basecamp,
    notes: sheet.notes ?? sheet.day.notes,
    scenes: scenesOf(sheet.rows, part.castBilling),
    locations: sheet.locations.map((l) => ({
      name: l.name,
      address: l.address,
      hospital: l.hospital,
      scenes: l.scenes,
    })),
    cast: sheet.cast.map((c) => ({
      billing: c.billing,
      character: c.character,
      actor: c.actor,
      dood: c.dood,
      pickup: c.pickup,
      hairMakeup: c.hairMakeup,
      onSet: c.onSet,
    })),
    advance: sheet.advance ? scenesOf(sheet.advance.rows, part.castBilling) : [],
    advanceDay: sheet.advance
      ? {
          number: sheet.advance.day.number,
          date: sheet.advance.day.date,
          crewCall: sheet.advance.day.crewCall,
        }
      : null,
    keyContacts: sheet.keyContacts.map((c) => ({
      name: c.name,
      department: c.department,
      title: c.title,
      phone: c.phone,
      email: c.email,
    })),
  };
}
