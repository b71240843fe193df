/**
 * Who is asking, and what their role lets them do. Roles are a ladder: a viewer sees metadata
 * (search, trail, stats); an operator also acts (reprocess, replay); a phi-viewer also opens
 * message content (raw v2, FHIR, ACK, destination responses); an admin also manages operators.
 * The admin token (bearer, or a dashboard login with it) is the `admin` role under the name
 * `token:admin`; an open loopback admin surface is `local`.
 */
import type { FastifyRequest } from 'fastify';

export const ROLES = ['viewer', 'operator', 'phi-viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Operator {
  name: string;
  role: Role;
}

export type Permission = 'metadata' | 'act' | 'content' | 'manage';

const NEEDS: Record<Permission, Role> = { metadata: 'viewer', act: 'operator', content: 'phi-viewer', manage: 'admin' };

export function allowed(op: Operator, what: Permission): boolean {
  return ROLES.indexOf(op.role) >= ROLES.indexOf(NEEDS[what]);
}

declare module 'fastify' {
  interface FastifyRequest {
    /** set by the admin hook for a named operator's session or key */
    operator?: Operator;
  }
}

export function operatorOf(req: FastifyRequest): Operator {
  if (req.operator) return req.operator;
  if (req.adminVia === 'open') return { name: 'local', role: 'admin' };
  return { name: 'token:admin', role: 'admin' };
}
