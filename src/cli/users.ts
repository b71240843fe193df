/**
 * `hig user add NAME --role R [--password-stdin] [--replace]` · `hig user list [--json]` ·
 * `hig user remove NAME`: named operators in <HIG_DATA_DIR>/operators.json (src/security/operators.ts).
 * Works without the daemon; a running daemon sees the change at the next request.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { addOperator, listOperators, operatorsFile, OPERATOR_ROLES, OperatorError, removeOperator } from '../security/operators.js';

export const USERS_USAGE = `user add NAME --role ${OPERATOR_ROLES.join('|')} [--password-stdin] [--replace]   a named operator (prints a generated password)
  user list [--json] · user remove NAME`;

export function cmdUser(args: string[], dataDir: string): string {
  const [sub, ...rest] = args;
  const file = operatorsFile(dataDir);
  if (sub === 'add') {
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { role: { type: 'string' }, 'password-stdin': { type: 'boolean', default: false }, replace: { type: 'boolean', default: false } } });
    const name = positionals[0];
    if (!name) throw new OperatorError('user add needs a NAME');
    if (!values.role) throw new OperatorError(`user add needs --role ${OPERATOR_ROLES.join('|')}`);
    const given = values['password-stdin'] ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : undefined;
    const { password } = addOperator(file, name, values.role, { ...(given !== undefined ? { password: given } : {}), replace: values.replace === true });
    return given !== undefined ? `${name}: ${values.role}\n` : `${name}: ${values.role}; password (shown once): ${password}\n`;
  }
  if (sub === 'list') {
    const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean', default: false } } });
    const ops = listOperators(file);
    if (values.json) return JSON.stringify(ops, null, 2) + '\n';
    return ops.length ? ops.map((o) => `${o.name}  ${o.role}  since ${o.createdAt}\n`).join('') : 'no operators\n';
  }
  if (sub === 'remove') {
    const name = rest[0];
    if (!name) throw new OperatorError('user remove needs a NAME');
    if (!removeOperator(file, name)) throw new OperatorError(`no operator ${name}`);
    return `${name}: removed\n`;
  }
  throw new OperatorError('user needs add, list or remove');
}
