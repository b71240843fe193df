/** The channel destination with an injected intake: what it hands over and how a refusal is classified. */
import { describe, expect, it } from 'vitest';
import { createDestination, type ForwardReceipt, type ForwardRequest } from '../../src/destinations/index.js';
import { adt, failureOf } from './helpers.js';

const context = { channelId: 'adt-in', messageId: 'm-7', destinationId: 'to-lab', controlId: 'C7', signal: new AbortController().signal };

function chained(answer: ForwardReceipt) {
  const seen: ForwardRequest[] = [];
  const destination = createDestination({ type: 'channel', channel: 'lab-out' }, { forward: async (request) => (seen.push(request), answer) });
  return { destination, seen };
}

describe('channel destination', () => {
  it('hands the message to the target channel with where it came from', async () => {
    const { destination, seen } = chained({ accepted: true, messageId: 'lab-1' });
    const outcome = await destination.deliver({ contentType: 'hl7v2', message: adt('C7') }, context);
    expect(outcome.detail).toBe('channel lab-out message lab-1');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ channelId: 'lab-out', from: { channelId: 'adt-in', messageId: 'm-7', destinationId: 'to-lab', controlId: 'C7' } });
    expect((seen[0]!.payload as { message: Buffer }).message.equals(adt('C7'))).toBe(true);
  });

  it.each([
    [{ accepted: false, code: 'QUEUE_UNAVAILABLE', retryable: true } as const, 'TransientError', 'QUEUE_UNAVAILABLE'],
    [{ accepted: false, code: 'MESSAGE_TYPE_NOT_ACCEPTED', retryable: false } as const, 'PermanentError', 'MESSAGE_TYPE_NOT_ACCEPTED'],
    [{ accepted: false, code: 'SOMETHING_ELSE', retryable: false } as const, 'PermanentError', 'DESTINATION_REJECTED'],
  ])('a refusal %j is %s %s', async (receipt, name, code) => {
    const err = await failureOf(chained(receipt).destination.deliver({ contentType: 'hl7v2', message: adt('C8') }, context));
    expect([err.name, err.code]).toEqual([name, code]);
    expect(err.message).toContain(`channel lab-out refused the message: ${receipt.code}`);
  });

  it('cannot be created without an injected intake', () => {
    expect(() => createDestination({ type: 'channel', channel: 'lab-out' })).toThrow('no channel intake was provided');
  });

  it('refuses a payload of another content type', async () => {
    const err = await failureOf(chained({ accepted: true, messageId: 'x' }).destination.deliver({ contentType: 'json', value: {} }, context));
    expect(err.name).toBe('PermanentError');
  });
});
