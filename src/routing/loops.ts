/**
 * Channel chains must end: a `channel` destination that leads (directly or through others) back to
 * its own channel would pass one message around forever. Checked at config load over every
 * channel; also reports targets that name no channel.
 */

/** The part of a channel this check reads. */
export interface ChainLink {
  id: string;
  destinations: ReadonlyArray<{ type: string; channel?: string }>;
}

export interface ChainProblems {
  /** Each loop once, as the channel ids along it, starting at the smallest id and ending where it started. */
  loops: string[][];
  /** Destinations whose target channel does not exist: [channel id, destination index, target]. */
  unknown: Array<{ channel: string; destination: number; target: string }>;
}

export function findLoops(channels: readonly ChainLink[]): ChainProblems {
  const ids = new Set(channels.map((c) => c.id));
  const edges = new Map<string, string[]>();
  const unknown: ChainProblems['unknown'] = [];
  for (const channel of channels) {
    const targets: string[] = [];
    channel.destinations.forEach((d, index) => {
      if (d.type !== 'channel' || d.channel === undefined) return;
      if (ids.has(d.channel)) targets.push(d.channel);
      else unknown.push({ channel: channel.id, destination: index, target: d.channel });
    });
    edges.set(channel.id, targets);
  }
  const loops = new Map<string, string[]>();
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const next of edges.get(id) ?? []) {
      if (state.get(next) === 'visiting') {
        const cycle = stack.slice(stack.indexOf(next));
        const start = cycle.indexOf([...cycle].sort()[0]!);
        const canonical = [...cycle.slice(start), ...cycle.slice(0, start)];
        loops.set(canonical.join('>'), [...canonical, canonical[0]!]);
      } else if (state.get(next) === undefined) visit(next);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of [...ids].sort()) if (state.get(id) === undefined) visit(id);
  return { loops: [...loops.values()], unknown };
}
