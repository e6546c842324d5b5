/** Edge scrolling during a drag: how fast the list scrolls for a pointer near the top or bottom edge. */
import { describe, expect, it } from 'vitest';
import { EDGE_ZONE, edgeSpeed } from '../../client/src/ui/use-pointer-drag';

describe('edge auto-scroll speed', () => {
  // a list visible from y = 100 to y = 700
  it('is zero away from the edges and grows towards them, up to full speed at the edge', () => {
    expect(edgeSpeed(400, 100, 700)).toBe(0);
    expect(edgeSpeed(700 - EDGE_ZONE, 100, 700)).toBe(0);
    const near = edgeSpeed(700 - EDGE_ZONE / 2, 100, 700);
    const at = edgeSpeed(699, 100, 700);
    expect(near).toBeGreaterThan(0);
    expect(at).toBeGreaterThan(near);
    // past the edge (a finger on the tab bar below the list) is full speed, not more
    expect(edgeSpeed(760, 100, 700)).toBe(18);
  });

  it('scrolls up near the top edge', () => {
    expect(edgeSpeed(100 + EDGE_ZONE / 2, 100, 700)).toBeLessThan(0);
    expect(edgeSpeed(90, 100, 700)).toBe(-18);
  });
});
