/** What datatype mappers need from the conversion: the channel's zone and namespace map. */
export interface DatatypeContext {
  timezone: string;
  namespaceMap: Readonly<Record<string, string>>;
}
