/**
 * Why the MLLP destination does not use node-hl7-client 3.2.0 (docs/routing.md): evaluated against
 * the same python-hl7 receiver, it cannot meet the contract. If a later version passes these
 * (i.e. these assertions start failing), re-evaluate it.
 */
import { once } from 'node:events';
import { Client, Message } from 'node-hl7-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMllpPeer, type MllpPeer } from '../support/mllp-peer.js';
import { adt } from './helpers.js';

let peer: MllpPeer;
beforeAll(async () => {
  peer = await startMllpPeer();
});
afterAll(() => peer.stop());

async function connected(handler: (ack: string) => void) {
  const client = new Client({ host: '127.0.0.1' });
  const connection = client.createConnection({ port: peer.port }, async (res) => handler(res.getMessage().toString()));
  await once(connection, 'connect');
  return { client, connection };
}

describe('node-hl7-client 3.2.0 against the MLLP destination contract', () => {
  it('sendMessage resolves before the ACK: there is no per-message answer to match MSA-2 against or to time out', async () => {
    const acks: string[] = [];
    const { client, connection } = await connected((ack) => acks.push(ack));
    try {
      await connection.sendMessage(new Message({ text: adt('SLOW300E1').toString('latin1') }));
      expect(acks).toEqual([]); // resolved, yet nothing has been acknowledged
      await peer.receivedIds(['SLOW300E1']);
    } finally {
      client.closeAll();
    }
  });

  it('a garbage answer never reaches the caller: only a data.error event on the connection', async () => {
    const acks: string[] = [];
    const { client, connection } = await connected((ack) => acks.push(ack));
    try {
      const failed = once(connection, 'data.error');
      await connection.sendMessage(new Message({ text: adt('GARBAGEE2').toString('latin1') }));
      await failed;
      expect(acks).toEqual([]);
    } finally {
      client.closeAll();
    }
  });
});
