import { describe, expect, it } from 'vitest';
import { evidenceForColumn, reEntryEvidenceProblem } from './reentry-evidence.ts';

describe('reEntryEvidenceProblem', () => {
  it('asks for at least one kind', () => {
    expect(reEntryEvidenceProblem('regular', [], '')).toContain('cần nêu minh chứng');
    expect(reEntryEvidenceProblem('midterm', ['testPaper'], '')).toBeNull();
    expect(reEntryEvidenceProblem('comment', ['personalGradebook'], '')).toBeNull();
  });
  it('takes a classmate’s confirmation only for oral scores (ĐĐGtx)', () => {
    expect(reEntryEvidenceProblem('regular', ['classmateConfirmation'], '')).toBeNull();
    expect(reEntryEvidenceProblem('midterm', ['classmateConfirmation'], '')).toContain('chỉ dùng cho điểm kiểm tra miệng');
    expect(reEntryEvidenceProblem('endOfTerm', ['classmateConfirmation', 'testPaper'], '')).toBeNull();
    expect(evidenceForColumn('endOfTerm', ['classmateConfirmation', 'testPaper'])).toEqual(['testPaper']);
    expect(evidenceForColumn('regular', ['classmateConfirmation', 'classmateConfirmation'])).toEqual(['classmateConfirmation']);
  });
  it('"Khác" needs a note', () => {
    expect(reEntryEvidenceProblem('regular', ['other'], ' ')).toContain('ghi rõ');
    expect(reEntryEvidenceProblem('regular', ['other'], 'Ảnh chụp bài làm')).toBeNull();
  });
});
