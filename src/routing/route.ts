/**
 * One destination's route, compiled once at start: filter → the payload it takes → v2 or FHIR
 * edits → code module. `decide` says, for one message, whether it is filtered out (and by which
 * rule or module) or what exactly would be delivered. The queue worker calls it before
 * `deliver`, and `hig route` (dry run) prints it without sending: one code path for both.
 */
import type { ContentType, DeliveryContext, Payload } from '../destinations/types.js';
import { needsOf, type DestinationConfig } from '../destinations/registry.js';
import { PermanentError } from '../errors.js';
import { parseEditable, type EditableMessage } from '../hl7/editable.js';
import type { CodeRunner } from './code.js';
import type { LoadedTables, RoutedDestination } from './config.js';
import { compileFhirEdits } from './fhir-edit.js';
import { compileFilter, ruleAt, type CompiledFilter, type FilterRule } from './filter.js';
import { compileV2Edits } from './v2-edit.js';

/** One message, in the forms the channel has. */
export interface RouteInput {
  /** The HL7 v2 bytes as received (HL7 v2 sources). */
  v2?: Buffer;
  /** The channel's FHIR Bundle (converted once per channel, when `needsFhir` of any route). */
  bundle?: Record<string, unknown>;
  /**
   * `bundle` as JSON text, when the caller has it (the text it sealed): a FHIR payload the route
   * did not edit carries it, and the destination sends it as is instead of serialising the Bundle again.
   */
  bundleJson?: string;
  /** JSON source data (JSON sources). */
  json?: unknown;
}

export type RouteDecision =
  /** A filter rule decided against it: recorded as `filtered` with the rule, never as an error. */
  | { kind: 'filtered'; by: 'filter'; decidedBy: string; rule: FilterRule }
  /** The code module returned null. */
  | { kind: 'filtered'; by: 'code'; module: string }
  /** What the destination would be given. */
  | { kind: 'deliver'; payload: Payload }
  /** A destination that takes nothing (`none`). */
  | { kind: 'nothing' };

export interface CompiledRoute {
  readonly id: string;
  readonly needs: ContentType | 'nothing';
  /** True when the route needs the FHIR Bundle (it sends it, or its filter reads FHIR facts). */
  readonly needsFhir: boolean;
  /**
   * True when the route reads the message as received (`v2` or `json` of RouteInput): it sends v2 or
   * JSON, or its filter reads HL7 paths. A route that sends the Bundle unfiltered by HL7 does not,
   * and its delivery job leaves the sealed source closed.
   */
  readonly needsSource: boolean;
  decide(input: RouteInput, context: Omit<DeliveryContext, 'signal'>): Promise<RouteDecision>;
}

export interface RouteDeps {
  tables: LoadedTables;
  /** Required when the destination has a code transformer (its module loaded at config load). */
  code?: CodeRunner;
}

function missing(what: string, id: string): never {
  // A wiring bug (the caller did not pass what the route needs), not a message problem.
  throw new PermanentError('INTERNAL', `route ${id}: no ${what} was given`);
}

function basePayload(needs: ContentType, input: RouteInput, id: string): Payload {
  switch (needs) {
    case 'hl7v2':
      return { contentType: 'hl7v2', message: input.v2 ?? missing('HL7 v2 message', id) };
    case 'fhir':
      return { contentType: 'fhir', bundle: input.bundle ?? missing('FHIR Bundle', id), ...(input.bundle !== undefined && input.bundleJson !== undefined ? { json: input.bundleJson } : {}) };
    case 'json':
      return { contentType: 'json', value: input.json !== undefined ? input.json : input.bundle !== undefined ? input.bundle : missing('JSON value', id) };
  }
}

export function compileRoute(destination: RoutedDestination, deps: RouteDeps): CompiledRoute {
  const id = destination.id;
  const needs = needsOf(destination as DestinationConfig);
  const filter: CompiledFilter | undefined = destination.filter === undefined ? undefined : compileFilter(destination.filter);
  const t = destination.transform;
  const v2 = t === undefined ? undefined : compileV2Edits(t.v2, t.controlId, deps.tables);
  const fhir = t === undefined ? undefined : compileFhirEdits(t.fhir);
  const code = t?.code;
  if (code !== undefined && deps.code === undefined) throw new Error(`route ${id}: a code transformer needs a CodeRunner`);

  return {
    id,
    needs,
    needsFhir: needs === 'fhir' || filter?.needs.fhir === true,
    needsSource: needs === 'hl7v2' || needs === 'json' || filter?.needs.hl7v2 === true,
    async decide(input, context) {
      if (filter !== undefined) {
        let editable: EditableMessage | undefined;
        if (filter.needs.hl7v2 && input.v2 !== undefined) editable = parseEditable(input.v2);
        const verdict = filter.evaluate({ ...(editable === undefined ? {} : { v2: editable }), ...(input.bundle === undefined ? {} : { bundle: input.bundle }) });
        if (!verdict.pass) return { kind: 'filtered', by: 'filter', decidedBy: verdict.decidedBy, rule: ruleAt(destination.filter!, verdict.decidedBy)! };
      }
      if (needs === 'nothing') return { kind: 'nothing' };
      let payload = basePayload(needs, input, id);
      if (payload.contentType === 'hl7v2' && v2 !== undefined) payload = { contentType: 'hl7v2', message: v2(payload.message, context) };
      // An edited Bundle is a new object: the text of the one received no longer describes it.
      if (payload.contentType === 'fhir' && fhir !== undefined) payload = { contentType: 'fhir', bundle: fhir(payload.bundle) };
      if (code !== undefined) {
        const { json: _text, ...given } = payload as Payload & { json?: string };
        const out = await deps.code!.run(code.module, given as Payload, context, code.timeoutMs);
        if (out === null) return { kind: 'filtered', by: 'code', module: code.module };
        // Whatever the module hands back, it is sent as the module made it (no text of the input rides along).
        payload = out.contentType === 'fhir' ? { contentType: 'fhir', bundle: out.bundle } : out;
      }
      return { kind: 'deliver', payload };
    },
  };
}
