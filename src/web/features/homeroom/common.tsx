/**
 * What the homeroom pages share: the colours of levels and outcomes (their labels are in
 * src/shared/labels.ts), the class picker (homeroom classes first; every class for the
 * leadership), percentages as "37,5%", and week arithmetic for the weekly notes.
 */
import { Group, SegmentedControl, Select } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useLocation } from 'wouter';
import type { Ability, ClassGroup, Level } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { useYearSetup } from '../setup/hooks.ts';
import { useClasses } from '../people/hooks.ts';

export const LEVELS: Level[] = ['T', 'K', 'Đ', 'CĐ'];
export const LEVEL_COLORS: Record<Level, string> = { T: 'teal', K: 'blue', Đ: 'yellow', CĐ: 'red' };

export const OUTCOME_COLORS: Record<string, string> = { promoted: 'teal', retest: 'orange', summerTraining: 'orange', retained: 'red', review: 'gray' };

/** 375 (tenths of a percent) → "37,5%". */
export function percentLabel(tenths: number): string {
  return `${Math.floor(tenths / 10)},${tenths % 10}%`;
}

/** The Monday of the week holding this ISO date. */
export function mondayOf(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Regime of a class's grade: primary classes follow TT 27, the others TT 22. */
export function usePrimaryGrades(yearId: string): Set<number> {
  const setup = useYearSetup(yearId);
  return new Set((setup.data?.gradeLevels ?? []).filter((g) => g.regime === 'TT27_2020').map((g) => g.grade));
}

/**
 * The classes this user works on for a page: her homeroom classes, those she teaches (when
 * `teaching`), or all of them when the school-wide ability allows it.
 */
export function useClassChoices(
  yearId: string,
  options: { wideAbility?: Ability; teaching?: boolean; regime?: 'TT22' | 'TT27' } = {},
): { choices: ClassGroup[]; loading: boolean; error: unknown } {
  const { me, can } = useSession();
  const classes = useClasses(yearId);
  const setup = useYearSetup(yearId);
  const primary = new Set((setup.data?.gradeLevels ?? []).filter((g) => g.regime === 'TT27_2020').map((g) => g.grade));
  const wide = options.wideAbility ? can(options.wideAbility) : false;
  const choices = (classes.data ?? [])
    .filter((c) => wide || me.homeroomClassIds.includes(c.id) || (options.teaching && me.teaching.some((t) => t.classId === c.id)))
    .filter((c) => !options.regime || (options.regime === 'TT27' ? primary.has(c.grade) : !primary.has(c.grade)))
    .sort(
      (a, b) =>
        Number(me.homeroomClassIds.includes(b.id)) - Number(me.homeroomClassIds.includes(a.id)) || a.grade - b.grade || a.name.localeCompare(b.name, 'vi'),
    );
  return { choices, loading: classes.isLoading || setup.isLoading, error: classes.error ?? setup.error };
}

/** The class picker of a page whose path is `${base}/${classId}`. */
export function ClassSelect({ base, suffix = '', choices, value, children }: { base: string; suffix?: string; choices: ClassGroup[]; value: string | null; children?: ReactNode }) {
  const [, navigate] = useLocation();
  return (
    <Group gap="sm" align="flex-end" mb="md" className="no-print" wrap="wrap">
      <Select
        label="Lớp"
        w={130}
        data={choices.map((c) => ({ value: c.id, label: c.name }))}
        value={value}
        onChange={(v) => v && navigate(`${base}/${v}${suffix}`)}
        allowDeselect={false}
        searchable
        nothingFoundMessage="Không có lớp"
        placeholder="Chọn lớp"
      />
      {children}
    </Group>
  );
}

/** The class of the page: the one in the path, else the only (or first homeroom) choice. */
export function pickClass(classId: string | null, choices: ClassGroup[], homeroomClassIds: string[]): string | null {
  if (classId) return classId;
  if (choices.length === 1) return choices[0].id;
  return choices.find((c) => homeroomClassIds.includes(c.id))?.id ?? null;
}

/** A SegmentedControl of periods that fits a phone: short labels and a smaller size under 480 px. */
export function PeriodControl<T extends string>({
  label,
  data,
  value,
  onChange,
}: {
  label: string;
  data: { value: T; label: string; short: string }[];
  value: T;
  onChange: (v: T) => void;
}) {
  const phone = useMediaQuery('(max-width: 30em)', false);
  return (
    <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
      <SegmentedControl
        aria-label={label}
        size={phone ? 'xs' : 'sm'}
        data={data.map((d) => ({ value: d.value, label: phone ? d.short : d.label }))}
        value={value}
        onChange={(v) => onChange(v as T)}
      />
    </div>
  );
}
