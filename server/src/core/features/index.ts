/** The editor features over an analysis: completion, hover, occurrences (definition, references, rename), outline symbols, folding. */
export { complete, type CompletionKind, type CompletionEntry } from './complete';
export { hover, describeTemplate, type HoverInfo } from './hover';
export { collectOccurrences, occurrenceAt, type Occurrence, type SymbolKind } from './occurrences';
export { sameSymbol, definitionsOf, invalidNewName, renameConflict, renameEdits } from './navigation';
export { crossFileDefinition, occurrencesElsewhere, isCrossFile, type ReadFile, type FileOccurrence } from './cross-file';
export { documentSymbols, type OutlineKind, type OutlineSymbol } from './symbols';
export { foldingRanges } from './folding';
