/** The store's settings: the channel `store` block (retention) and the HIG_STORE_* environment. */
import { describe, expect, it } from 'vitest';
import { testChannel } from '../support/channel.js';
import { loadSettings } from '../../src/config/env.js';

describe('store settings', () => {
  it('a channel keeps content 30 days and metadata 365 unless it says otherwise', () => {
    expect(testChannel().store).toEqual({ keepDays: 30, keepMetadataDays: 365 });
    expect(testChannel({ store: { keepDays: 7 } }).store).toEqual({ keepDays: 7, keepMetadataDays: 365 });
  });

  it('metadata cannot be kept for less time than content, and unknown keys are refused', () => {
    expect(() => testChannel({ store: { keepDays: 90, keepMetadataDays: 30 } })).toThrow(/keepMetadataDays must be at least keepDays/);
    expect(() => testChannel({ store: { keepdays: 7 } })).toThrow();
  });

  it('HIG_STORE_URL must be a postgres URL and is never echoed back; the store is on by default', () => {
    expect(loadSettings({}).HIG_STORE_ENABLED).toBe(true);
    expect(loadSettings({ HIG_STORE_ENABLED: 'false' }).HIG_STORE_ENABLED).toBe(false);
    expect(loadSettings({ HIG_STORE_URL: 'postgresql://u@db/hig' }).HIG_STORE_URL).toBe('postgresql://u@db/hig');
    let message = '';
    try {
      loadSettings({ HIG_STORE_URL: 'mysql://user:secretpw@db/hig' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^environment variable HIG_STORE_URL: expected a postgres/);
    expect(message).not.toContain('secretpw');
  });
});
