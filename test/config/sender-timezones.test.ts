/**
 * [hig time-zone rule; review 42 R42-W1, R42-N1] A channel that receives senders in two zones names each other
 * sender's zone (`senderTimezones`: MSH-4 HD.1, else MSH-3 HD.1 → IANA zone). The review's channel: America/Phoenix
 * (MST all year), a Denver reference lab (ROCKYREF; ROCKYLAB/ROCKYTX applications) across Denver's spring-forward of
 * 12 March 2028. With the lab's zone its bare times follow Denver's rule for their own instant [IG TS[dateTime] #1,
 * DTM[dateTime] #1: the offset is part of the value; MSH[Bundle] note: the zone is local context]; MSH-7's offset
 * still places the hour the zone repeats (R31-W1). Zones are checked at load, naming the channel file and key.
 *
 *   npx vitest run test/config/sender-timezones.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conversionOptions } from '../../src/config/channel.js';
import { loadChannels } from '../../src/config/load-channels.js';
import { loadConfig } from '../../src/config/load.js';
import { ConfigProblems } from '../../src/config/problems.js';
import { cmdConvert } from '../../src/cli/convert.js';
import { convertHl7v2 } from '../../src/transform/index.js';
import { TEST_KEY_HEX } from '../support/channel.js';
import { channelsDir } from '../support/daemon.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review42/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const raw = (n: string) => readFileSync(new URL(files.find((f) => f.startsWith(`${n}-`)) ?? '', dir), 'latin1');
const DENVER_LAB = { timezone: 'America/Phoenix', senderTimezones: { ROCKYREF: 'America/Denver' } };
const ofType = (message: string, type: string, options: Json) =>
  (convertHl7v2(message, options).bundle.entry as Array<{ resource?: Json }>).map((e) => e.resource).filter((r): r is Json => r?.resourceType === type);
const times = (message: string, options: Json) => ofType(message, 'DiagnosticReport', options).map((r) => String(r.effectiveDateTime));
const reportText = (message: string, options: Json) => JSON.stringify(convertHl7v2(message, options).report);

describe('senderTimezones: the Denver lab on the Phoenix channel (review 42)', () => {
  it('R42-W1 #02 → #18: the correction after the spring-forward keeps the original\'s collection time 07:40 MST (-07:00); its own report time stays -06:00', () => {
    expect(times(raw('02'), DENVER_LAB)).toEqual(['2028-03-10T07:40:00-07:00']);
    expect(times(raw('18'), DENVER_LAB)).toEqual(['2028-03-10T07:40:00-07:00']);
    expect(ofType(raw('18'), 'DiagnosticReport', DENVER_LAB)[0]?.issued).toBe('2028-03-13T15:00:00-06:00');
  });

  it('R42-N1 #10: ROCKYTX\'s bare 12 March 06:30 (MSH-7 bare too) is MDT, -06:00, not the channel\'s -07:00; #08 (11 March, MST) -07:00', () => {
    expect(times(raw('10'), DENVER_LAB)).toEqual(['2028-03-12T06:30:00-06:00']);
    // #08 OBR-7 `20280311063000`: 11 March, Denver still on MST
    expect(times(raw('08'), DENVER_LAB)).toEqual(['2028-03-11T06:30:00-07:00']);
  });

  it('control: the Phoenix senders keep the channel zone (#16 DFT bare, MSH-4 SKC); without the option #18 is read at MSH-7\'s fixed -06:00 (the documented rule)', () => {
    const charge = ofType(raw('16'), 'ChargeItem', DENVER_LAB)[0];
    expect(charge?.occurrenceDateTime).toBe('2028-03-13T06:34:00-07:00');
    expect(times(raw('18'), { timezone: 'America/Phoenix' })).toEqual(['2028-03-10T07:40:00-06:00']);
  });

  it('matched by MSH-4 HD.1 first, else MSH-3 HD.1; exact keys', () => {
    expect(times(raw('18'), { timezone: 'America/Phoenix', senderTimezones: { ROCKYLAB: 'America/Denver' } })).toEqual(['2028-03-10T07:40:00-07:00']);
    // MSH-4 wins: ROCKYREF named Phoenix, the application Denver → Phoenix's clock, MSH-7 -06:00 not Phoenix's: fixed -06:00
    expect(times(raw('18'), { timezone: 'America/Phoenix', senderTimezones: { ROCKYREF: 'America/Phoenix', ROCKYLAB: 'America/Denver' } })).toEqual(['2028-03-10T07:40:00-06:00']);
    expect(times(raw('18'), { timezone: 'America/Phoenix', senderTimezones: { rockyref: 'America/Denver' } })).toEqual(['2028-03-10T07:40:00-06:00']);
  });

  it('the hour Denver repeats (5 November 2028, 01:00-01:59) is placed by MSH-7\'s offset, as the time-zone rule does (R31-W1)', () => {
    const at = (msh7: string, bare: string) => raw('18').replace('20280313150500-0600', msh7).replaceAll('20280310074000', bare);
    expect(times(at('20281105013800-0700', '20281105013000'), DENVER_LAB)).toEqual(['2028-11-05T01:30:00-07:00']);
    expect(times(at('20281105013800-0600', '20281105013000'), DENVER_LAB)).toEqual(['2028-11-05T01:30:00-06:00']);
  });

  it('a sender whose MSH-7 offset its configured zone did not have: read at that fixed offset, and the report says so (zone and offset, no value)', () => {
    const odd = raw('18').replace('20280313150500-0600', '20280313150500-0500');
    expect(times(odd, DENVER_LAB)).toEqual(['2028-03-10T07:40:00-05:00']);
    expect(reportText(odd, DENVER_LAB)).toContain("the sender's zone America/Denver (senderTimezones, by MSH-4) did not have MSH-7's offset -05:00");
    expect(reportText(raw('18'), DENVER_LAB)).not.toContain('senderTimezones');
  });

  it('an unknown zone is refused by the converter, by hig convert, and at load naming the channel file and the key', async () => {
    expect(() => convertHl7v2(raw('18'), { timezone: 'America/Phoenix', senderTimezones: { ROCKYREF: 'America/Denvr' } })).toThrow(/senderTimezones\["ROCKYREF"\]/);
    await expect(cmdConvert(['--sender-timezone', 'ROCKYREF=America/Denvr', '-'], { out: () => {}, err: () => {} })).rejects.toThrow(/America\/Denvr/);
    const channels = channelsDir([{ id: 'dialysis', source: { type: 'http' }, destination: { type: 'none' }, timezone: 'America/Phoenix', senderTimezones: { ROCKYREF: 'America/Denvr' } }]);
    let problems: Array<{ file: string; path: string; reason: string }> = [];
    try {
      loadConfig({ env: { DATA_ENCRYPTION_KEY: TEST_KEY_HEX }, channelsDir: channels });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigProblems);
      problems = (err as ConfigProblems).problems.map((p) => ({ ...p }));
    }
    expect(problems).toEqual([{ file: join(channels, 'dialysis.json'), path: 'senderTimezones.ROCKYREF', reason: '"America/Denvr" is not an IANA time zone (e.g. America/Denver) or ±hh:mm offset' }]);
  });

  it('a channel file\'s senderTimezones reaches the conversion (conversionOptions: worker, dry runs, hig route) and hig convert --sender-timezone', async () => {
    const [channel] = loadChannels(channelsDir([{ id: 'dialysis', source: { type: 'http' }, destination: { type: 'none' }, timezone: 'America/Phoenix', senderTimezones: { ROCKYREF: 'America/Denver' } }]));
    if (channel === undefined) throw new Error('no channel');
    expect(times(raw('18'), conversionOptions(channel))).toEqual(['2028-03-10T07:40:00-07:00']);
    const lines: string[] = [];
    const file = new URL(files.find((f) => f.startsWith('18-')) ?? '', dir).pathname;
    expect(await cmdConvert(['--timezone', 'America/Phoenix', '--sender-timezone', 'ROCKYREF=America/Denver', file], { out: (l) => lines.push(l), err: () => {} })).toBe(0);
    expect(lines.join('\n')).toContain('"effectiveDateTime":"2028-03-10T07:40:00-07:00"');
  });
});
