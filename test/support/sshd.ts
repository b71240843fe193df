/**
 * A real OpenSSH sshd for SFTP tests: a free loopback port, a temporary host key and user key,
 * its own sshd_config (no PAM, internal-sftp, our authorized_keys), stopped by stop().
 * Runs as the current user (root in CI containers; StrictModes off for the temp files).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './redis.js';

export const SSHD = '/usr/sbin/sshd';

export interface TestSshd {
  host: string;
  port: number;
  username: string;
  /** user private key file (OpenSSH format, no passphrase) */
  privateKeyPath: string;
  /** the host key pin, as ssh-keygen -lf prints it: SHA256:… */
  hostKeySha256: string;
  /** a directory on the server the tests can use as remoteDir etc. (absolute, same filesystem) */
  root: string;
  /** stops sshd and removes its files */
  stop(): Promise<void>;
  /** stops sshd but keeps keys and files, for startSshd({ reuse }) */
  halt(): Promise<void>;
}

/** SHA256:<base64, no padding> of an OpenSSH public key line, like ssh-keygen -l. */
export function fingerprintOf(publicKeyLine: string): string {
  const blob = Buffer.from(publicKeyLine.trim().split(/\s+/)[1] ?? '', 'base64');
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** `reuse` restarts a server with the same keys, root and port (to prove reconnects). */
export async function startSshd(opts: { port?: number; reuse?: TestSshd } = {}): Promise<TestSshd> {
  if (opts.reuse) return restart(opts.reuse);
  const dir = mkdtempSync(join(tmpdir(), 'hig-sshd-'));
  const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'hig-test', '-f', file]);
  keygen(join(dir, 'host_ed25519'));
  keygen(join(dir, 'user_ed25519'));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'user_ed25519.pub')));
  const root = join(dir, 'files');
  mkdirSync(root);
  // sshd refuses to start without its privilege separation directory.
  if (!existsSync('/run/sshd')) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const port = opts.port ?? (await freePort());
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'host_ed25519')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'StrictModes no',
    'UsePAM no',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'PermitRootLogin prohibit-password',
    'Subsystem sftp internal-sftp',
    'LogLevel ERROR',
  ].join('\n');
  writeFileSync(join(dir, 'sshd_config'), config + '\n');
  return run(dir, port, root);
}

const dirs = new Map<TestSshd, string>();

async function restart(previous: TestSshd): Promise<TestSshd> {
  const dir = dirs.get(previous);
  if (!dir) throw new Error('unknown sshd');
  return run(dir, previous.port, previous.root);
}

async function run(dir: string, port: number, root: string): Promise<TestSshd> {
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  for (let i = 0; i < 100 && !(await portOpen(port)); i++) {
    if (child.exitCode !== null) throw new Error(`sshd exited (${child.exitCode}): ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!(await portOpen(port))) throw new Error(`sshd did not listen on ${port}: ${stderr}`);
  const kill = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const server = {
    host: '127.0.0.1',
    port,
    username: userInfo().username,
    privateKeyPath: join(dir, 'user_ed25519'),
    hostKeySha256: fingerprintOf(readFileSync(join(dir, 'host_ed25519.pub'), 'utf8')),
    root,
    /** stops sshd but keeps keys and files, for startSshd({ reuse }) */
    halt: kill,
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  dirs.set(server, dir);
  return server;
}
