/**
 * Datatype components whose IG row targets an extension the IG does not name (`extension??-…`, no
 * URL): [IG CX[Identifier] CX.6 → extension??-assigningFacility], [IG XCN[Practitioner] XCN.14 →
 * identifier.extension??-assigningFacility], [IG XON[Organization] XON.8 →
 * identifier.extension??-location, XON.2 → extension??-nameType]. With no URL to put the value
 * under, hig reports it with that reason (one line per field, never the value), as it does TQ1-10
 * and PID-27; until review 9 these were read past silently (CX.6 in 19 of 25 messages).
 */
import type { Repetition } from '../../hl7/message.js';
import { hasValue, sub } from './primitive.js';

/** The report line's reason for a component the IG maps to the unnamed `extension??-${name}`. */
export function unnamedExtensionWhy(component: string, name: string): string {
  return `${component}: the IG row names an unnamed extension (extension??-${name})`;
}

/** Reports component `c` of `rep` when valued (any subcomponent): its IG row's extension has no name. */
export function reportUnnamedExtension(rep: Repetition | undefined, c: number, component: string, name: string, report: ((what: string) => void) | undefined): void {
  if (report !== undefined && hasValue(sub(rep, c))) report(unnamedExtensionWhy(component, name));
}
