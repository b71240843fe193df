/** `hig send FILE`: MLLP-sends each message of the file and prints each reply's MSA line. */
import { readFileSync } from 'node:fs';

export interface SendOptions {
  host: string;
  port: number;
  tls?: boolean;
  ca?: string;
  cert?: string;
  key?: string;
  timeout: number;
}

export class SendError extends Error {
  override name = 'SendError';
}

/** Returns the exit code: 2 when any reply was not AA/CA. */
export async function cmdSend(file: string, o: SendOptions, out: (line: string) => void): Promise<number> {
  const bytes = readFileSync(file === '-' ? 0 : file);
  const { splitBatchBytes } = await import('../hl7/batch.js');
  const { connectMllp } = await import('../hl7/mllp-client.js');
  const { clientTlsPolicy } = await import('../security/tls.js');
  const messages = splitBatchBytes(bytes);
  if (messages.length === 0) throw new SendError(`${file}: no HL7 messages found`);
  const client = await connectMllp({
    host: o.host,
    port: o.port,
    timeoutMs: o.timeout,
    ...(o.tls
      ? {
          tls: {
            ...clientTlsPolicy(),
            ...(o.ca ? { ca: readFileSync(o.ca) } : {}),
            ...(o.cert ? { cert: readFileSync(o.cert) } : {}),
            ...(o.key ? { key: readFileSync(o.key) } : {}),
            servername: o.host,
          },
        }
      : {}),
  });
  let negative = 0;
  try {
    for (const m of messages) {
      const ack = (await client.send(m.bytes)).toString('latin1');
      const msa = ack.split(/\r\n|\r|\n/).find((s) => s.startsWith('MSA')) ?? '(no MSA segment in reply)';
      if (!/^MSA.(AA|CA)/.test(msa)) negative++;
      out(msa);
    }
  } finally {
    client.close();
  }
  return negative > 0 ? 2 : 0;
}
