/**
 * The benchmark's MLLP receiver: answers every frame at once with an AA whose MSA-2 is the frame's
 * MSH-10 (a prebuilt ACK with the id patched in), in its own process so the sender's CPU time can
 * be measured apart. Started by mllp-sender.ts with fork(); sends { ready: port } over IPC and
 * answers 'count' with { count } (frames answered).
 */
import net from 'node:net';
import { readHeader } from '../../src/hl7/header.js';
import { createMllpDecoder, encodeFrame } from '../../src/hl7/mllp.js';

let answered = 0;
const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  const decoder = createMllpDecoder();
  socket.on('data', (chunk: Buffer) => {
    for (const event of decoder.push(chunk)) {
      if (event.kind !== 'frame') continue;
      const header = readHeader(event.data);
      const controlId = header.ok ? header.header.controlId : '';
      answered += 1;
      socket.write(encodeFrame(`MSH|^~\\&|RCV|RCV|BENCH|BENCH|20240101000000||ACK^A01^ACK|A${answered}|P|2.5.1\rMSA|AA|${controlId}\r`));
    }
  });
  socket.on('error', () => undefined);
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ ready: (server.address() as net.AddressInfo).port });
});
process.on('message', (message) => {
  if (message === 'count') process.send?.({ count: answered });
});
process.on('disconnect', () => server.close(() => process.exit(0)));
