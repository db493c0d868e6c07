import { describe, expect, it } from 'vitest';
import { requiredRegularCount } from './required-regular-count.ts';

describe('TT 22/2021 Điều 6 khoản 1 — number of regular assessments per term', () => {
  it.each([
    [35, false, 2], // GDCD, Tin học THCS
    [36, false, 3],
    [52, false, 3], // Công nghệ 8–9, Lịch sử THPT
    [70, false, 3], // THPT electives
    [71, false, 4],
    [105, false, 4], // Ngoại ngữ 1
    [140, false, 4], // Toán THCS
    [70, true, 4], // + 1 for a THPT learning-topic cluster
    [105, true, 5],
    [35, true, 3],
  ])('%i periods per year, cluster %s → %i', (periodsPerYear, learningTopicCluster, count) => {
    expect(requiredRegularCount({ periodsPerYear, learningTopicCluster })).toBe(count);
  });
});
