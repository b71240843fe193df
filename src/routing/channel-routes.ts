/**
 * A channel's routing as a whole: the channel filter (before anything, HL7 paths only: nothing is
 * converted yet) and one compiled route per destination. `checkChannelRouting` is what the config
 * loader adds to the schema (tables, code module files, fit of transforms, channel filter);
 * `compileChannelRoutes` is what the worker and `hig route` run — one code path for both.
 */
import { parseEditable } from '../hl7/editable.js';
import type { CodeRunner } from './code.js';
import { checkRouting, codeStepsOf, type LoadedTables, type RoutedDestination } from './config.js';
import { compileFilter, ruleAt, type FilterRule, type Problem } from './filter.js';
import { resolveInside } from './inside.js';
import { compileRoute, type CompiledRoute, type RouteInput } from './route.js';

export interface RoutedChannel {
  id: string;
  filter?: FilterRule | undefined;
  queue?: { ordering?: string } | undefined;
  destinations: readonly RoutedDestination[];
}

export interface RoutingDirs {
  /** lookup tables (map steps) */
  mappingsDir: string;
  /** code transformer modules */
  transformersDir: string;
}

/** The channel filter's verdict when it takes the message out (the deciding rule, no content). */
export interface ChannelFiltered {
  by: 'filter';
  decidedBy: string;
  rule: FilterRule;
}

export interface ChannelRoutes {
  /** undefined = the channel has no filter */
  filter?(input: RouteInput): ChannelFiltered | undefined;
  routes: CompiledRoute[];
  /** some route sends the Bundle or filters on FHIR facts: convert once */
  needsFhir: boolean;
}

/** Problems of one channel beyond its schema, with field paths relative to the channel file. */
export function checkChannelRouting(channel: RoutedChannel, dirs: RoutingDirs): { problems: Problem[]; tables: Map<string, import('./tables.js').LookupTable> } {
  const { problems, tables } = checkRouting(channel, { mappingsDir: dirs.mappingsDir });
  for (const { index, step } of codeStepsOf(channel.destinations)) {
    const found = resolveInside(dirs.transformersDir, step.module);
    if (!found.ok) problems.push({ path: ['destinations', index, 'transform', 'code', 'module'], reason: found.reason });
  }
  if (channel.filter !== undefined && compileFilter(channel.filter).needs.fhir) {
    problems.push({ path: ['filter'], reason: 'the channel filter runs before conversion: HL7 paths only (put FHIR conditions on a destination)' });
  }
  return { problems, tables };
}

export function compileChannelRoutes(channel: RoutedChannel, deps: { tables: LoadedTables; code?: CodeRunner }): ChannelRoutes {
  const routes = channel.destinations.map((d) => compileRoute(d, deps));
  const rule = channel.filter;
  const compiled = rule === undefined ? undefined : compileFilter(rule);
  return {
    routes,
    needsFhir: routes.some((r) => r.needsFhir),
    ...(compiled === undefined
      ? {}
      : {
          filter(input: RouteInput): ChannelFiltered | undefined {
            const v2 = compiled.needs.hl7v2 && input.v2 !== undefined ? parseEditable(input.v2) : undefined;
            const verdict = compiled.evaluate(v2 === undefined ? {} : { v2 });
            return verdict.pass ? undefined : { by: 'filter', decidedBy: verdict.decidedBy, rule: ruleAt(rule!, verdict.decidedBy)! };
          },
        }),
  };
}
