import { describe, expect, it } from 'vitest';
import { nextSigningStep, signingTurnRefusal } from './signing-turn.ts';

const chain = (...statuses: string[]) => statuses.map((status, i) => ({ seq: i + 1, role: ['homeroom', 'principal', 'seal'][i], status }));

describe('signing order of a học bạ year record (P5: GVCN → Hiệu trưởng → con dấu)', () => {
  it.each([
    ['the homeroom teacher signs first', false, chain('pending', 'pending', 'pending'), 1, null],
    ['the principal may not sign before the homeroom teacher', false, chain('pending', 'pending', 'pending'), 2, 'Chưa đến lượt ký này: văn bản đang chờ chữ ký của Giáo viên chủ nhiệm.'],
    ['the principal signs second', false, chain('signed', 'pending', 'pending'), 2, null],
    ['a step signed by hand on paper (mixed mode) counts as given', false, chain('handwritten', 'pending', 'pending'), 2, null],
    ['the seal waits for the principal', false, chain('signed', 'pending', 'pending'), 3, 'Chưa đến lượt ký này: văn bản đang chờ chữ ký của Hiệu trưởng.'],
    ['the seal comes last', false, chain('signed', 'signed', 'pending'), 3, null],
    ['a step already signed is not signed again', false, chain('signed', 'pending', 'pending'), 1, 'Chưa đến lượt ký này: văn bản đang chờ chữ ký của Hiệu trưởng.'],
    ['nothing after the last signature', false, chain('signed', 'signed', 'signed'), 3, 'Văn bản đã đủ chữ ký.'],
    ['a superseded version is never signed', true, chain('pending', 'pending', 'pending'), 1, 'Văn bản đã có phiên bản mới thay thế: hãy ký phiên bản mới.'],
  ])('%s', (_name, superseded, steps, seq, refusal) => {
    expect(signingTurnRefusal(superseded, steps, seq)).toBe(refusal);
  });

  it('the next step is the pending one with the lowest seq, whatever the order given', () => {
    const steps = [
      { seq: 3, role: 'seal', status: 'pending' },
      { seq: 1, role: 'homeroom', status: 'signed' },
      { seq: 2, role: 'principal', status: 'pending' },
    ];
    expect(nextSigningStep(steps)?.role).toBe('principal');
    expect(nextSigningStep(chain('signed', 'signed', 'signed'))).toBeNull();
  });
});
