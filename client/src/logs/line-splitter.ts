/**
 * Splits a byte stream into lines: UTF-8 safe across chunk boundaries, linear in the input for very
 * long lines, and with a cap on the length of one line (the rest is counted, not kept). A line is
 * only complete at '\n'; what is left when a stream drops is discarded (the resume sends it again).
 */
import { StringDecoder } from 'node:string_decoder';

export const DEFAULT_MAX_LINE_CHARS = 1 << 20;

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private parts: string[] = [];
  private partChars = 0;
  private cut = 0;

  constructor(private readonly maxLineChars = DEFAULT_MAX_LINE_CHARS) {}

  /** Returns the lines completed by this chunk. */
  push(chunk: Buffer): string[] {
    const s = this.decoder.write(chunk);
    if (s.length === 0) return [];
    let nl = s.indexOf('\n');
    if (nl < 0) {
      this.keep(s);
      return [];
    }
    const out: string[] = [];
    let from = 0;
    while (nl >= 0) {
      const piece = s.slice(from, nl);
      if (this.parts.length === 0 && this.cut === 0) out.push(piece.length > this.maxLineChars ? this.cutLine(piece) : piece);
      else {
        this.keep(piece);
        out.push(this.take());
      }
      from = nl + 1;
      nl = s.indexOf('\n', from);
    }
    if (from < s.length) this.keep(s.slice(from));
    return out;
  }

  /** The unterminated rest, at a clean end of stream (the container's last line had no newline). */
  finish(): string | undefined {
    const tail = this.decoder.end();
    if (tail) this.keep(tail);
    if (this.parts.length === 0 && this.cut === 0) return undefined;
    return this.take();
  }

  private cutLine(s: string): string {
    return `${s.slice(0, this.maxLineChars)} … [${s.length - this.maxLineChars} more characters not kept]`;
  }

  private keep(s: string): void {
    const room = this.maxLineChars - this.partChars;
    if (room <= 0) {
      this.cut += s.length;
      return;
    }
    if (s.length > room) {
      this.parts.push(s.slice(0, room));
      this.partChars += room;
      this.cut += s.length - room;
      return;
    }
    this.parts.push(s);
    this.partChars += s.length;
  }

  private take(): string {
    const joined = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    const line = this.cut > 0 ? `${joined} … [${this.cut} more characters not kept]` : joined;
    this.parts = [];
    this.partChars = 0;
    this.cut = 0;
    return line;
  }
}
