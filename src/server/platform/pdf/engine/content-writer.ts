/**
 * A growing byte buffer for content streams: ASCII text and numbers are written straight into
 * it (a class book writes ~40,000 text runs; building them as strings first cost more time in
 * the garbage collector than in writing).
 */
const DIGITS = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57];

export class ContentWriter {
  private buf = Buffer.allocUnsafe(64 * 1024);
  private len = 0;

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  /** ASCII only (operators, names, hex digits). */
  ascii(s: string): this {
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.len++] = s.charCodeAt(i);
    return this;
  }

  byte(b: number): this {
    this.room(1);
    this.buf[this.len++] = b;
    return this;
  }

  /** A number rounded to two decimals, without trailing zeros, then a space. */
  num(n: number): this {
    this.room(24);
    let r = Math.round(n * 100);
    if (r < 0) {
      this.buf[this.len++] = 45; // -
      r = -r;
    }
    const int = Math.floor(r / 100);
    const frac = r - int * 100;
    this.uint(int);
    if (frac) {
      this.buf[this.len++] = 46; // .
      this.buf[this.len++] = DIGITS[Math.floor(frac / 10)];
      if (frac % 10) this.buf[this.len++] = DIGITS[frac % 10];
    }
    this.buf[this.len++] = 32;
    return this;
  }

  private uint(v: number): void {
    if (v < 10) {
      this.buf[this.len++] = DIGITS[v];
      return;
    }
    const s = String(v);
    for (let i = 0; i < s.length; i++) this.buf[this.len++] = s.charCodeAt(i);
  }

  /** Four hex digits (a glyph id in an Identity-H string). */
  hex4(v: number): void {
    this.room(4);
    const b = this.buf;
    for (let shift = 12; shift >= 0; shift -= 4) {
      const d = (v >> shift) & 15;
      b[this.len++] = d < 10 ? 48 + d : 87 + d;
    }
  }

  bytes(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}
