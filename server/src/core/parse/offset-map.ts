/**
 * Maps offsets in a repaired text (with inserted characters) back to the original text.
 * Insertions are kept sorted by their position in the original text.
 */
export interface Insertion {
  /** Offset in the original text before which `length` characters were inserted. */
  readonly at: number;
  readonly length: number;
}

export class OffsetMap {
  /** Offsets in the repaired text where each insertion begins, and the cumulative shift after it. */
  private readonly repairedStarts: number[] = [];
  private readonly shifts: number[] = [];
  private readonly lengths: number[] = [];

  constructor(insertions: readonly Insertion[]) {
    let shift = 0;
    for (const ins of [...insertions].sort((a, b) => a.at - b.at)) {
      this.repairedStarts.push(ins.at + shift);
      this.lengths.push(ins.length);
      shift += ins.length;
      this.shifts.push(shift);
    }
  }

  get isIdentity(): boolean {
    return this.shifts.length === 0;
  }

  /** Original offset of a repaired offset; inserted characters map to the insertion point. */
  toOriginal(repaired: number): number {
    let lo = 0;
    let hi = this.repairedStarts.length - 1;
    let idx = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.repairedStarts[mid] <= repaired) {
        idx = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (idx < 0) return repaired;
    const insStart = this.repairedStarts[idx];
    const shiftBefore = idx === 0 ? 0 : this.shifts[idx - 1];
    if (repaired < insStart + this.lengths[idx]) return insStart - shiftBefore;
    return repaired - this.shifts[idx];
  }
}
