/**
 * The printed student documents in tests: writes the PDF and its pages as PNG under
 * test-results/student-print/ (to look at), returns what pdftotext reads. Without poppler-utils
 * a loud skip (empty text), a failure under SODIEM_TEST_STRICT=1.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const POPPLER = ['/usr/bin/pdftotext', '/usr/bin/pdftoppm'];
export const havePoppler = POPPLER.every((p) => existsSync(p));
export const STUDENT_PRINT_OUT = join(process.cwd(), 'test-results', 'student-print');

/** The PDF's text (pdftotext -layout), and its pages as PNG in test-results/student-print/<name>-<n>.png. */
export function pdfText(name: string, pdf: Buffer): string {
  if (!havePoppler) {
    console.warn(`\n!!!!!!!! SKIPPED: PDF text checks need poppler-utils (${POPPLER.join(', ')}) !!!!!!!!\n`);
    if (process.env.SODIEM_TEST_STRICT === '1') throw new Error('poppler-utils missing under SODIEM_TEST_STRICT=1');
    return '';
  }
  mkdirSync(STUDENT_PRINT_OUT, { recursive: true });
  for (const f of readdirSync(STUDENT_PRINT_OUT)) if (f.startsWith(`${name}-`) && f.endsWith('.png')) rmSync(join(STUDENT_PRINT_OUT, f));
  const file = join(STUDENT_PRINT_OUT, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', file, join(STUDENT_PRINT_OUT, name)]);
  return execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
