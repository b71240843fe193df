/**
 * Real databases for store tests: a fresh PostgreSQL database per test file on the shared server
 * (random name, dropped after), and a fresh PGlite data directory copied from a template (PGlite's
 * initdb takes 10+ s; opening a copy about one). The same tests run against both.
 */
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openPgliteDb } from '../../src/store/db-pglite.js';
import { openPostgresDb } from '../../src/store/db-postgres.js';
import type { Db } from '../../src/store/db.js';
import { createKeyring, type Sealed } from '../../src/security/seal.js';
import { indexKeysFrom } from '../../src/store/blind-index.js';
import { TEST_KEY_HEX } from './channel.js';

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDb {
  db: Db;
  /** postgres: the database's URL; pglite: its data directory */
  where: string;
  drop(): Promise<void>;
}

export async function createPgDatabase(adminUrl = PG_ADMIN_URL): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `higtest_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export async function openTestPostgres(): Promise<TestDb> {
  const d = await createPgDatabase();
  const db = await openPostgresDb(d.url);
  return {
    db,
    where: d.url,
    async drop() {
      await db.close().catch(() => undefined);
      await d.drop();
    },
  };
}

/** A data directory PGlite has initialised once per machine (initdb only), copied for each test. */
export async function pgliteTemplate(): Promise<string> {
  const dir = join(tmpdir(), 'hig-pglite-template-0.5.17');
  if (existsSync(join(dir, 'PG_VERSION'))) return dir;
  const staging = mkdtempSync(join(tmpdir(), 'hig-pglite-staging-'));
  const db = await PGlite.create(staging);
  await db.close();
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another worker made it first
  }
  return dir;
}

export async function openTestPglite(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'hig-pglite-'));
  cpSync(await pgliteTemplate(), dir, { recursive: true });
  const db = await openPgliteDb(dir);
  return {
    db,
    where: dir,
    async drop() {
      await db.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const BACKENDS = [
  { name: 'postgres', open: openTestPostgres },
  { name: 'pglite', open: openTestPglite },
] as const;

export const testKeyring = () => createKeyring(Buffer.from(TEST_KEY_HEX, 'hex'));
export const testIndexKeys = () => indexKeysFrom({ dataKey: Buffer.from(TEST_KEY_HEX, 'hex') });

/** An HL7 ADT^A01 with the given control id, patient identifiers and name. */
export function adt(opts: { controlId: string; mrn?: string; authority?: string; family?: string; given?: string; extraIds?: string; type?: string }): string {
  const ids = `${opts.mrn ?? 'MRN000001'}^^^${opts.authority ?? 'GOODHEALTH'}^MR${opts.extraIds ? `~${opts.extraIds}` : ''}`;
  return [
    `MSH|^~\\&|EPICADT|GOODHEALTH|HIG|HIG|20260101120000||${opts.type ?? 'ADT^A01^ADT_A01'}|${opts.controlId}|P|2.5.1`,
    'EVN|A01|20260101120000',
    `PID|1||${ids}||${opts.family ?? 'Everwood'}^${opts.given ?? 'Marguerite'}||19670412|F`,
    'PV1|1|I',
  ].join('\r');
}

export function sealAs(text: string | Buffer, channelId: string, messageId: string, role: 'message' | 'result' | 'ack' | 'response' | 'outcome' | 'edited'): Sealed {
  return testKeyring().seal(text, { channelId, messageId, role }, { compress: true });
}
