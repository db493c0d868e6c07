/**
 * Year rollover (S4, kết chuyển dữ liệu sang năm học mới): every student still studying moves
 * to a class of the next grade, retained students (không lên lớp) stay in their grade, and the
 * school's last grade graduates. Class names follow the usual pattern: 6A1 → 7A1, 9A2 → (graduates);
 * an explicit class map overrides it. Pure: it plans, the action applies.
 */
export interface RolloverEnrollment {
  enrollmentId: string;
  studentId: string;
  fullName: string;
  classId: string;
  className: string;
  grade: number;
}

export interface RolloverClass {
  id: string;
  name: string;
  grade: number;
}

export interface RolloverMove {
  enrollmentId: string;
  studentId: string;
  fullName: string;
  fromClass: string;
  action: 'promoted' | 'retained' | 'graduated';
  toClassId: string | null;
  toClassName: string | null;
}

export interface RolloverPlan {
  moves: RolloverMove[];
  problems: string[];
}

/** "6A1" → "7A1"; "10 Toán" → "11 Toán"; a name without a leading grade number has no successor. */
export function successorClassName(name: string, grade: number, toGrade: number): string | null {
  const m = /^(\d{1,2})(.*)$/.exec(name.trim());
  if (!m || Number(m[1]) !== grade) return null;
  return `${toGrade}${m[2]}`;
}

export function planRollover(input: {
  enrollments: RolloverEnrollment[];
  targetClasses: RolloverClass[];
  retainedStudentIds: ReadonlySet<string>;
  lastGrade: number;
  classMap?: Readonly<Record<string, string>>;
}): RolloverPlan {
  const byName = new Map(input.targetClasses.map((c) => [c.name, c]));
  const byId = new Map(input.targetClasses.map((c) => [c.id, c]));
  const problems = new Set<string>();
  const moves = input.enrollments.map((e): RolloverMove => {
    const retained = input.retainedStudentIds.has(e.studentId);
    const base = { enrollmentId: e.enrollmentId, studentId: e.studentId, fullName: e.fullName, fromClass: e.className };
    if (!retained && e.grade >= input.lastGrade) return { ...base, action: 'graduated', toClassId: null, toClassName: null };
    const toGrade = retained ? e.grade : e.grade + 1;
    const mapped = input.classMap?.[e.classId];
    let target = mapped ? byId.get(mapped) : undefined;
    if (mapped && !target) problems.add(`Lớp đích được chọn cho lớp ${e.className} không thuộc năm học mới.`);
    if (!target) {
      const name = retained ? e.className : successorClassName(e.className, e.grade, toGrade);
      target = name ? byName.get(name) : undefined;
    }
    if (target && target.grade !== toGrade) {
      problems.add(`Lớp ${target.name} là lớp khối ${target.grade}, không nhận học sinh khối ${toGrade} từ lớp ${e.className}.`);
      target = undefined;
    }
    if (!target) problems.add(`Chưa có lớp khối ${toGrade} để nhận học sinh lớp ${e.className}${retained ? ' (ở lại lớp)' : ''}: hãy tạo lớp hoặc chọn lớp đích.`);
    return { ...base, action: retained ? 'retained' : 'promoted', toClassId: target?.id ?? null, toClassName: target?.name ?? null };
  });
  return { moves, problems: [...problems] };
}
