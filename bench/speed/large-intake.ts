/**
 * What intake does to one message on the listener's event loop, by size (the messages of bench/speed's
 * size rows: 1.2 KB, + 100 KB and + 1 MB of ED OBX): the content tag's HMAC, the seal with its DEFLATE,
 * and the seal of an already packed message (keyring.pack, what a large message gets from prepareHl7).
 * Why LARGE_MESSAGE_BYTES (src/intake.ts) moves only the DEFLATE off the loop.
 *
 *   npx tsx bench/speed/large-intake.ts
 */
import { hl7ContentTags } from '../../src/intake.js';
import { createKeyring } from '../../src/security/seal.js';
import { adtA01, adtA01FramePadded } from '../lib/message.js';

const keyring = createKeyring(Buffer.from('00112233445566778899aabbccddeeff0123456789abcdef0123456789abcdef', 'hex'));
const binding = { channelId: 'c', messageId: 'm', role: 'message' } as const;
const msPer = (n: number, f: () => unknown): number => {
  for (let i = 0; i < 3; i++) f();
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  return (performance.now() - t) / n;
};
for (const pad of [0, 100_000, 1_000_000]) {
  const raw = pad === 0 ? adtA01('T', 1) : adtA01FramePadded('T', 1, pad).subarray(1, -2);
  const n = Math.max(20, Math.round(2_000_000 / raw.length));
  const packed = await keyring.pack(raw, 'message');
  const tag = msPer(n, () => hl7ContentTags(raw, keyring));
  const seal = msPer(n, () => keyring.seal(raw, binding, { compress: true }));
  const sealPacked = msPer(n, () => keyring.seal(raw, binding, { compress: true, packed }));
  console.log(`${raw.length} bytes: content tag ${tag.toFixed(3)} ms, seal (DEFLATE + AES-GCM) ${seal.toFixed(3)} ms, seal of the packed message ${sealPacked.toFixed(3)} ms`);
}
