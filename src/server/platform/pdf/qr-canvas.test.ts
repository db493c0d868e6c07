/**
 * The footer's QR code read back from the rectangles we draw, by a decoder written here from the
 * standard (ISO/IEC 18004; versions 2–6, the sizes a verification address takes): format
 * information (with its BCH check), unmasking, the codewords in their zigzag, every block's
 * Reed–Solomon syndromes zero, then the byte-mode text. So the printed code carries the address
 * and a phone can correct errors in it, whatever the encoder.
 */
import { describe, expect, it } from 'vitest';
import type { CanvasNode, PdfNode, RectVector } from './engine/nodes.ts';
import { MM, pageFrame } from './layout.ts';
import { qrCanvas } from './qr-canvas.ts';

/** The dark modules of the drawn code, and the module size in points. */
function rasterize(node: CanvasNode): { grid: boolean[][]; module: number } {
  const [background, ...dark] = node.canvas as RectVector[];
  expect(background).toMatchObject({ x: 0, y: 0, color: '#fff' });
  const module = Math.min(...dark.map((r) => Math.min(r.w, r.h)));
  const n = background.w / module;
  const grid = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  for (const r of dark) {
    expect(r.color).toBe('#000');
    for (let y = r.y / module; y < (r.y + r.h) / module; y++) for (let x = r.x / module; x < (r.x + r.w) / module; x++) grid[y][x] = true;
  }
  return { grid, module };
}

const MASKS: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];
const ECC_LEVELS = ['M', 'L', 'H', 'Q'];
/** Error correction level M, versions 1–6: blocks, and ECC codewords per block. */
const M_BLOCKS = [0, 1, 1, 1, 2, 2, 4];
const M_ECC = [0, 10, 16, 26, 18, 24, 16];

function gfMul(a: number, b: number): number {
  let r = 0;
  for (let i = 7; i >= 0; i--) {
    r = (r << 1) ^ ((r >>> 7) * 0x11d);
    r ^= ((b >>> i) & 1) * a;
  }
  return r;
}

function decode(grid: boolean[][]): { text: string; ecc: string; version: number } {
  const n = grid.length;
  const version = (n - 17) / 4;
  expect(version >= 2 && version <= 6).toBe(true);
  // Format information, first copy, bit 0 first (row 8 and column 8 around the top-left finder).
  const at = (x: number, y: number) => (grid[y][x] ? 1 : 0);
  const spots: [number, number][] = [[8, 0], [8, 1], [8, 2], [8, 3], [8, 4], [8, 5], [8, 7], [8, 8], [7, 8], [5, 8], [4, 8], [3, 8], [2, 8], [1, 8], [0, 8]];
  const bits = spots.reduce((acc, [x, y], i) => acc | (at(x, y) << i), 0) ^ 0x5412;
  const data = bits >>> 10;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  expect((data << 10) | (rem & 0x3ff)).toBe(bits);
  const ecc = ECC_LEVELS[data >>> 3];
  const mask = MASKS[data & 7];
  expect(ecc).toBe('M');
  // Function patterns: finders with separators and format areas, timing lines, the alignment pattern.
  const isFunction = (x: number, y: number) =>
    (x < 9 && y < 9) || (x >= n - 8 && y < 9) || (x < 9 && y >= n - 8) || x === 6 || y === 6 || (Math.abs(x - (n - 7)) <= 2 && Math.abs(y - (n - 7)) <= 2);
  const stream: number[] = [];
  for (let right = n - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let vert = 0; vert < n; vert++) {
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const y = upward ? n - 1 - vert : vert;
        if (!isFunction(x, y)) stream.push(at(x, y) ^ (mask(x, y) ? 1 : 0));
      }
    }
  }
  const raw = Math.floor(stream.length / 8);
  const codewords = Array.from({ length: raw }, (_, i) => stream.slice(i * 8, i * 8 + 8).reduce((a, b) => (a << 1) | b, 0));
  // Blocks (all of one length at level M up to version 6), interleaved column by column.
  const blocks = M_BLOCKS[version];
  expect(raw % blocks).toBe(0);
  const length = raw / blocks;
  const dataBytes: number[] = [];
  for (let b = 0; b < blocks; b++) {
    const block = Array.from({ length }, (_, k) => codewords[k * blocks + b]);
    for (let i = 0, root = 1; i < M_ECC[version]; i++, root = gfMul(root, 2)) expect(block.reduce((v, c) => gfMul(v, root) ^ c, 0), `syndrome ${i}`).toBe(0);
    dataBytes.push(...block.slice(0, length - M_ECC[version]));
  }
  // Byte mode: 0100, an 8-bit count, the bytes (UTF-8).
  const bitAt = (i: number) => (dataBytes[i >>> 3] >>> (7 - (i & 7))) & 1;
  const read = (from: number, count: number) => Array.from({ length: count }, (_, i) => bitAt(from + i)).reduce((a, b) => (a << 1) | b, 0);
  expect(read(0, 4)).toBe(0b0100);
  const count = read(4, 8);
  const bytes = Array.from({ length: count }, (_, i) => read(12 + i * 8, 8));
  return { text: new TextDecoder().decode(new Uint8Array(bytes)), ecc, version };
}

describe('the QR code of the verification address', () => {
  it('encodes the address, readable and error-corrected, at level M', () => {
    for (const url of ['https://sodiem.example.edu.vn/verify/HB-7R5K-0H62-Z0NH-4XF3', 'https://x.vn/verify/GDN-7R5K-0H62-Z0NH-4XF3', 'http://127.0.0.1:42569/verify/STD-D1PF-CH3Y-K5CX-ZJCF']) {
      const { grid } = rasterize(qrCanvas(url, { fit: 15 * MM, ecc: 'M', alignment: 'right' })());
      expect(decode(grid).text).toBe(url);
    }
  });

  it('keeps the printed size: no quiet zone, ⌊15 mm / modules⌋-point modules, right-aligned', () => {
    const node = qrCanvas('https://sodiem.example.edu.vn/verify/HB-7R5K-0H62-Z0NH-4XF3', { fit: 15 * MM, ecc: 'M', alignment: 'right' })();
    const { grid, module } = rasterize(node);
    expect(decode(grid).version).toBe(4);
    // 33 modules of ⌊42.52 / 33⌋ = 1 pt: the 33 pt square the footer has always printed.
    expect([grid.length, module]).toEqual([33, 1]);
    expect(node.canvas[0]).toEqual({ type: 'rect', x: 0, y: 0, w: 33, h: 33, lineWidth: 0, color: '#fff' });
    expect(node.alignment).toBe('right');
  });

  it('sits in every page footer of a document, a fresh copy per page', () => {
    const verifyUrl = 'https://sodiem.example.edu.vn/verify/HB-7R5K-0H62-Z0NH-4XF3';
    const def = pageFrame({ documentId: 'HB-7R5K-0H62-Z0NH-4XF3', verifyUrl, runningTitle: 'Học bạ', content: [{ text: 'x' }] });
    const qrOf = (page: number) => {
      const footer = def.footer!(page, 2) as { columns: { stack: PdfNode[] }[] };
      return footer.columns[1].stack[0] as CanvasNode;
    };
    const [a, b] = [qrOf(1), qrOf(2)];
    expect(a).toEqual(b);
    expect(a.canvas[1]).not.toBe(b.canvas[1]);
    expect(decode(rasterize(a).grid).text).toBe(verifyUrl);
  });
});
