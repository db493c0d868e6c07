/**
 * A keyboard-fast table of choice cells (attendance P/K, conduct T/K/Đ/CĐ, qualities and
 * competences T/Đ/C): a letter sets the cell and moves down, Space or Delete clears it, arrows
 * and Enter move, a click cycles through the choices. Unsaved cells are shaded.
 */
import { Table } from '@mantine/core';
import { type KeyboardEvent, type ReactNode, useRef } from 'react';
import { StudentName } from './StudentName.tsx';

export interface Choice {
  value: string;
  /** Keys that choose it (lower case; "đ" and "d" both for Đ). */
  keys: string[];
  color: string;
  title: string;
}

export interface KeyGridColumn {
  key: string;
  label: ReactNode;
  title?: string;
}

export interface KeyGridProps {
  testId: string;
  columns: KeyGridColumn[];
  rows: { id: string; listNumber: number; fullName: string; values: (string | null)[]; changed: boolean[]; dimmed?: boolean }[];
  choices: Choice[];
  /** Space clears the cell (for attendance, "present"). */
  emptyLabel?: string;
  readOnly?: boolean;
  onChange(row: number, col: number, value: string | null): void;
  /** Extra cells after the choices (a comment, a note…). */
  tail?: (row: number) => ReactNode;
  tailHeader?: ReactNode;
  /** Extra cells between the name and the choices. */
  head?: (row: number) => ReactNode;
  headHeader?: ReactNode;
  /** Move right instead of down after a letter (rows of many columns). */
  across?: boolean;
  /** A header row above the choice columns: consecutive groups with their span. */
  groups?: { label: string; span: number }[];
  /** How many header cells the head() and tail() add (for the group row). */
  headSpan?: number;
  tailSpan?: number;
}

export function KeyGrid(props: KeyGridProps) {
  const { columns, rows, choices, readOnly } = props;
  const ref = useRef<HTMLTableElement>(null);

  const focus = (r: number, c: number) => {
    const el = ref.current?.querySelector<HTMLButtonElement>(`button[data-r="${r}"][data-c="${c}"]`);
    el?.focus();
  };
  const next = (r: number, c: number) => {
    if (props.across) {
      if (c + 1 < columns.length) focus(r, c + 1);
      else if (r + 1 < rows.length) focus(r + 1, 0);
    } else if (r + 1 < rows.length) focus(r + 1, c);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, r: number, c: number) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const k = e.key.toLowerCase();
    const choice = choices.find((ch) => ch.keys.includes(k));
    if (choice && !readOnly) {
      e.preventDefault();
      props.onChange(r, c, choice.value);
      next(r, c);
      return;
    }
    switch (e.key) {
      case ' ':
      case 'Delete':
      case 'Backspace':
        e.preventDefault();
        if (!readOnly) props.onChange(r, c, null);
        if (e.key === ' ') next(r, c);
        return;
      case 'ArrowDown':
      case 'Enter':
        e.preventDefault();
        if (r + 1 < rows.length) focus(r + 1, c);
        return;
      case 'ArrowUp':
        e.preventDefault();
        if (r > 0) focus(r - 1, c);
        return;
      case 'ArrowRight':
        e.preventDefault();
        if (c + 1 < columns.length) focus(r, c + 1);
        return;
      case 'ArrowLeft':
        e.preventDefault();
        if (c > 0) focus(r, c - 1);
        return;
      default:
    }
  };

  const cycle = (r: number, c: number) => {
    if (readOnly) return;
    const cur = rows[r].values[c];
    const i = choices.findIndex((ch) => ch.value === cur);
    props.onChange(r, c, i + 1 < choices.length ? choices[i + 1].value : null);
  };

  return (
    <div className="kg-scroll">
      <Table ref={ref} withTableBorder withColumnBorders verticalSpacing={2} horizontalSpacing={6} fz="sm" className="kg-table" data-testid={props.testId}>
        <Table.Thead>
          {props.groups && (
            <Table.Tr>
              <Table.Th colSpan={2 + (props.headSpan ?? 0)} />
              {props.groups.map((g) => (
                <Table.Th key={g.label} colSpan={g.span} ta="center" fz="xs">
                  {g.label}
                </Table.Th>
              ))}
              {(props.tailSpan ?? 0) > 0 && <Table.Th colSpan={props.tailSpan} />}
            </Table.Tr>
          )}
          <Table.Tr>
            <Table.Th w={36}>STT</Table.Th>
            <Table.Th className="kg-name">Họ và tên</Table.Th>
            {props.headHeader}
            {columns.map((col) => (
              <Table.Th key={col.key} ta="center" title={col.title} data-column={col.key} className="kg-col">
                {col.label}
              </Table.Th>
            ))}
            {props.tailHeader}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, r) => (
            <Table.Tr key={row.id} c={row.dimmed ? 'dimmed' : undefined} data-student={row.fullName}>
              <Table.Td className="tabular">{row.listNumber}</Table.Td>
              <Table.Td className="kg-name">
                <StudentName fullName={row.fullName} />
              </Table.Td>
              {props.head?.(r)}
              {row.values.map((v, c) => {
                const choice = choices.find((ch) => ch.value === v);
                return (
                  <Table.Td key={c} p={0} ta="center" className={row.changed[c] ? 'cell-changed' : undefined}>
                    <button
                      type="button"
                      className="kg-cell"
                      data-r={r}
                      data-c={c}
                      data-value={v ?? ''}
                      aria-label={`${row.fullName} — ${typeof columns[c].label === 'string' ? columns[c].label : columns[c].title ?? ''}: ${choice?.title ?? props.emptyLabel ?? 'chưa có'}`}
                      style={{ color: choice ? `var(--mantine-color-${choice.color}-8)` : undefined }}
                      onKeyDown={(e) => onKeyDown(e, r, c)}
                      onClick={() => cycle(r, c)}
                      disabled={false}
                    >
                      {v ?? ''}
                    </button>
                  </Table.Td>
                );
              })}
              {props.tail?.(r)}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
