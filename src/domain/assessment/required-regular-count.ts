/**
 * TT 22/2021 Điều 6 khoản 1 (RULES.md §1.2): the number of regular assessments (ĐĐGtx) per
 * term from the subject's periods per year — ≤ 35 → 2, ≤ 70 → 3, > 70 → 4 — plus one when the
 * THPT student studies the subject's learning-topic cluster (cụm chuyên đề học tập).
 */
export function requiredRegularCount(input: {
  periodsPerYear: number;
  learningTopicCluster?: boolean;
}): number {
  const base = input.periodsPerYear <= 35 ? 2 : input.periodsPerYear <= 70 ? 3 : 4;
  return input.learningTopicCluster ? base + 1 : base;
}
