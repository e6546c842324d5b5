import { describe, expect, it } from 'vitest';
import { elementDayOutOfDays } from '../../shared/calc/element-dood';
import type { Element } from '../../shared/model/breakdown';
import * as Y from 'yjs';
import { readSchedule, type Schedule } from '../../shared/model/schedule';
import { day, scene, strip } from './helpers';

describe('day out of days for elements', () => {
  it('works, holds and finishes an element like a cast member (the module example)', () => {
    const elements: Element[] = [
      { id: 'truck', category: 'vehicles', name: 'Red pickup truck' },
      { id: 'dog', category: 'animals', name: 'Sheepdog' },
    ];
    const scenes = [
      scene('1', { elements: [{ elementId: 'truck', count: 1 }] }),
      scene('2', { elements: [{ elementId: 'dog', count: 1 }] }),
      scene('3', { elements: [{ elementId: 'truck', count: 1 }] }),
    ];
    const schedule: Schedule = {
      ...readSchedule(new Y.Doc()),
      days: [day('d1', '2026-06-01'), day('d2', '2026-06-02'), day('d3', '2026-06-03')],
      strips: [strip('1', 'd1'), strip('2', 'd2'), strip('3', 'd3')],
    };
    const vehicles = elementDayOutOfDays(schedule, scenes, elements, 'vehicles');
    expect(vehicles).toHaveLength(1);
    expect(vehicles[0]).toMatchObject({
      castId: 'truck',
      codes: ['SW', 'H', 'WF'],
      workDays: 2,
      holdDays: 1,
    });
    expect(elementDayOutOfDays(schedule, scenes, elements, 'animals')[0]!.codes).toEqual([null, 'SWF', null]);
    expect(elementDayOutOfDays(schedule, scenes, elements, 'props')).toEqual([]);
  });
});
