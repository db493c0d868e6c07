import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AwardTt27 } from '../domain/assessment/award-tt27.ts';
import type { AcademicLevelTt58 } from '../domain/assessment/legacy/classify-academic-tt58.ts';
import type { OutcomeTt58 } from '../domain/assessment/legacy/promotion-outcome-tt58.ts';
import type { ConductLevelTt58, TitleTt58 } from '../domain/assessment/legacy/title-tt58.ts';
import type { Tt22Outcome } from '../domain/assessment/promotion-outcome-tt22.ts';
import type { Tt22Title } from '../domain/assessment/title-tt22.ts';
import { TT22_LEVELS } from '../domain/assessment/tt22-level.ts';
import type { SubjectLevelTt27, TraitLevelTt27, YearLevelTt27 } from '../domain/assessment/year-level-tt27.ts';
import { gradebookColumns } from '../domain/gradebook/gradebook-columns.ts';
import { PRIMARY_POINTS } from '../domain/results/primary-traits.ts';
import { AUDIT_ACTIONS } from './audit-events.ts';
import { ZCorrectionStatus, ZEvidenceKind } from './corrections.ts';
import { PRINT_KINDS } from './documents.ts';
import type { EditSource } from './edit-log.ts';
import { ZConductPeriod, ZLevel, ZResultScope } from './homeroom.ts';
import { ZPrimaryPoint } from './primary.ts';
import { ZGuardianRelation, ZSex } from './student.ts';
import {
  CONDUCT_PERIOD_LABELS,
  CORRECTION_STATUS_LABELS,
  DOCUMENT_KIND_LABELS,
  EDIT_SOURCE_LABELS,
  EVIDENCE_KIND_LABELS,
  GUARDIAN_RELATION_LABELS,
  PRINTED_CORRECTION_STATUS_LABELS,
  PRINTED_TT22_OUTCOME_NAMES,
  PRINT_KIND_LABELS,
  RESULT_SCOPE_LABELS,
  SCORE_EVENT_LABELS,
  SEX_LABELS,
  SIGNER_ROLE_LABELS,
  SUMMARY_TT27_AWARD_NAMES,
  TRANSCRIPT_TT27_AWARD_NAMES,
  TT22_LEVEL_NAMES,
  TT22_OUTCOME_NAMES,
  TT22_TITLE_NAMES,
  TT27_AWARD_NAMES,
  TT27_SUBJECT_LEVEL_NAMES,
  TT27_TRAIT_LEVEL_NAMES,
  TT27_YEAR_LEVEL_NAMES,
  TT58_CONDUCT_NAMES,
  TT58_LEVEL_NAMES,
  TT58_OUTCOME_NAMES,
  TT58_TITLE_NAMES,
  columnLabel,
  columnName,
  inSentence,
  labelOf,
  primaryPointLabel,
  sourceLabel,
  termLabel,
  termRoman,
} from './labels.ts';

/** Every code of a union that has no run-time list: the compiler rejects a missing or unknown one. */
const codes = <T extends string>(all: Record<T, true>): T[] => Object.keys(all) as T[];

const maps: [string, Readonly<Record<string, string>>, readonly string[]][] = [
  ['TT22_LEVEL_NAMES', TT22_LEVEL_NAMES, TT22_LEVELS],
  ['TT22_LEVEL_NAMES (API levels)', TT22_LEVEL_NAMES, ZLevel.options],
  ['TT22_TITLE_NAMES', TT22_TITLE_NAMES, codes<Tt22Title>({ XS: true, G: true })],
  ['TT22_OUTCOME_NAMES', TT22_OUTCOME_NAMES, codes<Tt22Outcome>({ promoted: true, retained: true, review: true, summerTraining: true, retest: true })],
  ['PRINTED_TT22_OUTCOME_NAMES', PRINTED_TT22_OUTCOME_NAMES, Object.keys(TT22_OUTCOME_NAMES)],
  ['TT27_YEAR_LEVEL_NAMES', TT27_YEAR_LEVEL_NAMES, codes<YearLevelTt27>({ HTXS: true, HTT: true, HT: true, CHT: true })],
  ['TT27_SUBJECT_LEVEL_NAMES', TT27_SUBJECT_LEVEL_NAMES, codes<SubjectLevelTt27>({ T: true, H: true, C: true })],
  ['TT27_TRAIT_LEVEL_NAMES', TT27_TRAIT_LEVEL_NAMES, codes<TraitLevelTt27>({ T: true, Đ: true, C: true })],
  ['TT27_AWARD_NAMES', TT27_AWARD_NAMES, codes<AwardTt27>({ XS: true, TB: true })],
  ['SUMMARY_TT27_AWARD_NAMES', SUMMARY_TT27_AWARD_NAMES, Object.keys(TT27_AWARD_NAMES)],
  ['TRANSCRIPT_TT27_AWARD_NAMES', TRANSCRIPT_TT27_AWARD_NAMES, Object.keys(TT27_AWARD_NAMES)],
  ['TT58_LEVEL_NAMES', TT58_LEVEL_NAMES, codes<AcademicLevelTt58>({ G: true, K: true, TB: true, Y: true, Kém: true })],
  ['TT58_CONDUCT_NAMES', TT58_CONDUCT_NAMES, codes<ConductLevelTt58>({ T: true, K: true, TB: true, Y: true })],
  ['TT58_TITLE_NAMES', TT58_TITLE_NAMES, codes<TitleTt58>({ HSG: true, HSTT: true })],
  ['TT58_OUTCOME_NAMES', TT58_OUTCOME_NAMES, [...codes<OutcomeTt58>({ promoted: true, retained: true, retest: true, summerTraining: true }), 'promotedAfterReassessment']],
  ['RESULT_SCOPE_LABELS', RESULT_SCOPE_LABELS, ZResultScope.options],
  ['CONDUCT_PERIOD_LABELS', CONDUCT_PERIOD_LABELS, ZConductPeriod.options],
  ['EDIT_SOURCE_LABELS', EDIT_SOURCE_LABELS, codes<EditSource>({ typed: true, pasted: true, filled: true, imported: true, correction: true })],
  ['SCORE_EVENT_LABELS', SCORE_EVENT_LABELS, AUDIT_ACTIONS.filter((a) => a.startsWith('score.'))],
  ['CORRECTION_STATUS_LABELS', CORRECTION_STATUS_LABELS, ZCorrectionStatus.options],
  ['PRINTED_CORRECTION_STATUS_LABELS', PRINTED_CORRECTION_STATUS_LABELS, ZCorrectionStatus.options],
  ['EVIDENCE_KIND_LABELS', EVIDENCE_KIND_LABELS, ZEvidenceKind.options],
  ['SEX_LABELS', SEX_LABELS, ZSex.options],
  ['GUARDIAN_RELATION_LABELS', GUARDIAN_RELATION_LABELS, ZGuardianRelation.options],
  ['PRINT_KIND_LABELS', PRINT_KIND_LABELS, PRINT_KINDS],
  ['DOCUMENT_KIND_LABELS', DOCUMENT_KIND_LABELS, [...PRINT_KINDS, 'edit_log', 'correction_request', 'archive_manifest']],
  ['SIGNER_ROLE_LABELS', SIGNER_ROLE_LABELS, ['homeroom', 'principal', 'seal']],
];

describe('the Ministry’s labels', () => {
  it.each(maps)('%s labels every code of its type, and nothing else', (_name, labels, all) => {
    expect(Object.keys(labels).sort()).toEqual([...all].sort());
    for (const code of all) expect(labels[code]).toMatch(/\S/);
  });

  it('lists the print kinds in the order the print page shows them', () => {
    expect(Object.keys(PRINT_KIND_LABELS)).toEqual([...PRINT_KINDS]);
  });

  it('names the terms "học kỳ" on screen and on paper alike (GLOSSARY; issue 15 §8)', () => {
    expect([termRoman(1), termRoman(2), termRoman(3)]).toEqual(['I', 'II', 'II']);
    expect([termLabel(1), termLabel(2), termLabel(1, 'kì')]).toEqual(['Học kỳ I', 'Học kỳ II', 'Học kì I']);
    expect(RESULT_SCOPE_LABELS).toEqual({ term1: 'Học kỳ I', term2: 'Học kỳ II', year: 'Cả năm', final: 'Sau kiểm tra lại, rèn luyện hè' });
    expect(CONDUCT_PERIOD_LABELS).toEqual({ term1: 'Học kỳ I', term2: 'Học kỳ II', year: 'Cả năm', summer: 'Sau rèn luyện hè' });
  });

  it('names the four TT 27 points, and their titles in capitals', () => {
    expect(ZPrimaryPoint.options).toEqual([...PRIMARY_POINTS]);
    expect(PRIMARY_POINTS.map((p) => primaryPointLabel(p))).toEqual(['Giữa học kỳ I', 'Cuối học kỳ I', 'Giữa học kỳ II', 'Cuối năm học']);
    expect(PRIMARY_POINTS.map((p) => primaryPointLabel(p, 'kỳ'))).toEqual(['Giữa học kỳ I', 'Cuối học kỳ I', 'Giữa học kỳ II', 'Cuối năm học']);
    expect(PRIMARY_POINTS.map((p) => primaryPointLabel(p).toLocaleUpperCase('vi'))).toEqual(['GIỮA HỌC KỲ I', 'CUỐI HỌC KỲ I', 'GIỮA HỌC KỲ II', 'CUỐI NĂM HỌC']);
  });

  it.each([
    ['TX1', 'kì', 'ĐĐGtx 1'],
    ['TX5', 'kì', 'ĐĐGtx 5'],
    ['GK', 'kì', 'ĐĐGgk'],
    ['CK', 'kỳ', 'ĐĐGck'],
    ['NX', 'kì', 'Nhận xét'],
    ['MUC_GK', 'kì', 'Mức giữa kì'],
    ['MUC_CK', 'kỳ', 'Mức cuối kỳ'],
    ['KT_GK', 'kỳ', 'KTĐK giữa kỳ'],
    ['KT_CK', 'kì', 'KTĐK cuối kì'],
    ['KTL', 'kì', 'KTL'],
    ['constructor', 'kì', 'constructor'],
  ] as const)('column %s (%s) is "%s"', (key, spelling, name) => {
    expect(columnName(key, spelling)).toBe(name);
  });

  it('prints a column with its term, as the edit log does', () => {
    expect(columnLabel('TX2', 1)).toBe('ĐĐGtx 2 (HK I)');
    expect(columnLabel('CK', 2)).toBe('ĐĐGck (HK II)');
    expect(columnLabel('MUC_GK', 1)).toBe('Mức giữa kỳ (HK I)');
    expect(columnLabel('KTL', 3)).toBe('KTL (HK II)');
  });

  it('names a TT 22 sheet’s columns as its header does', () => {
    const columns = gradebookColumns({ assessmentKind: 'scored', regularCount: 4, hasPeriodicTest: false }, 1);
    expect(columns.map((c) => columnName(c.key))).toEqual(columns.map((c) => c.label));
  });

  it('prints how a value was written', () => {
    expect(sourceLabel('typed', null)).toBe('Nhập trên lưới điểm');
    expect(sourceLabel('imported', null)).toBe('Nhập từ tệp Excel');
    expect(sourceLabel('correction', null)).toBe('Giấy đề nghị');
    expect(sourceLabel('correction', 3)).toBe('Giấy đề nghị số 3');
    expect(sourceLabel('pasted', null)).toBe('Dán từ Excel vào lưới điểm');
    expect(sourceLabel('filled', null)).toBe('Điền xuống trên lưới điểm');
    expect(sourceLabel('later', null)).toBe('later');
  });

  it('reads a stored code: an unknown one (even an Object property) prints as itself', () => {
    expect(labelOf(TT22_LEVEL_NAMES, 'CĐ')).toBe('Chưa đạt');
    expect(labelOf(TT22_LEVEL_NAMES, 'X')).toBe('X');
    expect(labelOf(TT22_LEVEL_NAMES, 'toString')).toBe('toString');
  });

  it('puts a label inside a sentence', () => {
    expect(inSentence('Học kỳ I')).toBe('học kỳ I');
    expect(inSentence(GUARDIAN_RELATION_LABELS.guardian)).toBe('người giám hộ');
    expect(inSentence('')).toBe('');
  });

  it('loads no zod: other src/shared files are imported for their types only', () => {
    const source = readFileSync(new URL('./labels.ts', import.meta.url), 'utf8');
    const runtime = [...source.matchAll(/^import (?!type )[^;]*from '([^']+)'/gm)].map((m) => m[1]);
    expect(runtime.filter((from) => !from.startsWith('../domain/'))).toEqual([]);
  });
});
