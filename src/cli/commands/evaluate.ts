/**
 * `sodiem evaluate FILE|-` (contracts/evaluate.md): applies the assessment rules to a JSON
 * document and prints the results as one JSON document. Exit 0; on invalid input exit 2 with
 * messages naming student, subject and field on stderr and nothing on stdout.
 */
import { readFile } from 'node:fs/promises';
import type { CliIo } from '../io.ts';
import { evaluateText } from '../../domain/assessment/document/evaluate-document.ts';

const USAGE = 'Cách dùng: sodiem evaluate FILE   (FILE là đường dẫn, hoặc - để đọc từ đầu vào chuẩn)\n';

export async function evaluateCommand(args: string[], io: CliIo): Promise<number> {
  if (args.length !== 1) {
    io.stderr(USAGE);
    return 2;
  }
  const [file] = args;
  let text: string;
  try {
    text = file === '-' ? await io.readStdin() : await readFile(file, 'utf8');
  } catch (e) {
    io.stderr(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
    return 2;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const result = evaluateText(text);
  if (!result.ok) {
    io.stderr(`${result.errors.join('\n')}\n`);
    return 2;
  }
  io.stdout(result.output);
  return 0;
}
