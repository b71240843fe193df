/**
 * Repro for a bench/fuzz finding: an echoed MSH field ending in the MLLP end byte 0x1C puts FS CR
 * inside the ACK, so the ACK frame ends early (an ACK without MSA when MSH-12 is the field).
 *
 *   npx tsx bench/fuzz/repro-ack-fs.ts              # offline: the listener's own ackBytesFor + decoder
 *   npx tsx bench/fuzz/repro-ack-fs.ts --port P     # also send the frames to a listener on 127.0.0.1:P
 *
 * Exits 1 while the ACK frame is cut short, 0 once every ACK decodes as one frame with its MSA.
 */
import net from 'node:net';
import { parseArgs } from 'node:util';
import { readHeader } from '../../src/hl7/header.js';
import { createMllpDecoder, encodeFrame } from '../../src/hl7/mllp.js';
import { authorize, type Receipt } from '../../src/intake.js';
import { ackBytesFor, type MllpChannel } from '../../src/sources/mllp.js';
import { channelSchema } from '../../src/config/channel.js';

const { values } = parseArgs({ options: { port: { type: 'string' } } });
const CASES: Array<[string, string]> = [
  // FS is data only when no CR follows it inside the frame, hence the fields after MSH-12.
  ['MSH-12 ends in 0x1C (refused version)', 'MSH|^~\\&|APP|FAC|HIG|HIG|20260101||ADT^A01|C1|P|2.5\x1c|||AL\rPID|1\r'],
  ['MSH-10 ends in 0x1C (stored)', 'MSH|^~\\&|APP|FAC|HIG|HIG|20260101||ADT^A01|C2\x1c|P|2.5\rPID|1\r'],
];

function judge(label: string, replyBytes: Buffer): boolean {
  const d = createMllpDecoder();
  const frames = d.push(replyBytes).filter((e) => e.kind === 'frame');
  const first = frames[0]?.kind === 'frame' ? frames[0].data.toString('latin1') : '';
  const ok = frames.length === 1 && /\rMSA\|/.test(first) && d.bytesOutsideFrames === 0;
  process.stdout.write(`${ok ? 'ok  ' : 'BAD '} ${label}: ${frames.length} frame(s), MSA in first frame: ${/\rMSA\|/.test(first)}, bytes outside frames: ${d.bytesOutsideFrames}\n     ${JSON.stringify(replyBytes.toString('latin1'))}\n`);
  return ok;
}

const channel = channelSchema.parse({ id: 'repro', source: { type: 'mllp', host: '127.0.0.1', port: 0 } }) as MllpChannel;
let allOk = true;
for (const [label, text] of CASES) {
  const read = readHeader(Buffer.from(text, 'latin1'));
  if (!read.ok) {
    process.stdout.write(`skip ${label}: header refused (${read.code})\n`);
    continue;
  }
  const receipt: Receipt = authorize(read.header, channel) ?? { situation: 'stored', messageId: 'x', header: read.header };
  allOk = judge(`offline, ${label}`, ackBytesFor(receipt, channel)!) && allOk;
}

if (values.port) {
  for (const [label, text] of CASES) {
    const reply = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const s = net.connect({ host: '127.0.0.1', port: Number(values.port) }, () => s.write(encodeFrame(Buffer.from(text, 'latin1'))));
      s.on('data', (c: Buffer) => chunks.push(c));
      s.on('error', reject);
      setTimeout(() => (s.destroy(), resolve(Buffer.concat(chunks))), 1000);
    });
    allOk = judge(`live, ${label}`, reply) && allOk;
  }
}
process.exit(allOk ? 0 : 1);
