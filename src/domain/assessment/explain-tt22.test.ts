import { describe, expect, it } from 'vitest';
import { evaluateTt22 } from './evaluate-tt22.ts';
import { explainTt22 } from './explain-tt22.ts';
import { thcsStudent } from './testing/build-tt22-student.ts';

const explain = (...args: Parameters<typeof thcsStudent>) => explainTt22(evaluateTt22(thcsStudent(...args)));

describe('explanations of TT 22/2021 levels (Vietnamese, structured)', () => {
  it('Khá, not Tốt, because only 5 ĐTBmcn reach 8,0', () => {
    const year = explain([85, 85, 85, 85, 85, 79, 79, 79]).filter((e) => e.scope === 'year');
    expect(year[0]).toEqual({
      scope: 'year',
      code: 'KQHT_NOT_T_COUNT_80',
      text: 'Khá, chưa Tốt: chỉ 5 môn có ĐTBmcn từ 8,0 (cần 6)',
      numbers: { count: 5, required: 6, thresholdTenths: 80 },
      subjects: [],
    });
  });

  it('Ex 9: the one-subject adjustment names the subject and its score (Điều 9 khoản 3)', () => {
    const adj = explain([85, 85, 85, 85, 85, 85, 85, 40]).find((e) => e.scope === 'year' && e.code === 'KQHT_ADJUSTED_ONE_SUBJECT');
    expect(adj).toEqual({
      scope: 'year',
      code: 'KQHT_ADJUSTED_ONE_SUBJECT',
      text: 'điều chỉnh từ Đạt lên Khá: chỉ riêng môn Tin học 4,0 kéo mức xuống hai bậc (Điều 9 khoản 3)',
      numbers: { levelsDown: 2, scoreTenths: 40 },
      subjects: ['TIN'],
    });
  });

  it('Ex 10: Tốt → Chưa đạt is three levels', () => {
    const adj = explain([85, 85, 85, 85, 85, 85, 85, 30]).find((e) => e.scope === 'year' && e.code === 'KQHT_ADJUSTED_ONE_SUBJECT');
    expect(adj?.text).toBe('điều chỉnh từ Chưa đạt lên Đạt: chỉ riêng môn Tin học 3,0 kéo mức xuống ba bậc (Điều 9 khoản 3)');
  });

  it('Ex 8: Giỏi, not Xuất sắc', () => {
    const t = explain([90, 89, 92, 91, 84, 90, 93, 78]).find((e) => e.code === 'TITLE_G');
    expect(t?.text).toBe('Học sinh Giỏi, chưa Xuất sắc: chỉ 5 môn có ĐTBmcn từ 9,0 (cần 6)');
  });

  it('Ex 11: Chưa đạt because of NN1 3,2; re-assessment subjects; the result after it', () => {
    const e = explain([60, 65, 32, 70, 55, 45, 50, 58], { conduct: ['K', 'K'], retest: { NN1: 55, KHTN: 40 } });
    expect(e.find((x) => x.scope === 'year' && x.code === 'KQHT_NOT_D_FLOOR')?.text).toBe(
      'Chưa đạt: môn Ngoại ngữ 1 3,2 có ĐTBmcn dưới 3,5',
    );
    expect(e.find((x) => x.code === 'OUTCOME_RETEST')?.subjects).toEqual(['NN1', 'KHTN']);
    expect(e.find((x) => x.code === 'FINAL_REASSESSED')?.text).toBe(
      'Sau kiểm tra lại (Ngoại ngữ 1 5,5, Khoa học tự nhiên 4,0): KQHT cả năm Đạt',
    );
  });

  it('fewer than 6 scored subjects: a review, not a fail', () => {
    expect(explain([90, 90, 90, 90, 90]).find((x) => x.code === 'KQHT_REVIEW_FEW_SUBJECTS')?.text).toBe(
      'Chưa xếp loại: chỉ có 5 môn đánh giá bằng điểm số (cần ít nhất 6); cần xem xét và quyết định',
    );
  });

  it('every explanation has a code, a text and numbers', () => {
    for (const e of explain([60, 65, 32, 70, 55, 45, 50, 58], { conduct: ['T', 'CĐ'], absences: 50 })) {
      expect(e.code).toMatch(/^[A-Z0-9_]+$/);
      expect(e.text.length).toBeGreaterThan(10);
      expect(typeof e.numbers).toBe('object');
    }
  });
});
