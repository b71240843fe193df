import { channelSchema, type Channel } from '../../src/config/channel.js';

/** A valid channel from partial input, defaults filled by the real schema. */
export function testChannel(partial: Record<string, unknown> = {}): Channel {
  return channelSchema.parse({
    id: 'test',
    source: { type: 'mllp', host: '127.0.0.1', port: 0 },
    ...partial,
  });
}

export const TEST_KEY_HEX = 'a3f1c29be04d7786519e2b0f4c8d3a6e9b7c1d2e3f405162738495a6b7c8d9ea';
