/**
 * Delegation to the vice-principal (issue 22): the principal names the powers a vice-principal
 * holds in her place for one school year and one section of the school. Pure rules over the
 * actor's loaded delegations and the classes of her school.
 */
export const DELEGATED_POWERS = ['results.approve', 'correction.decide', 'document.signAsPrincipal', 'lock.confirm'] as const;
export type DelegatedPower = (typeof DELEGATED_POWERS)[number];

export const DELEGATION_SCOPES = ['all', 'primary', 'lowerSecondary', 'upperSecondary'] as const;
export type DelegationScope = (typeof DELEGATION_SCOPES)[number];

/** What each power lets her do, as the principal's page lists it. */
export const POWER_LABELS: Record<DelegatedPower, string> = {
  'results.approve': 'Phê duyệt kết quả đánh giá của lớp',
  'correction.decide': 'Duyệt hoặc từ chối giấy đề nghị sửa điểm, thay đổi thông tin',
  'document.signAsPrincipal': 'Xác nhận và ký học bạ, văn bản thay Hiệu trưởng (KT. Hiệu trưởng)',
  'lock.confirm': 'Xác nhận yêu cầu mở sổ, đổi đợt cập nhật điểm (và duyệt giấy đề nghị do Hiệu trưởng lập)',
};

/** The power as the denial names it: "chưa được Hiệu trưởng ủy quyền …". */
export const POWER_VERBS: Record<DelegatedPower, string> = {
  'results.approve': 'phê duyệt kết quả',
  'correction.decide': 'duyệt giấy đề nghị thay đổi thông tin',
  'document.signAsPrincipal': 'xác nhận học bạ, ký thay Hiệu trưởng',
  'lock.confirm': 'xác nhận yêu cầu mở sổ, đổi đợt cập nhật điểm',
};

export const SCOPE_LABELS: Record<DelegationScope, string> = {
  all: 'toàn trường',
  primary: 'cấp Tiểu học (khối 1–5)',
  lowerSecondary: 'cấp THCS (khối 6–9)',
  upperSecondary: 'cấp THPT (khối 10–12)',
};

export const SECTION_NAMES: Record<Exclude<DelegationScope, 'all'>, string> = { primary: 'cấp Tiểu học', lowerSecondary: 'cấp THCS', upperSecondary: 'cấp THPT' };

/** One delegation in force, as the actor carries it. */
export interface ActiveDelegation {
  id: string;
  schoolId: string;
  schoolYearId: string;
  powers: DelegatedPower[];
  scope: DelegationScope;
  /** The principal who granted it (null: carried over from the old confirm-delegate setting). */
  principalUserId: string | null;
}

/** A class of a school where the actor holds delegations: its year and grade decide coverage. */
export interface DelegationClass {
  name: string;
  schoolYearId: string;
  yearName: string;
  grade: number;
}

/** On whose authority an act was done when only a delegation allowed it; the audit event records it. */
export interface Authority {
  onBehalfOf: string | null;
  delegationId: string;
}

export function sectionOfGrade(grade: number): Exclude<DelegationScope, 'all'> {
  return grade <= 5 ? 'primary' : grade <= 9 ? 'lowerSecondary' : 'upperSecondary';
}

/** Does the delegation cover this class (its year, and its section unless the scope is the whole school)? */
export function covers(d: ActiveDelegation, c: DelegationClass): boolean {
  return d.schoolYearId === c.schoolYearId && (d.scope === 'all' || d.scope === sectionOfGrade(c.grade));
}
