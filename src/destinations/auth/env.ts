import { DestinationConfigError } from '../failures.js';

/** A secret named by env var; missing is a start-up error naming the field and variable, never a value. */
export function secretFromEnv(env: NodeJS.ProcessEnv, name: string, field: string): string {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new DestinationConfigError(`destination.auth.${field}: environment variable ${name} is not set`);
  }
  return value;
}
