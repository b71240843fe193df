/**
 * A private PostgreSQL server for tests that stop, SIGKILL and restart it (the shared server on
 * 5432 serves other work): initdb into a temp dir as the postgres user, on a free port.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './redis.js';

const BIN = `/usr/lib/postgresql/${readdirSync('/usr/lib/postgresql')[0]}/bin`;

function asPostgres(cmd: string, args: string[]): string {
  return execFileSync('runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface PrivatePg {
  url: string;
  port: number;
  dataDir: string;
  start(): void;
  /** SIGKILL the postmaster (and so every backend): a crash, not a shutdown */
  kill(): void;
  destroy(): void;
}

export async function startPrivatePg(): Promise<PrivatePg> {
  const root = mkdtempSync(join(tmpdir(), 'hig-pg-'));
  const postgresUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(root, postgresUid, postgresUid);
  const dataDir = join(root, 'data');
  asPostgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const pg: PrivatePg = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    start() {
      asPostgres('pg_ctl', ['-D', dataDir, '-l', join(root, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c shared_buffers=16MB`, 'start']);
    },
    kill() {
      const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
      // backends die with their postmaster; wait until the port is free of it
      for (let i = 0; i < 200; i++) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        execFileSync('sleep', ['0.05']);
      }
    },
    destroy() {
      try {
        asPostgres('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
      } catch {
        /* not running */
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
  pg.start();
  return pg;
}
