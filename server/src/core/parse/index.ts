/**
 * YAML text -> documents with ranges (`yaml`), with Go-YAML compatibility repair (go-yaml-compat,
 * offset-map) and the incremental re-parse of an edited list item (incremental).
 */
export { parseFile, PARSE_OPTIONS, type ParsedDocument, type ParsedFile } from './parse-file';
export { reparseIncrementally } from './incremental';
