/**
 * Periodic evaluation of the threshold rules. Runs in every daemon; several processes evaluating
 * the same channel are safe (a rule's open alert is claimed atomically in Redis). Rounds never
 * overlap; a failing facts lookup for one channel does not stop the others.
 */
import type { Logger } from '../log.js';
import type { Facts } from './rules.js';

/** The part of the Alerter (index.ts) a round uses. */
interface RuleJudge {
  evaluate(channelId: string, clientId: number, facts: Facts): Promise<unknown>;
}

export interface AlertEvaluator {
  /** Run one round now (also what the timer does). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

export function startAlertEvaluator(opts: {
  alerter: RuleJudge;
  channels(): ReadonlyArray<{ id: string; clientId: number }>;
  factsFor(channelId: string): Promise<Facts>;
  log: Logger;
  /** default 15000 ms */
  intervalMs?: number;
}): AlertEvaluator {
  const intervalMs = opts.intervalMs ?? 15_000;
  let running: Promise<void> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  async function round(): Promise<void> {
    for (const ch of opts.channels()) {
      if (stopped) return;
      try {
        const facts = await opts.factsFor(ch.id);
        await opts.alerter.evaluate(ch.id, ch.clientId, facts);
      } catch (err) {
        opts.log.warn({ channel: ch.id, err: { name: (err as Error).name } }, 'alert facts unavailable; rules not evaluated this round');
      }
    }
  }

  function runOnce(): Promise<void> {
    running ??= round().finally(() => {
      running = undefined;
    });
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => void runOnce().finally(schedule), intervalMs);
    timer.unref();
  }
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
