import { describe, expect, it } from 'vitest';
import { promotionOutcomeTt58 } from './promotion-outcome-tt58.ts';

describe('TT 58/2011 Điều 14–16 — promotion, re-test, summer training', () => {
  it.each([
    ['TB', 'TB', 45, 'promoted'],
    ['G', 'T', 46, 'retained'],
    ['Kém', 'T', 0, 'retained'],
    ['Y', 'Y', 0, 'retained'],
    ['Y', 'TB', 0, 'retest'],
    ['K', 'Y', 0, 'summerTraining'],
  ] as const)('học lực %s, hạnh kiểm %s, %i absences → %s', (academic, conduct, absences, outcome) => {
    expect(promotionOutcomeTt58({ academic, conduct, absences })).toBe(outcome);
  });
});
