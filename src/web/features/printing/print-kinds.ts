/**
 * The documents the bulk print can make and each one's options, as the server reads them
 * (src/server/print-kinds.ts): the option's name, its choices, its default.
 */
import type { PrintKind } from '../../api/types.ts';
import { PRINT_KIND_LABELS, primaryPointLabel, termLabel } from '../../../shared/labels.ts';

const PRINT_KINDS = Object.keys(PRINT_KIND_LABELS) as PrintKind[];

export interface PrintOption {
  /** The key in ZStartPrintJob.options. */
  name: string;
  label: string;
  choices: { value: string; label: string }[];
  /** The default choice, given the current term (1 or 2). */
  initial: (termNo: 1 | 2) => string;
}

const TERM_SCOPE: PrintOption = {
  name: 'scope',
  label: 'Phạm vi',
  choices: [
    { value: 'hk1', label: termLabel(1, 'kỳ') },
    { value: 'hk2', label: termLabel(2, 'kỳ') },
    { value: 'year', label: 'Cả năm' },
  ],
  initial: (t) => (t === 2 ? 'hk2' : 'hk1'),
};

export const PRINT_OPTIONS: Record<PrintKind, PrintOption[]> = {
  class_book: [TERM_SCOPE],
  confirmation_sheet: [{ ...TERM_SCOPE, name: 'term', choices: TERM_SCOPE.choices.map((c) => ({ ...c, value: c.value.replace('hk', '') })), initial: (t) => String(t) }],
  primary_summary: [
    {
      name: 'point',
      label: 'Thời điểm đánh giá',
      choices: (['GK1', 'CK1', 'GK2', 'CN'] as const).map((value) => ({ value, label: primaryPointLabel(value, 'kỳ') })),
      initial: (t) => (t === 2 ? 'GK2' : 'CK1'),
    },
  ],
  transcript: [],
  report_book: [
    {
      name: 'term',
      label: 'Học kỳ',
      choices: [
        { value: '1', label: termLabel(1, 'kỳ') },
        { value: '2', label: termLabel(2, 'kỳ') },
      ],
      initial: (t) => String(t),
    },
  ],
};

/** What each kind prints: per class or per student. */
export const PRINT_KIND_HINTS: Record<PrintKind, string> = {
  class_book: 'Mỗi lớp một tệp: mọi môn học, điểm và nhận xét của lớp.',
  confirmation_sheet: 'Mỗi lớp một tệp: bảng điểm từng môn để giáo viên ký xác nhận.',
  primary_summary: 'Mỗi lớp một tệp (tiểu học): môn học, phẩm chất, năng lực tại một thời điểm đánh giá.',
  transcript: 'Mỗi học sinh một tệp; học sinh chưa có năm học nào được xác nhận sẽ được liệt kê, không in.',
  report_book: 'Mỗi học sinh một tệp: kết quả học kỳ gửi cha mẹ học sinh.',
};

/** The kinds a school of this level prints (the class book and confirmation sheet are TT 22; the summary TT 27). */
export function printKindsFor(level: string | null | undefined): { value: PrintKind; label: string }[] {
  const primary = level === 'primary';
  return PRINT_KINDS.filter((k) => (primary ? k !== 'class_book' && k !== 'confirmation_sheet' : k !== 'primary_summary')).map((k) => ({
    value: k,
    label: PRINT_KIND_LABELS[k],
  }));
}

export function initialOptions(kind: PrintKind, termNo: 1 | 2): Record<string, string> {
  return Object.fromEntries(PRINT_OPTIONS[kind].map((o) => [o.name, o.initial(termNo)]));
}

const JOB_STATUS_LABELS: Record<string, string> = { queued: 'Đang chờ', running: 'Đang in', done: 'Xong', failed: 'Lỗi' };
const JOB_STATUS_COLORS: Record<string, string> = { queued: 'gray', running: 'blue', done: 'green', failed: 'red' };
export const jobStatusLabel = (s: string) => JOB_STATUS_LABELS[s] ?? s;
export const jobStatusColor = (s: string) => JOB_STATUS_COLORS[s] ?? 'gray';
