/** Text positions: offsets <-> line/character. */
export { LineIndex } from './line-index';
export { lfView } from './line-ends';
