/**
 * Starts test/support/mllp-peer.py (python-hl7's asyncio MLLP server, Debian python3-hl7) and
 * follows what it received. Waits are event-driven: `received(n)` resolves when the n-th message
 * has been answered, never after a sleep.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./mllp-peer.py', import.meta.url));
/** Debian's interpreter: python3-hl7 is installed for it (a pyenv python3 on PATH would not have it). */
const PYTHON = '/usr/bin/python3';

export interface PeerMessage {
  controlId: string;
  connection: number;
}

export interface MllpPeer {
  port: number;
  /** Every message received so far, in arrival order. */
  readonly messages: PeerMessage[];
  /** Resolves once at least `count` messages have been received (and answered). */
  received(count: number): Promise<PeerMessage[]>;
  /** Resolves once every one of these control ids has been received; their records in arrival order. */
  receivedIds(ids: readonly string[]): Promise<PeerMessage[]>;
  /** (control: true) Answer this control id with `code` from now on (DEFAULT: by its prefix again); resolves once the peer confirmed. */
  answer(controlId: string, code: 'AA' | 'AE' | 'AR' | 'CA' | 'CE' | 'CR' | 'DEFAULT'): Promise<void>;
  stop(): Promise<void>;
}

export async function startMllpPeer(options: { port?: number; tls?: { cert: string; key: string; ca?: string }; control?: boolean; save?: string } = {}): Promise<MllpPeer> {
  const args = [SCRIPT, '--port', String(options.port ?? 0)];
  if (options.tls) args.push('--tls', options.tls.cert, options.tls.key, ...(options.tls.ca ? ['--ca', options.tls.ca] : []));
  if (options.control) args.push('--control');
  if (options.save) args.push('--save', options.save);
  const child: ChildProcess = spawn(PYTHON, args, { stdio: [options.control ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  const confirmations: Array<{ line: string; resolve(): void }> = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const messages: PeerMessage[] = [];
  const waiters: Array<{ count: number; resolve(m: PeerMessage[]): void }> = [];
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`mllp-peer.py exited (${code}) before listening: ${stderr}`)));
    lines.on('line', (line) => {
      const [kind, a, b] = line.split(' ');
      if (kind === 'PORT') resolve(Number(a));
      if (kind === 'SET') {
        const i = confirmations.findIndex((c) => c.line === line);
        if (i >= 0) confirmations.splice(i, 1)[0]!.resolve();
      }
      if (kind === 'RECV') {
        messages.push({ controlId: a ?? '', connection: Number(b) });
        for (const w of waiters.filter((x) => messages.length >= x.count)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve([...messages]);
        }
      }
    });
  });
  child.removeAllListeners('exit');
  const received = (count: number): Promise<PeerMessage[]> => {
    if (messages.length >= count) return Promise.resolve([...messages]);
    return new Promise((resolve) => waiters.push({ count, resolve }));
  };
  return {
    port,
    messages,
    received,
    async receivedIds(ids) {
      const wanted = new Set(ids);
      const mine = () => messages.filter((m) => wanted.has(m.controlId));
      while (new Set(mine().map((m) => m.controlId)).size < wanted.size) await received(messages.length + 1);
      return mine();
    },
    answer(controlId, code) {
      if (!child.stdin) throw new Error('start the peer with control: true');
      return new Promise<void>((resolve) => {
        confirmations.push({ line: `SET ${controlId} ${code}`, resolve });
        child.stdin!.write(`ANSWER ${controlId} ${code}\n`);
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
