/**
 * A byte cap on a request body stream, for limits that depend on the request (fastify's
 * `bodyLimit` is fixed per route): for a `preParsing` hook. Past `maxBytes` the stream fails with
 * the refusal `tooLarge()` builds, and fastify answers it through the route's error handler.
 */
import { Transform, type Readable } from 'node:stream';

export function capStream(payload: Readable, maxBytes: number, tooLarge: () => Error): Transform {
  let seen = 0;
  const capped = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(tooLarge());
      else done(null, chunk);
    },
  });
  payload.on('error', (err) => capped.destroy(err));
  return payload.pipe(capped);
}
