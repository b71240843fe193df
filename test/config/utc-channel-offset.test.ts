/**
 * [hig time-zone rule; review 35 R35-N1] A channel left at the default timezone (UTC) reading a feed whose MSH-7 states
 * a non-zero offset reads every bare time at MSH-7's fixed offset (an hour off across the sender's daylight-saving
 * change: review 35's Adelaide feed, +1030 then +0930) and, in a message without an MSH-7 offset (its lab), at UTC;
 * nothing said so. Now each such message's report has a line at MSH-7 naming the offset and the zone, and the
 * pipeline logs one warning per channel naming the channel and the offset, never message content. Expected values
 * come from the messages' MSH-7 (docs/review35/messages) and docs/mapping.md "Time-zone rule".
 *
 *   npx vitest run test/config/utc-channel-offset.test.ts
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadChannels } from '../../src/config/load-channels.js';
import { createKeyring, parseKey } from '../../src/security/seal.js';
import { channelRuntime, pipelineStepsFor } from '../../src/steps.js';
import { convertHl7v2 } from '../../src/transform/index.js';
import { TEST_KEY_HEX } from '../support/channel.js';
import { memoryLogger } from '../support/log.js';

type Options = NonNullable<Parameters<typeof convertHl7v2>[1]>;

const samples = new URL('../../docs/review35/messages/', import.meta.url);
const files = readdirSync(samples).filter((f) => f.endsWith('.hl7')).sort();
const sample = (n: string) => readFileSync(new URL(files.find((f) => f.startsWith(`${n}-`)) ?? '', samples));
const reportText = (hl7: Buffer | string, options: Options = {}) => JSON.stringify(convertHl7v2(hl7, options).report);

const dir = mkdtempSync(path.join(tmpdir(), 'hig-utc-offset-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function channelDir(id: string, extra: Record<string, unknown> = {}): string {
  const d = mkdtempSync(path.join(dir, 'c-'));
  writeFileSync(path.join(d, `${id}.json`), JSON.stringify({ id, source: { type: 'http' }, destination: { type: 'none' }, ...extra }));
  return d;
}

/** A synthetic ADT of a sender at `msh7` (PID values synthetic: the log must hold none of them). */
const adt = (control: string, msh7: string) =>
  [`MSH|^~\\&|PAS|ORH|HIG|ORH|${msh7}||ADT^A08^ADT_A01|${control}|P|2.5.1`, `EVN|A08|${msh7}`, 'PID|1||OR3599001^^^ORH^MR||QUENNELL-ABARA^WINSLOW||19580217|M', 'PV1|1|I|5WEST^14^A^ORH||||||||||||||||OV3599001^^^ORH^VN|||||||||||||||||||||||||202704030815'].join('\r');

describe('R35-N1 [hig time-zone rule] a UTC channel reading a feed with an MSH-7 offset is told so', () => {
  it('report: #18 (MSH-7 +0930) and #01 (+1030) on the default zone each say the offset and the zone at MSH-7', () => {
    const after = reportText(sample('18'));
    expect(after).toContain('MSH-7 (segment 1)');
    expect(after).toContain('+09:30');
    expect(after).toContain("channel's timezone is UTC");
    expect(reportText(sample('01'))).toContain('+10:30');
    expect(convertHl7v2(sample('18')).utcChannelOffset).toBe('+09:30');
  });

  it('report: nothing said with the sender\'s zone, without an MSH-7 offset, or with an offset of zero', () => {
    expect(reportText(sample('18'), { timezone: 'Australia/Adelaide' })).not.toContain("channel's timezone");
    // #10 (the lab: MSH-7 without an offset) cannot show the sender's clock
    expect(reportText(sample('10'))).not.toContain("channel's timezone");
    expect(reportText(adt('Z1', '20270404090500+0000'))).not.toContain("channel's timezone");
    expect(convertHl7v2(adt('Z2', '20270404090500+0000')).utcChannelOffset).toBeUndefined();
  });

  it('log: one warning per channel naming the channel, its zone and the offset seen; no message content', () => {
    const [channel] = loadChannels(channelDir('adelaide-pas'));
    if (channel === undefined) throw new Error('no channel');
    const { log, text } = memoryLogger('info');
    const steps = pipelineStepsFor(channel, createKeyring(parseKey(TEST_KEY_HEX, 'test')), channelRuntime(channel, { log }));
    steps.convertHl7v2(Buffer.from(adt('M1', '20270404090500+0930')));
    steps.convertHl7v2(Buffer.from(adt('M2', '20270404091000+0930')));
    steps.convertHl7v2(Buffer.from(adt('M3', '20270403091000+1030')));
    const warnings = text().split('\n').filter((l) => l.includes('"level":40'));
    expect(warnings).toHaveLength(1);
    const [line] = warnings as [string];
    expect(line).toContain('adelaide-pas');
    expect(line).toContain('+09:30');
    expect(line).toContain('"timezone":"UTC"');
    for (const value of ['QUENNELL', 'WINSLOW', 'OR3599001', 'OV3599001', '19580217', 'M1']) expect(text()).not.toContain(value);
  });

  it('log: a sender whose senderTimezones zone is UTC on an America/Chicago channel: the warning names that setting and UTC, not the channel\'s zone (code review 29 CR29-3)', () => {
    const [channel] = loadChannels(channelDir('chicago-mixed', { timezone: 'America/Chicago', senderTimezones: { ORH: 'UTC' } }));
    if (channel === undefined) throw new Error('no channel');
    const { log, text } = memoryLogger('info');
    const steps = pipelineStepsFor(channel, createKeyring(parseKey(TEST_KEY_HEX, 'test')), channelRuntime(channel, { log }));
    steps.convertHl7v2(Buffer.from(adt('M1', '20270404090500-0500')));
    steps.convertHl7v2(Buffer.from(adt('M2', '20270404091000-0500')));
    const warnings = text().split('\n').filter((l) => l.includes('"level":40'));
    expect(warnings).toHaveLength(1);
    const [line] = warnings as [string];
    expect(line).toContain('"timezone":"UTC"');
    expect(line).toContain('senderTimezones.ORH');
    expect(line).not.toContain('America/Chicago');
  });

  it('log: control: a channel with the sender\'s zone warns nothing', () => {
    const [channel] = loadChannels(channelDir('adelaide-zoned', { timezone: 'Australia/Adelaide' }));
    if (channel === undefined) throw new Error('no channel');
    const { log, text } = memoryLogger('info');
    const steps = pipelineStepsFor(channel, createKeyring(parseKey(TEST_KEY_HEX, 'test')), channelRuntime(channel, { log }));
    steps.convertHl7v2(Buffer.from(adt('M1', '20270404090500+0930')));
    expect(text()).not.toContain('"level":40');
  });
});
