/** A configuration problem: where (file, field path) and why. Every loader reports all of them at once. */
import { ConfigError } from './env.js';

export interface ConfigProblem {
  /** the channel file, or `environment` */
  file: string;
  /** dotted field path (`destination.auth.tokenEnv`), or the variable name; `(top level)` for the whole file */
  path: string;
  reason: string;
}

/** The environment's problems say the variable in their reason (the wording start has always used). */
export const ENVIRONMENT = 'environment';

export const formatProblem = (p: ConfigProblem): string => (p.file === ENVIRONMENT ? p.reason : `${p.file}: ${p.path}: ${p.reason}`);

/** Thrown by loadConfig: one line per problem (the CLI prints the message and exits 1). */
export class ConfigProblems extends ConfigError {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}
