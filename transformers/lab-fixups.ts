/**
 * Example code transformer (channels/examples/routing/adt-fanout.json uses it for the lab system):
 * `(message, ctx) => message | null`. It runs in a worker thread with a time limit and sees only
 * the JavaScript built-ins: no require/import, no network, no files, no console. Return null to
 * filter the message out for this destination.
 */
interface Context {
  channelId: string;
  messageId: string;
  destinationId: string;
  controlId?: string;
  contentType: 'hl7v2' | 'fhir' | 'json';
}

export default function labFixups(message: string, ctx: Context): string | null {
  const segments = message.split('\r');
  // The lab does not take pre-admissions (A05): filter them out for this destination only.
  if (segments[0]?.includes('ADT^A05')) return null;
  // The lab wants to know which route delivered the message: a ZHG segment at the end.
  const body = segments.filter((s) => s !== '');
  body.push(`ZHG|${ctx.channelId}|${ctx.destinationId}`);
  return body.join('\r') + '\r';
}
