/**
 * Code review 35 (docs/codereview35.md) CR35-4: 062ed6ff (R54-W1) decides that a message whose MSH-18 is empty and whose
 * bytes are not valid UTF-8 is Windows-1252 (hl7/charset.ts messageLabel, FALLBACK_LABEL), and the conversion, the
 * routing scripts (routing/code.ts) and the store's terms read it so. The HTTP destination forwards the v2 bytes as they
 * are and labels them by MSH-18 alone (http-destination.ts hl7MediaType: `encodingLabel(readMsh18(...))`): such a
 * message goes out as `charset=utf-8`. A receiver that honours the label decodes `H\xe9l\xe8ne` to U+FFFD: R54-W1's harm,
 * which hig fixed for itself, handed to the next system with hig's own label on it. Sent through the real HTTP
 * destination to an HTTP server started here (as test/destinations/http.test.ts). Expected values from RFC 2046 /
 * WHATWG Encoding (the label names the bytes' encoding) and hig's rule R54-W1. Synthetic data.
 *
 *   npx vitest run test/codereview35/http-charset.test.ts
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDestination, type Destination } from '../../src/destinations/index.js';

let server: Server;
let url: string;
const seen: IncomingMessage['headers'][] = [];
const bodies: Buffer[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push(req.headers);
      bodies.push(Buffer.concat(chunks));
      res.writeHead(200);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
const opened: Destination[] = [];
afterEach(async () => {
  seen.length = 0;
  bodies.length = 0;
  for (const d of opened.splice(0)) await d.close?.();
});

const context = () => ({ channelId: 'adt', messageId: 'm-1', destinationId: 'archive', signal: new AbortController().signal });
/** An A04 with MSH-18 empty (the field absent) and the name `Hélène` in `encoding`. */
const a04 = (encoding: 'utf8' | 'latin1') => Buffer.from('MSH|^~\\&|CLIN|CHUQ|HIG|CHUQ|20270301080000-0500||ADT^A04^ADT_A01|CS3502|P|2.5.1\rPID|1||QC88036^^^CHUQ^MR||TREMBLAY^Hélène||19700101|F\r', encoding);

async function contentType(message: Buffer): Promise<unknown> {
  const d = createDestination({ type: 'http', url, content: 'hl7v2' } as never, { env: {} });
  opened.push(d);
  await d.deliver({ contentType: 'hl7v2', message }, context());
  return seen[0]?.['content-type'];
}

describe('CR35-4 [hig rule R54-W1; RFC 2046 charset] the HTTP destination labels a message in the charset hig read it in', () => {
  it('control: MSH-18 empty, the bytes UTF-8: charset=utf-8', async () => {
    expect(await contentType(a04('utf8'))).toBe('application/hl7-v2; charset=utf-8');
  });

  // fix35b (CR35-4): the review's choice "label by the charset hig decoded with, or re-encode to match the label"; the
  // bytes are re-encoded: hig reads such bytes per byte (CR35-1: UTF-8 sequences as UTF-8, other bytes as Windows-1252),
  // which no one charset label names, and a receiver reading MSH-18 (empty: UTF-8) rather than the label reads them right
  it('MSH-18 empty, the bytes Latin-1 (no UTF-8; hig reads them as Windows-1252): the label true of the bytes sent', async () => {
    expect(await contentType(a04('latin1'))).toBe('application/hl7-v2; charset=utf-8');
    // what a receiver honouring the label reads: the name hig read, no U+FFFD
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bodies[0])).toBe(a04('utf8').toString('utf8'));
  });
});
