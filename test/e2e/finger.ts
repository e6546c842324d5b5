/** A finger on the screen: Chromium's touch input, which the app sees as pointer events of type touch. */
import type { CDPSession, Page } from 'playwright-core';

export interface Point {
  x: number;
  y: number;
}

export class Finger {
  private constructor(private readonly cdp: CDPSession) {}
  static async on(page: Page): Promise<Finger> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
    return new Finger(cdp);
  }
  private send(type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) {
    return this.cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: type === 'touchEnd' ? [] : [{ x: Math.round(x), y: Math.round(y) }],
    });
  }
  down = (x: number, y: number) => this.send('touchStart', x, y);
  async moveTo(from: Point, to: Point, steps = 8) {
    for (let i = 1; i <= steps; i++) {
      await this.send(
        'touchMove',
        from.x + ((to.x - from.x) * i) / steps,
        from.y + ((to.y - from.y) * i) / steps,
      );
    }
  }
  up = () => this.send('touchEnd', 0, 0);
}
