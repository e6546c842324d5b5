/** Keys stay short however a list grows at its ends: the way shot lists and stripboards actually grow. */
import { describe, expect, it } from 'vitest';
import { isOrderKey, replicaKeyBetween } from '../../shared/model/order-keys';

describe('order key growth', () => {
  it('10,000 appends and 2,000 prepends give valid, strictly ordered keys under 200 characters', () => {
    const keys: string[] = [replicaKeyBetween(null, null, 7)];
    for (let i = 0; i < 10_000; i++)
      keys.push(replicaKeyBetween(keys.at(-1)!, null, 1_234_567_890 + (i % 3)));
    for (let i = 0; i < 2_000; i++) keys.unshift(replicaKeyBetween(null, keys[0]!, 42 + (i % 5)));
    for (let i = 1; i < keys.length; i++) expect(keys[i - 1]! < keys[i]!).toBe(true);
    expect(keys.every(isOrderKey)).toBe(true);
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThan(200);
  });

  it('1,000 appends, as a 1,000-shot list is typed in, stay under 30 characters', () => {
    let key = replicaKeyBetween(null, null, 99);
    let longest = key.length;
    for (let i = 0; i < 1_000; i++) {
      key = replicaKeyBetween(key, null, 2_000_000_000);
      longest = Math.max(longest, key.length);
    }
    expect(longest).toBeLessThan(30);
  });
});
