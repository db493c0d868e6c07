/**
 * A school year's dates must hang together: the year starts before it ends, Học kỳ I comes
 * before Học kỳ II, and both lie inside the year. Returns every problem, each naming its field.
 */
export interface YearDates {
  startYear: number;
  startsOn: string;
  endsOn: string;
  terms: { termNo: number; startsOn: string; endsOn: string; endTestOn?: string | null }[];
}

export interface DateProblem {
  field: string;
  message: string;
}

const isRealDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

export const formatVietnameseDate = (iso: string) => iso.split('-').reverse().join('/');

export function checkYearDates(input: YearDates): DateProblem[] {
  const problems: DateProblem[] = [];
  const dates: [string, string][] = [
    ['startsOn', input.startsOn],
    ['endsOn', input.endsOn],
    ...input.terms.flatMap((t, i): [string, string][] => [
      [`terms[${i}].startsOn`, t.startsOn],
      [`terms[${i}].endsOn`, t.endsOn],
    ]),
  ];
  for (const [field, value] of dates) {
    if (!isRealDate(value)) problems.push({ field, message: `${formatVietnameseDate(value)} không phải là ngày hợp lệ` });
  }
  if (problems.length) return problems;
  if (Number(input.startsOn.slice(0, 4)) !== input.startYear) {
    problems.push({ field: 'startsOn', message: `Năm học ${input.startYear}-${input.startYear + 1} phải bắt đầu trong năm ${input.startYear}` });
  }
  if (input.startsOn >= input.endsOn) problems.push({ field: 'endsOn', message: 'Ngày kết thúc năm học phải sau ngày bắt đầu' });
  const terms = [...input.terms].sort((a, b) => a.termNo - b.termNo);
  if (terms.length !== 2 || terms[0].termNo !== 1 || terms[1].termNo !== 2) {
    problems.push({ field: 'terms', message: 'Năm học có đúng hai học kỳ: Học kỳ I và Học kỳ II' });
    return problems;
  }
  terms.forEach((t, i) => {
    const name = t.termNo === 1 ? 'Học kỳ I' : 'Học kỳ II';
    if (t.startsOn >= t.endsOn) problems.push({ field: `terms[${i}].endsOn`, message: `${name}: ngày kết thúc phải sau ngày bắt đầu` });
    if (t.endTestOn && (t.endTestOn < t.startsOn || t.endTestOn > t.endsOn))
      problems.push({ field: `terms[${i}].endTestOn`, message: `${name}: ngày kiểm tra cuối kỳ phải nằm trong học kỳ` });
    if (t.startsOn < input.startsOn || t.endsOn > input.endsOn)
      problems.push({ field: `terms[${i}]`, message: `${name} phải nằm trong năm học` });
  });
  if (terms[0].endsOn >= terms[1].startsOn)
    problems.push({ field: 'terms[1].startsOn', message: 'Học kỳ II phải bắt đầu sau khi Học kỳ I kết thúc' });
  return problems;
}
