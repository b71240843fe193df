/** The SMART client's signing key, read from a file at start-up and checked against `alg`. */
import { createPrivateKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DestinationConfigError } from '../failures.js';

export type AssertionAlg = 'RS384' | 'ES384';

/** Pure check: does this key fit the algorithm? Returns the problem, or undefined. */
export function keyMismatch(key: KeyObject, alg: AssertionAlg): string | undefined {
  if (key.type !== 'private') return 'is not a private key';
  if (alg === 'RS384') return key.asymmetricKeyType === 'rsa' ? undefined : 'RS384 needs an RSA key';
  if (key.asymmetricKeyType !== 'ec') return 'ES384 needs an EC P-384 key';
  return key.asymmetricKeyDetails?.namedCurve === 'secp384r1' ? undefined : 'ES384 needs the P-384 curve';
}

/** PEM (PKCS#8, PKCS#1, SEC1) or a JWK JSON file. Errors name the file, never its content. */
export function loadPrivateKey(file: string, alg: AssertionAlg): KeyObject {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new DestinationConfigError(`destination.auth.privateKeyFile: cannot read ${file} (${code})`);
  }
  let key: KeyObject;
  try {
    key = text.trimStart().startsWith('{')
      ? createPrivateKey({ key: JSON.parse(text) as JsonWebKey, format: 'jwk' })
      : createPrivateKey(text);
  } catch {
    throw new DestinationConfigError(`destination.auth.privateKeyFile: ${file} is not a PEM or JWK private key`);
  }
  const problem = keyMismatch(key, alg);
  if (problem !== undefined) throw new DestinationConfigError(`destination.auth.privateKeyFile: ${file} ${problem}`);
  return key;
}
