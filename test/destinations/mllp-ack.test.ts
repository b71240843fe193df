/** judgeAck as a table: which answers acknowledge the message sent, and how their code is judged. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACK_RULES, judgeAck } from '../../src/destinations/mllp/ack.js';

const MSH = 'MSH|^~\\&|RCV|RCV|HIG|HIG|20240101000000||ACK^A01^ACK|A1|P|2.5.1';

describe('judgeAck', () => {
  const cases: Array<[string, string, ReturnType<typeof judgeAck>['kind'], string?]> = [
    ['AA, CR line ends', `${MSH}\rMSA|AA|B1\r`, 'ack', 'AA'],
    ['AE, CRLF line ends', `${MSH}\r\nMSA|AE|B1\r\n`, 'ack', 'AE'],
    ['AR, LF line ends, no final line end', `${MSH}\nMSA|AR|B1`, 'ack', 'AR'],
    ['white space and VT before MSA', `${MSH}\r \u000bMSA|CA|B1\r`, 'ack', 'CA'],
    ['the code in lower case, with components', `${MSH}\rMSA|aa^x|B1^y\r`, 'ack', 'AA'],
    ['an empty MSH-12 is still an ACK', 'MSH|^~\\&|R|R|H|H|2024||ACK|A1|P|\rMSA|AA|B1\r', 'ack', 'AA'],
    ['"MSA|" inside another segment does not count', `${MSH}\rNTE|1| MSA|AA|B1\rMSA|AE|B1\r`, 'ack', 'AE'],
    ['the first MSA line decides', `${MSH}\rMSA|AR|B1\rMSA|AA|B1\r`, 'ack', 'AR'],
    ['another field separator', 'MSH#^~\\&#R#R#H#H#2024##ACK#A1#P#2.5\rMSA#AA#B1\r', 'ack', 'AA'],
    ['MSA-2 of another message', `${MSH}\rMSA|AA|B2\r`, 'mismatch'],
    ['no MSA', `${MSH}\rERR|x\r`, 'garbage'],
    ['"MSA|" only mid-line', `${MSH}\rNTE|MSA|AA|B1\r`, 'garbage'],
    ['an unknown MSA-1', `${MSH}\rMSA|OK|B1\r`, 'garbage'],
    ['not HL7', 'hello\r', 'garbage'],
  ];
  it.each(cases)('%s', (_name, answer, kind, code) => {
    const verdict = judgeAck(Buffer.from(answer, 'latin1'), 'B1', DEFAULT_ACK_RULES);
    expect(verdict.kind).toBe(kind);
    if (code !== undefined) expect(verdict.kind === 'ack' && verdict.code).toBe(code);
  });
});
