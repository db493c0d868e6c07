/**
 * What exceljs would build from a workbook's XML, counted while the XML streams past (one pass,
 * constant memory, any chunking): rows, cells, merged areas, data-validation areas and shared
 * strings, and every cell reference (r, ref, sqref, col min/max) checked against Excel's grid.
 * Elements are matched by local name (`<x:c>` counts as `<c>`); attribute values are read
 * without a length limit, so padding cannot hide one. Comments and CDATA are not told apart
 * from elements: they can only add to the counts.
 */

/** Excel's grid: 1,048,576 rows × 16,384 columns (A…XFD). */
export const EXCEL_ROWS = 1_048_576;
export const EXCEL_COLUMNS = 16_384;

// What the scanner is in the middle of.
const TEXT = 0;
const NAME = 1;
const TAG = 2;
const ATTR = 3;
const AFTER_ATTR = 4;
const BEFORE_VALUE = 5;
const VALUE = 6;

// Elements that count (by local name).
const OTHER = 0;
const ROW = 1;
const CELL = 2;
const COL = 3;
const MERGE = 4;
const VALIDATION = 5;
const STRING = 6;

// Attributes whose values are references.
const IGNORED = 0;
const REF = 1;
const COL_NUMBER = 2;

const MAX_NAME = 16;
const MAX_TOKEN = 64;
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const COLON = 0x3a;
const EQUALS = 0x3d;
const DOLLAR = 0x24;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
const letterValue = (b: number) => (b >= 0x41 && b <= 0x5a ? b - 0x40 : b >= 0x61 && b <= 0x7a ? b - 0x60 : 0);

function bytesOf(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}
const ROW_NAME = bytesOf('row');
const COL_NAME = bytesOf('col');
const MERGE_NAME = bytesOf('mergeCell');
const VALIDATION_NAME = bytesOf('dataValidation');
const R = bytesOf('r');
const REF_NAME = bytesOf('ref');
const SQREF = bytesOf('sqref');
const MIN = bytesOf('min');
const MAX = bytesOf('max');

export class XmlTally {
  rows = 0;
  cells = 0;
  merges = 0;
  validatedCells = 0;
  sharedStrings = 0;
  /** The first reference outside Excel's grid (or unreadably long), if any. */
  outOfGrid: string | null = null;

  private state = TEXT;
  private name = new Uint8Array(MAX_NAME);
  private nameLength = 0;
  private element = OTHER;
  private attr = IGNORED;
  private quote = 0;
  private token = new Uint8Array(MAX_TOKEN);
  private tokenLength = 0;

  /** Starts a new part: nothing left open in the last one carries over. */
  startPart(): void {
    this.state = TEXT;
    this.tokenLength = 0;
  }

  feed(bytes: Uint8Array): void {
    const n = bytes.length;
    for (let i = 0; i < n; i++) {
      const b = bytes[i];
      switch (this.state) {
        case TEXT:
          if (b === LT) this.restart();
          break;
        case NAME:
          if (isSpace(b) || b === GT || b === SLASH) {
            this.element = this.countElement();
            this.state = b === GT ? TEXT : TAG;
          } else if (b === LT) this.nameLength = 0;
          else if (b === COLON) this.nameLength = 0; // a prefix: keep the local name
          else this.pushName(b);
          break;
        case TAG:
          if (b === GT) this.state = TEXT;
          else if (b === LT) this.restart();
          else if (!isSpace(b) && b !== SLASH) this.startAttr(b);
          break;
        case ATTR:
          if (b === EQUALS) this.state = BEFORE_VALUE;
          else if (isSpace(b)) this.state = AFTER_ATTR;
          else if (b === GT) this.state = TEXT;
          else this.pushName(b);
          break;
        case AFTER_ATTR:
          if (b === EQUALS) this.state = BEFORE_VALUE;
          else if (b === GT) this.state = TEXT;
          else if (!isSpace(b)) this.startAttr(b);
          break;
        case BEFORE_VALUE:
          if (b === 0x22 || b === 0x27) {
            this.quote = b;
            this.attr = this.attributeKind();
            this.tokenLength = 0;
            this.state = VALUE;
          } else if (b === GT) this.state = TEXT;
          else if (!isSpace(b)) this.state = TAG;
          break;
        case VALUE:
          if (b === this.quote) {
            this.endToken();
            this.state = TAG;
          } else if (this.attr === IGNORED) continue;
          else if (isSpace(b)) this.endToken();
          else if (this.tokenLength < MAX_TOKEN) this.token[this.tokenLength++] = b;
          else this.tokenLength = MAX_TOKEN + 1;
          break;
      }
    }
  }

  private restart(): void {
    this.state = NAME;
    this.nameLength = 0;
  }

  private pushName(b: number): void {
    if (this.nameLength < MAX_NAME) this.name[this.nameLength++] = b;
    else this.nameLength = MAX_NAME + 1; // too long to be one of ours
  }

  private startAttr(b: number): void {
    this.state = ATTR;
    this.nameLength = 0;
    this.name[this.nameLength++] = b;
  }

  private nameIs(expected: Uint8Array): boolean {
    if (this.nameLength !== expected.length) return false;
    for (let i = 0; i < expected.length; i++) if (this.name[i] !== expected[i]) return false;
    return true;
  }

  private countElement(): number {
    const n = this.name;
    switch (this.nameLength) {
      case 1:
        if (n[0] !== 0x63) return OTHER; // c
        this.cells++;
        return CELL;
      case 2:
        if (n[0] !== 0x73 || n[1] !== 0x69) return OTHER; // si
        this.sharedStrings++;
        return STRING;
      case 3:
        if (this.nameIs(ROW_NAME)) {
          this.rows++;
          return ROW;
        }
        return this.nameIs(COL_NAME) ? COL : OTHER;
      case 9:
        if (!this.nameIs(MERGE_NAME)) return OTHER;
        this.merges++;
        return MERGE;
      case 14:
        return this.nameIs(VALIDATION_NAME) ? VALIDATION : OTHER;
      default:
        return OTHER;
    }
  }

  private attributeKind(): number {
    if (this.nameIs(R) || this.nameIs(REF_NAME) || this.nameIs(SQREF)) return REF;
    if (this.element === COL && (this.nameIs(MIN) || this.nameIs(MAX))) return COL_NUMBER;
    return IGNORED;
  }

  private endToken(): void {
    const length = this.tokenLength;
    if (length === 0) return;
    this.tokenLength = 0;
    const area = length > MAX_TOKEN ? null : this.attr === COL_NUMBER ? columnNumberArea(this.token, length) : rangeArea(this.token, length);
    if (area === null) {
      this.outOfGrid ??= length > MAX_TOKEN ? `${String.fromCharCode(...this.token.subarray(0, 20))}…` : String.fromCharCode(...this.token.subarray(0, length));
      return;
    }
    if (this.element === MERGE) this.cells += area;
    else if (this.element === VALIDATION) this.validatedCells += area;
  }
}

/** A column number of `<col min max>`: 1 if on the grid, null if not (not a number: exceljs makes nothing of it). */
function columnNumberArea(token: Uint8Array, length: number): number | null {
  let n = 0;
  for (let i = 0; i < length; i++) {
    if (!isDigit(token[i])) return 1;
    n = Math.min(n * 10 + token[i] - 0x30, EXCEL_COLUMNS + 1);
  }
  return n <= EXCEL_COLUMNS ? 1 : null;
}

// The corner last read by `corner`: its column and row (0 when left out), where it ended.
let cornerColumn = 0;
let cornerRow = 0;
let cornerEnd = 0;

/** Reads one corner ("$AB$12", "AB", "12") of a reference starting at `at` into cornerColumn/Row/End. */
function corner(token: Uint8Array, at: number, length: number): void {
  let i = at;
  if (token[i] === DOLLAR) i++;
  let column = 0;
  let letters = 0;
  for (; i < length && letterValue(token[i]); i++, letters++) column = Math.min(column * 26 + letterValue(token[i]), EXCEL_COLUMNS + 1);
  if (letters > 3) column = EXCEL_COLUMNS + 1;
  if (token[i] === DOLLAR) i++;
  let row = 0;
  for (; i < length && isDigit(token[i]); i++) row = Math.min(row * 10 + token[i] - 0x30, EXCEL_ROWS + 1);
  cornerColumn = column;
  cornerRow = row;
  cornerEnd = i;
}

/**
 * How many cells "A1", "A1:C3", "A:A" or "3:3" covers (a part left out spans the grid); null when
 * a corner is off the grid; 1 for anything that is not a reference.
 */
export function rangeArea(token: Uint8Array, length = token.length): number | null {
  corner(token, 0, length);
  const [c1, r1, end1] = [cornerColumn, cornerRow, cornerEnd];
  if (end1 === 0) return 1;
  if (end1 < length && token[end1] === COLON) corner(token, end1 + 1, length);
  if (cornerEnd !== length) return 1;
  const [c2, r2] = [cornerColumn, cornerRow];
  if (c1 > EXCEL_COLUMNS || c2 > EXCEL_COLUMNS || r1 > EXCEL_ROWS || r2 > EXCEL_ROWS) return null;
  const columns = c1 && c2 ? Math.abs(c2 - c1) + 1 : EXCEL_COLUMNS;
  const rows = r1 && r2 ? Math.abs(r2 - r1) + 1 : EXCEL_ROWS;
  return columns * rows;
}
