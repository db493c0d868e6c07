import { describe, expect, it } from 'vitest';
import { AUDIT_ENTITY_TYPES } from '../../../shared/audit-events.ts';
import { AUDIT_FIELD_LABELS, auditFieldLabel, auditValueText, hasAuditFieldLabel, readableKey } from './audit-field-labels.ts';

/** Every field of the demo school's log after its whole year (sodiem demo), by entity type (issue 15 §7). */
const SEEN: Record<string, string[]> = {
  assessment_window: ['closes_on', 'opens_on', 'ordered_by', 'point', 'set_at', 'set_by'],
  attendance_record: ['date', 'kind', 'note', 'periodNo', 'session', 'studentId'],
  attendance_roll: ['absences', 'changed', 'date', 'periodNo', 'session'],
  class: ['0b487d62-3700-4480-8052-5d7b9731e5ac'],
  conduct_assessment: ['comment', 'level', 'period', 'studentId', 'version'],
  correction_request: ['cells', 'evidenceKind', 'number', 'status', 'termNo'],
  document: ['backend', 'certificate', 'certificateSha256', 'dataSha256', 'inputsVersion', 'kind', 'role', 'seq', 'sha256', 'title', 'version'],
  gradebook_cell: ['classId', 'columnKey', 'correctionRequestId', 'scoreTenths', 'studentId', 'subjectId', 'termNo', 'text', 'version'],
  lock: ['class_id', 'column_key', 'grade', 'id', 'ordered_by', 'reason', 'release_reason', 'released_at', 'released_by', 'school_id', 'school_year_id', 'set_at', 'set_by', 'subject_id', 'term_no'],
  primary_assessment: ['comment', 'competences', 'nominated', 'point', 'qualities', 'studentId'],
  school_year: ['copiedFrom', 'endsOn', 'grades', 'name', 'startsOn', 'subjects', 'terms'],
  seal_registration: ['certificateSha256', 'id', 'issuer', 'notAfter', 'subject'],
  student: [
    ...['class_id', 'created_at', 'ends_on', 'id', 'list_number', 'note', 'origin', 'school_id', 'school_year_id', 'starts_on', 'status', 'student_id', 'version'].map((k) => `enrollment.${k}`),
    ...['address', 'created_at', 'date_of_birth', 'ethnicity', 'family_name', 'given_name', 'guardians_json', 'id', 'middle_name', 'national_id', 'nationality', 'phone', 'place_of_birth', 'religion', 'school_id', 'sex', 'status', 'student_code', 'updated_at', 'version'].map((k) => `student.${k}`),
  ],
  teaching_assignment: ['staffId'],
  transcript_record: ['ruleVersion', 'seeded', 'sha256', 'studentId', 'versionNo'],
  user: ['fullName', 'grants', 'staffId', 'username'],
};

describe('the system log in the school’s words (issue 15 §7)', () => {
  it('has a map for every entity type', () => {
    expect(Object.keys(AUDIT_FIELD_LABELS).sort()).toEqual([...AUDIT_ENTITY_TYPES].sort());
  });

  it.each(Object.entries(SEEN).flatMap(([type, keys]) => keys.map((k) => [type, k])))('%s.%s has a Vietnamese label', (type, key) => {
    expect(hasAuditFieldLabel(type, key)).toBe(true);
    expect(auditFieldLabel(type, key)).not.toBe(readableKey(key));
  });

  it.each([
    ['document', 'backend', 'Cách ký'],
    ['document', 'inputsVersion', 'Phiên bản dữ liệu'],
    ['student', 'student.date_of_birth', 'Học sinh: ngày sinh'],
    ['gradebook_cell', 'scoreTenths', 'Điểm'],
    ['document', 'somethingNew', 'Something new'],
    ['lock', 'brand_new_field', 'Brand new field'],
  ])('%s %s → "%s"', (type, key, label) => {
    expect(auditFieldLabel(type, key)).toBe(label);
  });

  it.each([
    ['backend', null, '(trống)'],
    ['backend', 'pkcs12', 'Tệp chứng thư số (.p12)'],
    ['session', 'morning', 'Buổi sáng'],
    ['kind', 'P', 'Nghỉ có phép'],
    ['nominated', true, 'Có'],
    ['note', '', '(trống)'],
    ['grades', [6, 7], '[6,7]'],
  ])('value of %s %j → "%s"', (key, value, text) => {
    expect(auditValueText(key, value)).toBe(text);
  });

  it('a field without a label still reads as words', () => {
    expect(readableKey('inputsVersion')).toBe('Inputs version');
    expect(readableKey('student.place_of_birth')).toBe('Place of birth');
  });
});
