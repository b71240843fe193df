/** What dedupe compares: the message less MSH-7, as slices of the raw bytes (a table of cases). */
import { describe, expect, it } from 'vitest';
import { contentWithoutMsh7 } from '../../src/hl7/content.js';

const text = (parts: Buffer[]) => parts.map((p) => p.toString('latin1')).join('¦');

describe('contentWithoutMsh7', () => {
  const rows: Array<[string, string, string]> = [
    ['MSH-7 in the middle', 'MSH|^~\\&|A|F|R|RF|20261129083015||ADT^A01|C1|P|2.5\rPID|1\r', 'MSH|^~\\&|A|F|R|RF|¦||ADT^A01|C1|P|2.5\rPID|1\r'],
    ['MSH-7 with components', 'MSH|^~\\&|A|F|R|RF|20261129^S||ADT^A01|C1\r', 'MSH|^~\\&|A|F|R|RF|¦||ADT^A01|C1\r'],
    ['empty MSH-7', 'MSH|^~\\&|A|F|R|RF|||ADT^A01|C1\r', 'MSH|^~\\&|A|F|R|RF|¦||ADT^A01|C1\r'],
    ['MSH ends at MSH-7', 'MSH|^~\\&|A|F|R|RF|2026\rPID|1\r', 'MSH|^~\\&|A|F|R|RF|¦\rPID|1\r'],
    ['other field separator, LF line ends', 'MSH#^~\\&#A#F#R#RF#2026#|x#ADT\nPID#1\n', 'MSH#^~\\&#A#F#R#RF#¦#|x#ADT\nPID#1\n'],
    ['leading blank lines', '\r\n MSH|^~\\&|A|F|R|RF|2026||X\r', '\r\n MSH|^~\\&|A|F|R|RF|¦||X\r'],
    ['no MSH-7 at all', 'MSH|^~\\&|A|F\rPID|1\r', 'MSH|^~\\&|A|F\rPID|1\r'],
    ['not HL7', 'hello', 'hello'],
  ];
  for (const [name, input, expected] of rows) it(name, () => expect(text(contentWithoutMsh7(Buffer.from(input, 'latin1')))).toBe(expected));

  it('two sends differing only in MSH-7 give the same bytes; any other change does not', () => {
    const a = Buffer.from('MSH|^~\\&|A|F|R|RF|20261129083015||ADT^A01|C1|P|2.5\rPID|1||M1\r');
    const b = Buffer.from('MSH|^~\\&|A|F|R|RF|20261201000000+0100||ADT^A01|C1|P|2.5\rPID|1||M1\r');
    const c = Buffer.from('MSH|^~\\&|A|F|R|RF|20261129083015||ADT^A01|C1|P|2.5\rPID|1||M2\r');
    const join = (x: Buffer) => Buffer.concat(contentWithoutMsh7(x)).toString('latin1');
    expect(join(a)).toBe(join(b));
    expect(join(a)).not.toBe(join(c));
  });
});
