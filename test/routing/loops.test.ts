/** findLoops: channel chains that come back to where they started, and targets that do not exist. */
import { describe, expect, it } from 'vitest';
import { findLoops, type ChainLink } from '../../src/routing/loops.js';

const ch = (id: string, ...targets: string[]): ChainLink => ({ id, destinations: [{ type: 'fhir' }, ...targets.map((channel) => ({ type: 'channel', channel }))] });

describe('findLoops', () => {
  it.each<[string, ChainLink[], string[][]]>([
    ['no chains', [ch('a'), ch('b')], []],
    ['a chain that ends', [ch('a', 'b'), ch('b', 'c'), ch('c')], []],
    ['a diamond is not a loop', [ch('a', 'b', 'c'), ch('b', 'd'), ch('c', 'd'), ch('d')], []],
    ['a channel to itself', [ch('a', 'a')], [['a', 'a']]],
    ['two channels', [ch('a', 'b'), ch('b', 'a')], [['a', 'b', 'a']]],
    ['a longer loop, reported from its smallest id', [ch('x', 'c'), ch('c', 'd'), ch('d', 'b'), ch('b', 'c')], [['b', 'c', 'd', 'b']]],
    ['two separate loops', [ch('a', 'b'), ch('b', 'a'), ch('p', 'q'), ch('q', 'p')], [['a', 'b', 'a'], ['p', 'q', 'p']]],
  ])('%s', (_name, channels, loops) => {
    expect(findLoops(channels).loops).toEqual(loops);
  });

  it('reports targets that name no channel, with the destination index', () => {
    expect(findLoops([ch('a', 'ghost')]).unknown).toEqual([{ channel: 'a', destination: 1, target: 'ghost' }]);
  });
});
