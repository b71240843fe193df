import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/log.js';

/** A real pino logger writing into memory, so tests can grep everything that was logged. */
export function memoryLogger(level = 'trace'): { log: Logger; text(): string } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return { log: createLogger({ level, destination: sink }), text: () => chunks.join('') };
}
