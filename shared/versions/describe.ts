/**
 * A change as the sentence a person reads: "Scene 12 moved from Day 2 to Day 3", "Shot 12A: lens changed
 * from 35mm to 50mm". Used by the Versions panel; pure, so it reads the same on every device.
 */
import { formatMoney } from '../calc/money';
import type { Change, FieldChange } from './diff';

/** Fields that hold money (minor units), by entity. A budget line's `amount` counts units, not money. */
const MONEY_FIELDS: Record<string, readonly string[]> = {
  account: ['budget', 'etc'],
  line: ['rate'],
  actual: ['amount'],
  po: ['amount'],
  hotcost: ['budget', 'hourlyRate', 'mealPenalty', 'actual'],
};

function fieldName(field: string): string {
  return field
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/ bp$/, ' (basis points)')
    .replace(/ ids$/, 's');
}

function value(entity: string, field: FieldChange, raw: unknown, currency: string): string {
  if (raw === null || raw === undefined || raw === '') return 'nothing';
  if (typeof raw === 'number' && MONEY_FIELDS[entity]?.includes(field.field))
    return formatMoney(raw, currency);
  if (typeof raw === 'boolean') return raw ? 'yes' : 'no';
  if (Array.isArray(raw)) return raw.length === 0 ? 'none' : raw.map(String).join(', ');
  if (typeof raw === 'string') return raw.length > 60 ? `“${raw.slice(0, 57)}…”` : raw;
  return String(raw);
}

export function describeChange(change: Change, currency = 'USD'): string {
  const fields = change.fields ?? [];
  switch (change.kind) {
    case 'added':
      return `${change.label} added`;
    case 'removed':
      return `${change.label} removed`;
    case 'moved': {
      const place = fields[0];
      if (!place) return `${change.label} moved`;
      if (place.field === 'day')
        return `${change.label} moved from ${String(place.from)} to ${String(place.to)}`;
      const where = place.field === 'position' ? 'in its day' : `in ${place.field}`;
      return `${change.label} moved from position ${String(place.from)} to ${String(place.to)} ${where}`;
    }
    case 'changed':
      return `${change.label}: ${fields
        .map(
          (f) =>
            `${fieldName(f.field)} changed from ${value(change.entity, f, f.from, currency)} to ${value(change.entity, f, f.to, currency)}`,
        )
        .join('; ')}`;
  }
}
