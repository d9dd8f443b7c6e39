// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { tabletSettingsSchema } from './tablet-settings';

describe('tablet settings: display scale', () => {
  it('keeps any whole percent from 100 to 200 as typed, not rounded to tens', () => {
    for (const scale of [100, 125, 137, 200]) {
      expect(tabletSettingsSchema.parse({ scale }).scale).toBe(scale);
    }
  });

  it('refuses what is not a whole percent in range, and says what is', () => {
    for (const scale of [99, 201, 125.5, null]) {
      const result = tabletSettingsSchema.safeParse({ scale });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(
        'The display scale is a whole number from 100 to 200 %.',
      );
    }
  });
});
