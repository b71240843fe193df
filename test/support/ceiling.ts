/**
 * A hang ceiling, never an expectation of speed: a loaded 2-core machine (other sessions' suites beside this one)
 * can take tens of seconds over what takes one here, so no wait of the shared helpers gives up before this,
 * whatever its caller asked. A test that needs a short wait as a probe (something must NOT happen) writes its own
 * loop. vitest.config.ts's testTimeout is above it, so a hung wait reports its own label.
 */
export const HANG_CEILING_MS = 120_000;

/** `timeoutMs` raised to the hang ceiling. */
export const hangCeiling = (timeoutMs = 0): number => Math.max(timeoutMs, HANG_CEILING_MS);
