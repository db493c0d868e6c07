/**
 * The changes of a request for a record other than scores (issue 22), as stored in its
 * `cells_json` (old values as they were when filed, new values as asked), and each as one line
 * of the request: the record's name and its old and new value as the request prints them.
 */
import { formatDay } from '../../domain/calendar/vietnam-time.ts';
import { conductTermNos } from '../../domain/locks/find-record-lock.ts';
import { pointColumns } from '../../domain/results/primary-traits.ts';
import type { Tt22Level } from '../../domain/assessment/tt22-level.ts';
import type { TraitLevelTt27 } from '../../domain/assessment/year-level-tt27.ts';
import type { PrimaryPoint } from '../../domain/results/primary-traits.ts';
import type { Correction, ProfileField } from '../../shared/corrections.ts';
import type { ConductPeriod } from '../../shared/homeroom.ts';
import { CONDUCT_PERIOD_LABELS, GUARDIAN_RELATION_LABELS, PROFILE_FIELD_LABELS, SEX_LABELS, TT22_LEVEL_NAMES, labelOf, primaryPointLabel } from '../../shared/labels.ts';
import type { GuardianInput, StudentInput } from '../../shared/student.ts';

export interface StoredConductChange {
  studentId: string;
  period: ConductPeriod;
  old: { level: Tt22Level | null; comment: string; version: number };
  new: { level: Tt22Level | null; comment: string };
}

export interface StoredAttendanceChange {
  studentId: string;
  date: string;
  session: 'morning' | 'afternoon';
  old: { mark: 'P' | 'K' | null; note: string };
  new: { mark: 'P' | 'K' | null; note: string };
}

export interface StoredProfileChange {
  studentId: string;
  field: ProfileField;
  old: StudentInput[ProfileField];
  new: StudentInput[ProfileField];
}

export interface StoredPrimaryChange {
  studentId: string;
  point: PrimaryPoint;
  old: { qualities: (TraitLevelTt27 | null)[]; competences: (TraitLevelTt27 | null)[]; comment: string; version: number };
  new: { qualities: (TraitLevelTt27 | null)[]; competences: (TraitLevelTt27 | null)[]; comment: string };
}

/** The stored changes of each kind of request other than scores. */
export interface StoredRecordChanges {
  conduct: StoredConductChange;
  attendance: StoredAttendanceChange;
  profile: StoredProfileChange;
  primaryAssessment: StoredPrimaryChange;
}
export type RecordKind = keyof StoredRecordChanges;
export type StoredRecordChange = StoredRecordChanges[RecordKind];

const SESSION_LABELS = { morning: 'buổi sáng', afternoon: 'buổi chiều' } as const;
const MARK_LABELS = { P: 'Vắng có phép (P)', K: 'Vắng không phép (K)' } as const;

const withComment = (value: string, comment: string) => [value, comment && `nhận xét: ${comment}`].filter(Boolean).join('; ');
const traits = (levels: (TraitLevelTt27 | null)[]) => levels.map((l) => l ?? '–').join(' ');

function profileValue(field: ProfileField, value: StudentInput[ProfileField]): string {
  if (value === null || value === undefined) return '';
  if (field === 'guardians') {
    return (value as GuardianInput[]).map((g) => `${labelOf(GUARDIAN_RELATION_LABELS, g.relation)}: ${g.fullName}${g.occupation ? ` (${g.occupation})` : ''}`).join('; ');
  }
  if (field === 'sex') return labelOf(SEX_LABELS, String(value));
  if (field === 'dateOfBirth') return formatDay(String(value));
  return String(value);
}

type CellLine = Omit<Correction['cells'][number], 'studentName'>;

/** One stored change as a line of the request. */
export function presentRecordChange(kind: RecordKind, change: StoredRecordChange): CellLine {
  const line = (termNo: number, columnKey: string, columnLabel: string, oldDisplay: string, newDisplay: string, oldVersion = 0): CellLine => ({
    studentId: change.studentId,
    termNo,
    columnKey,
    columnLabel,
    oldDisplay,
    newDisplay,
    oldVersion,
  });
  switch (kind) {
    case 'conduct': {
      const c = change as StoredConductChange;
      const level = (l: Tt22Level | null) => (l ? TT22_LEVEL_NAMES[l] : '');
      return line(conductTermNos(c.period)[0], `conduct.${c.period}`, `Kết quả rèn luyện (${CONDUCT_PERIOD_LABELS[c.period]})`, withComment(level(c.old.level), c.old.comment), withComment(level(c.new.level), c.new.comment), c.old.version);
    }
    case 'attendance': {
      const c = change as StoredAttendanceChange;
      const mark = (m: StoredAttendanceChange['old']) => (m.mark ? withComment(MARK_LABELS[m.mark], m.note) : 'Có mặt');
      return line(0, `attendance.${c.date}.${c.session}`, `Điểm danh ${SESSION_LABELS[c.session]} ${formatDay(c.date)}`, mark(c.old), mark(c.new));
    }
    case 'profile': {
      const c = change as StoredProfileChange;
      return line(0, `profile.${c.field}`, PROFILE_FIELD_LABELS[c.field], profileValue(c.field, c.old), profileValue(c.field, c.new));
    }
    case 'primaryAssessment': {
      const c = change as StoredPrimaryChange;
      const shown = (v: StoredPrimaryChange['new']) => withComment(`Phẩm chất: ${traits(v.qualities)}; Năng lực: ${traits(v.competences)}`, v.comment);
      return line(pointColumns(c.point).termNo, `primary.${c.point}`, `Phẩm chất, năng lực (${primaryPointLabel(c.point)})`, shown(c.old), shown(c.new), c.old.version);
    }
  }
}
