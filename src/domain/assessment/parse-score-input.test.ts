import { describe, expect, it } from 'vitest';
import { parseScoreInput } from './parse-score-input.ts';

describe('parseScoreInput — a score typed in the grid (TT 22/2021 Điều 5: 0–10, one decimal; "85" → 8,5 only for 20–99, issue 15 §5)', () => {
  it.each([
    ['8,5', 85],
    ['8.5', 85],
    ['85', 85],
    ['10', 100],
    ['10,0', 100],
    ['100', 100],
    ['0', 0],
    ['7', 70],
    ['20', 20],
    ['99', 99],
    ['0,5', 5],
    ['1,1', 11],
    [' 9,3 ', 93],
    ['8,50', 85],
  ])('"%s" → %i tenths', (text, tenths) => {
    expect(parseScoreInput(text)).toEqual({ ok: true, tenths });
  });

  it.each([
    ['', 'EMPTY', 'Chưa nhập điểm.'],
    ['   ', 'EMPTY', 'Chưa nhập điểm.'],
    ['8,55', 'TOO_MANY_DECIMALS', 'Điểm "8,55" có quá một chữ số thập phân; điểm chỉ lấy đến một chữ số thập phân.'],
    ['10,5', 'OUT_OF_RANGE', 'Điểm "10,5" nằm ngoài thang điểm 0–10.'],
    ['101', 'OUT_OF_RANGE', 'Điểm "101" nằm ngoài thang điểm 0–10.'],
    ['-1', 'OUT_OF_RANGE', 'Điểm "-1" nằm ngoài thang điểm 0–10.'],
    ['abc', 'NOT_A_NUMBER', '"abc" không phải là điểm số; hãy nhập một số từ 0 đến 10, ví dụ 8,5.'],
    ['8,5,1', 'NOT_A_NUMBER', '"8,5,1" không phải là điểm số; hãy nhập một số từ 0 đến 10, ví dụ 8,5.'],
    ['11', 'AMBIGUOUS', '"11" chưa rõ là điểm nào (thang điểm 0–10): nếu là 1,1 hãy nhập "1,1"; nếu là 1 hoặc 10 hãy nhập "1" hoặc "10".'],
    ['19', 'AMBIGUOUS', '"19" chưa rõ là điểm nào (thang điểm 0–10): nếu là 1,9 hãy nhập "1,9"; nếu là 1 hoặc 10 hãy nhập "1" hoặc "10".'],
    ['05', 'AMBIGUOUS', '"05" chưa rõ là điểm nào (thang điểm 0–10): nếu là 0,5 hãy nhập "0,5"; nếu là 5 hãy nhập "5".'],
    ['00', 'AMBIGUOUS', '"00" chưa rõ là điểm nào (thang điểm 0–10): nếu là 0,0 hãy nhập "0,0"; nếu là 0 hãy nhập "0".'],
  ])('"%s" is refused (%s) with a Vietnamese message', (text, code, message) => {
    expect(parseScoreInput(text)).toEqual({ ok: false, code, message });
  });
});
