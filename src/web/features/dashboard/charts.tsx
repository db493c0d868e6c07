/**
 * The dashboard charts (Recharts, bundled: no CDN, no eval — fine under our CSP): a donut of a
 * level distribution, 100 % stacked bars of shares, a line of absences per month. Counts and
 * percentages come from the server (tenths of a percent); the floats here only size the shapes.
 */
import { Box, Group, Stack, Table, Text, useMantineTheme } from '@mantine/core';
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AttendanceMonth, LevelDistribution } from '../../api/types.ts';
import { TT22_LEVEL_NAMES } from '../../../shared/labels.ts';
import { LEVEL_COLORS, percentLabel } from '../homeroom/common.tsx';

export type LevelKey = keyof LevelDistribution;
export const LEVEL_KEYS: LevelKey[] = ['T', 'K', 'Đ', 'CĐ', 'pending'];
export const levelLabel = (k: LevelKey) => (k === 'pending' ? 'Chưa xếp loại' : TT22_LEVEL_NAMES[k]);

/** Mantine palette → hex (SVG fills take plain colours). */
export function usePalette() {
  const theme = useMantineTheme();
  const c = (name: string, shade = 6) => theme.colors[name]?.[shade] ?? name;
  return {
    c,
    level: (k: LevelKey) => (k === 'pending' ? c('gray', 4) : c(LEVEL_COLORS[k], k === 'Đ' ? 5 : 6)),
    grid: c('gray', 3),
    text: c('gray', 7),
  };
}

const ANIMATION = 400;
const tooltipStyle = { fontSize: 13, borderRadius: 6 };

/** A donut of T/K/Đ/CĐ/chưa xếp loại with its legend "Tốt: 11 (27,5%)" and the table under it. */
export function LevelDonut({ distribution, total, testId }: { distribution: LevelDistribution; total: number; testId: string }) {
  const p = usePalette();
  const data = LEVEL_KEYS.map((k) => ({ key: k, name: levelLabel(k), value: distribution[k].count, pct: distribution[k].percentTenths })).filter((d) => d.value > 0 || d.key !== 'pending');
  const shown = data.filter((d) => d.value > 0);
  return (
    <Box data-testid={testId} data-chart="donut">
      {total === 0 ? (
        <Text c="dimmed" size="sm">
          Lớp chưa có học sinh.
        </Text>
      ) : (
        <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 320, height: 260 }}>
          <PieChart>
            <Pie data={shown} dataKey="value" nameKey="name" startAngle={90} endAngle={-270} innerRadius="52%" outerRadius="80%" paddingAngle={shown.length > 1 ? 1 : 0} animationDuration={ANIMATION} stroke="none">
              {shown.map((d) => (
                <Cell key={d.key} fill={p.level(d.key)} stroke={shown.length === 1 ? p.level(d.key) : undefined} />
              ))}
            </Pie>
            <Tooltip
              contentStyle={tooltipStyle}
              formatter={(value, name, item) => [`${value} học sinh (${percentLabel((item.payload as { pct: number }).pct)})`, name]}
            />
            <Legend
              itemSorter={null}
              wrapperStyle={{ fontSize: 13 }}
              verticalAlign="bottom"
              iconType="circle"
              formatter={(value) => {
                const d = shown.find((x) => x.name === value);
                return (
                  <span style={{ color: p.text }}>
                    {value}
                    {d ? `: ${d.value} (${percentLabel(d.pct)})` : ''}
                  </span>
                );
              }}
            />
          </PieChart>
        </ResponsiveContainer>
      )}
      <LevelTable distribution={distribution} />
    </Box>
  );
}

/** The figures of a distribution as a small table (exact, readable without the chart). */
export function LevelTable({ distribution }: { distribution: LevelDistribution }) {
  const p = usePalette();
  return (
    <Table withTableBorder={false} verticalSpacing={2} fz="sm" mt="xs" className="tabular">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Mức</Table.Th>
          <Table.Th ta="right">Số học sinh</Table.Th>
          <Table.Th ta="right">Tỉ lệ</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {LEVEL_KEYS.map((k) => (
          <Table.Tr key={k}>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <Box w={10} h={10} style={{ borderRadius: 5, background: p.level(k), flex: 'none' }} />
                {levelLabel(k)}
              </Group>
            </Table.Td>
            <Table.Td ta="right">{distribution[k].count}</Table.Td>
            <Table.Td ta="right">{percentLabel(distribution[k].percentTenths)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export interface ShareSeries {
  key: string;
  label: string;
  color: string;
}
export interface ShareRow {
  label: string;
  /** series key → { count, percentTenths } */
  values: Record<string, { count: number; percentTenths: number }>;
}

/**
 * Horizontal 100 % stacked bars, one row per class or subject. Tooltip: "Tốt: 11 học sinh (27,5%)".
 */
export function StackedShareBars({ rows, series, testId, labelWidth = 64, emptyText }: { rows: ShareRow[]; series: ShareSeries[]; testId: string; labelWidth?: number; emptyText?: ReactNode }) {
  const p = usePalette();
  if (rows.length === 0) {
    return (
      <Text c="dimmed" size="sm" data-testid={testId}>
        {emptyText ?? 'Chưa có dữ liệu.'}
      </Text>
    );
  }
  const data = rows.map((r) => {
    const row: Record<string, string | number> = { label: r.label };
    for (const s of series) {
      row[s.key] = r.values[s.key].percentTenths / 10;
      row[`${s.key}__n`] = r.values[s.key].count;
      row[`${s.key}__p`] = r.values[s.key].percentTenths;
    }
    return row;
  });
  const height = rows.length * 30 + 90;
  return (
    <Box data-testid={testId} data-chart="stacked-bars">
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 320, height }}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 12, bottom: 4, left: 0 }} barCategoryGap={6}>
          <CartesianGrid horizontal={false} stroke={p.grid} />
          <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v}%`} fontSize={12} />
          <YAxis type="category" dataKey="label" width={labelWidth} fontSize={12} interval={0} />
          <Tooltip
            contentStyle={tooltipStyle}
            cursor={{ fill: p.c('gray', 1) }}
            formatter={(_v, name, item) => {
              const key = String(item.dataKey);
              const row = item.payload as Record<string, number>;
              return [`${row[`${key}__n`]} học sinh (${percentLabel(row[`${key}__p`])})`, name];
            }}
          />
          <Legend itemSorter={null} wrapperStyle={{ fontSize: 13 }} iconType="square" formatter={(value) => <span style={{ color: p.text }}>{value}</span>} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="share" fill={s.color} animationDuration={ANIMATION} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
}

/** "2026-11" → "T11/2026" on the axis, "Tháng 11/2026" in the tooltip. */
const monthShort = (m: string) => `T${Number(m.slice(5, 7))}/${m.slice(0, 4)}`;
const monthLong = (m: string) => `Tháng ${Number(m.slice(5, 7))}/${m.slice(0, 4)}`;

/** Sessions absent per month, excused and unexcused; lessons marked by subject teachers dashed. */
export function AbsenceLines({ months, testId }: { months: AttendanceMonth[]; testId: string }) {
  const p = usePalette();
  if (months.length === 0) {
    return (
      <Text c="dimmed" size="sm" data-testid={testId}>
        Kỳ này chưa bắt đầu: chưa có số liệu điểm danh.
      </Text>
    );
  }
  const hasLessons = months.some((m) => m.lessons > 0);
  return (
    <Stack gap={4} data-testid={testId} data-chart="lines">
      <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 320, height: 260 }}>
        <LineChart data={months} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={p.grid} vertical={false} />
          <XAxis dataKey="month" tickFormatter={monthShort} fontSize={12} padding={{ left: 20, right: 20 }} />
          <YAxis allowDecimals={false} width={36} fontSize={12} />
          <Tooltip contentStyle={tooltipStyle} labelFormatter={(m) => monthLong(String(m))} formatter={(v, name) => [`${v} ${name === 'Nghỉ theo tiết' ? 'tiết' : 'buổi'}`, name]} />
          <Legend itemSorter={null} wrapperStyle={{ fontSize: 13 }} formatter={(value) => <span style={{ color: p.text }}>{value}</span>} />
          <Line type="linear" dataKey="excused" name="Có phép" stroke={p.c('blue')} strokeWidth={2} dot={{ r: 3 }} animationDuration={ANIMATION} />
          <Line type="linear" dataKey="unexcused" name="Không phép" stroke={p.c('red')} strokeWidth={2} dot={{ r: 3 }} animationDuration={ANIMATION} />
          {hasLessons && <Line type="linear" dataKey="lessons" name="Nghỉ theo tiết" stroke={p.c('gray', 6)} strokeDasharray="4 3" dot={{ r: 2 }} animationDuration={ANIMATION} />}
        </LineChart>
      </ResponsiveContainer>
      <Text size="xs" c="dimmed">
        Số buổi nghỉ cả buổi của học sinh (mỗi học sinh mỗi buổi tính một lần){hasLessons ? '; nghỉ theo tiết do giáo viên bộ môn ghi, tính riêng' : ''}.
      </Text>
    </Stack>
  );
}
