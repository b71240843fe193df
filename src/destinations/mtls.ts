/**
 * Mutual TLS for requests made through Node's built-in fetch (which fhir-kit-client uses).
 *
 * fhir-kit-client has no agent/TLS option that fetch honours (its keep-alive `agent` is ignored by
 * fetch), but it copies `requestOptions` into the RequestInit of every Request, and undici's Request
 * keeps a `dispatcher` given there. Node 20 does not export undici's Agent and we may not add the
 * `undici` package, so we take the Agent class from the global dispatcher Node installs when fetch
 * first loads: `Symbol.for('undici.globalDispatcher.1')` is the cross-version hand-off undici itself
 * uses for setGlobalDispatcher, so it is stable across Node 18–24. We never replace the global one:
 * the client certificate applies to this destination only.
 */
import { readFileSync } from 'node:fs';
import { DestinationConfigError } from './failures.js';
import { clientTlsPolicy } from '../security/tls.js';
import type { TlsConfig } from './config.js';

/** The part of undici's Dispatcher we use. */
export interface Dispatcher {
  close(): Promise<void>;
}

interface AgentOptions {
  connect: { cert: Buffer; key: Buffer; ca?: Buffer; minVersion: string; ciphers: string };
}
type AgentClass = new (options: AgentOptions) => Dispatcher;

const globalDispatcherKey = Symbol.for('undici.globalDispatcher.1');

async function undiciAgentClass(): Promise<AgentClass> {
  const holder = globalThis as Record<symbol, unknown>;
  // Node loads undici (and installs its global Agent) lazily on the first fetch call.
  if (holder[globalDispatcherKey] === undefined) await (await fetch('data:,')).text();
  const current = holder[globalDispatcherKey];
  if (typeof current !== 'object' || current === null) {
    throw new DestinationConfigError('destination.tls: this Node.js build exposes no fetch dispatcher for mutual TLS');
  }
  return current.constructor as AgentClass;
}

/** Reads a PEM file named in a destination block; a DestinationConfigError names the field. */
export function readPem(file: string, field: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new DestinationConfigError(`destination.tls.${field}: cannot read ${file} (${code})`);
  }
}

/**
 * Files are read now (so a bad path fails at start-up); the agent is built on first use. The
 * connection follows hig's TLS policy (src/security/tls.ts): TLS 1.2+, forward-secret AEAD suites.
 */
export function createMtlsDispatcher(tls: TlsConfig): () => Promise<Dispatcher> {
  const connect = {
    ...clientTlsPolicy(),
    cert: readPem(tls.certFile, 'certFile'),
    key: readPem(tls.keyFile, 'keyFile'),
    ...(tls.caFile === undefined ? {} : { ca: readPem(tls.caFile, 'caFile') }),
  };
  let agent: Promise<Dispatcher> | undefined;
  return () => {
    agent ??= undiciAgentClass().then((Agent) => new Agent({ connect }));
    return agent;
  };
}
