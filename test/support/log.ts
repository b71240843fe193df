import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/log.js';

/**
 * A real pino logger writing into memory, so tests can grep everything that was logged. Repeats
 * are not collapsed (tests count lines) unless `collapseWindowMs` asks for it.
 */
export function memoryLogger(level = 'trace', collapseWindowMs = 0): { log: Logger; text(): string } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return { log: createLogger({ level, destination: sink, collapseWindowMs }), text: () => chunks.join('') };
}
