/**
 * Thống kê toàn trường (Ban giám hiệu, Ban quản trị, Phòng/Sở): KQHT and KQRL of the school as
 * donuts, per class as 100 % stacked bars with the table of figures, absences per month.
 */
import { Alert, Anchor, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { dashboardApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { DashboardScope, SchoolDashboard } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { RESULT_SCOPE_LABELS } from '../../../shared/labels.ts';
import { percentLabel } from '../homeroom/common.tsx';
import { AbsenceLines, LEVEL_KEYS, LevelDonut, type ShareSeries, StackedShareBars, levelLabel, usePalette } from './charts.tsx';
import { ChartCard, ScopeControl } from './ClassDashboardView.tsx';

export function SchoolDashboardView({ yearId, scope }: { yearId: string; scope: DashboardScope }) {
  const { year, school } = useSession();
  const [, navigate] = useLocation();
  const q = useQuery({ queryKey: keys.schoolDashboard(yearId, scope), queryFn: () => dashboardApi.schoolDashboard(yearId, scope) });
  return (
    <>
      <PageHeader
        title="Thống kê toàn trường"
        subtitle={[school?.name, year ? `Năm học ${year.name}` : null, 'kết quả học tập, rèn luyện từng lớp và toàn trường; số buổi nghỉ theo tháng'].filter(Boolean).join(' · ')}
      />
      <Group mb="md" className="no-print">
        <ScopeControl value={scope} onChange={(s) => navigate(`/thong-ke/${s}`)} />
      </Group>
      {q.isLoading && <Loading label="Đang tính số liệu của các lớp…" />}
      {q.error ? <ErrorAlert error={q.error} onRetry={() => q.refetch()} /> : null}
      {q.data && <SchoolCharts d={q.data} scope={scope} />}
    </>
  );
}

function SchoolCharts({ d, scope }: { d: SchoolDashboard; scope: DashboardScope }) {
  const p = usePalette();
  if (d.classes.length === 0) return <Text c="dimmed">Năm học này chưa có lớp đánh giá theo Thông tư 22/2021.</Text>;
  const series: ShareSeries[] = LEVEL_KEYS.map((k) => ({ key: k, label: levelLabel(k), color: p.level(k) }));
  const rows = (pick: 'academic' | 'conduct') => d.classes.map((c) => ({ label: c.className, values: c[pick] }));
  const incomplete = d.classes.filter((c) => !c.complete).length;
  return (
    <Stack gap="md" data-testid="school-dashboard">
      {incomplete > 0 && (
        <Alert color="yellow" variant="light" title="Số liệu chưa đủ">
          {incomplete}/{d.classes.length} lớp còn thiếu điểm hoặc kết quả rèn luyện; học sinh chưa đủ dữ liệu được tính là “Chưa xếp loại”.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <ChartCard title="Kết quả học tập toàn trường" description={`${RESULT_SCOPE_LABELS[scope]} · ${d.totals.students} học sinh, ${d.classes.length} lớp`}>
          <LevelDonut distribution={d.totals.academic} total={d.totals.students} testId="chart-school-academic" />
        </ChartCard>
        <ChartCard title="Kết quả rèn luyện toàn trường" description={`${RESULT_SCOPE_LABELS[scope]} · ${d.totals.students} học sinh, ${d.classes.length} lớp`}>
          <LevelDonut distribution={d.totals.conduct} total={d.totals.students} testId="chart-school-conduct" />
        </ChartCard>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <ChartCard title="Kết quả học tập từng lớp">
          <StackedShareBars rows={rows('academic')} series={series} testId="chart-classes-academic" labelWidth={48} />
        </ChartCard>
        <ChartCard title="Kết quả rèn luyện từng lớp">
          <StackedShareBars rows={rows('conduct')} series={series} testId="chart-classes-conduct" labelWidth={48} />
        </ChartCard>
      </SimpleGrid>
      <ChartCard title="Bảng số liệu từng lớp" description="Số học sinh (tỉ lệ) ở mỗi mức. Bấm tên lớp để xem biểu đồ của lớp.">
        <ClassTable d={d} scope={scope} />
      </ChartCard>
      <ChartCard title="Số buổi nghỉ toàn trường theo tháng" description={RESULT_SCOPE_LABELS[scope]}>
        <AbsenceLines months={d.attendance} testId="chart-school-attendance" />
      </ChartCard>
    </Stack>
  );
}

function ClassTable({ d, scope }: { d: SchoolDashboard; scope: DashboardScope }) {
  const cell = (v: { count: number; percentTenths: number }) => (
    <>
      {v.count}
      <Text size="xs" c="dimmed" className="nowrap">
        {percentLabel(v.percentTenths)}
      </Text>
    </>
  );
  const levels = LEVEL_KEYS;
  return (
    <Table.ScrollContainer minWidth={780}>
      <Table fz="sm" verticalSpacing={3} className="tabular" striped withColumnBorders>
        <Table.Thead>
          <Table.Tr>
            <Table.Th rowSpan={2}>Lớp</Table.Th>
            <Table.Th rowSpan={2} ta="right">
              Sĩ số
            </Table.Th>
            <Table.Th colSpan={levels.length} ta="center">
              Kết quả học tập
            </Table.Th>
            <Table.Th colSpan={levels.length} ta="center">
              Kết quả rèn luyện
            </Table.Th>
          </Table.Tr>
          <Table.Tr>
            {[...levels, ...levels].map((k, i) => (
              <Table.Th key={i} ta="right">
                {k === 'pending' ? 'Chưa XL' : levelLabel(k)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.classes.map((c) => (
            <Table.Tr key={c.classId}>
              <Table.Td>
                <Anchor component={Link} href={`/bieu-do/${c.classId}/${scope}`}>
                  {c.className}
                </Anchor>
              </Table.Td>
              <Table.Td ta="right">{c.students}</Table.Td>
              {levels.map((k) => (
                <Table.Td key={`a${k}`} ta="right">
                  {cell(c.academic[k])}
                </Table.Td>
              ))}
              {levels.map((k) => (
                <Table.Td key={`c${k}`} ta="right">
                  {cell(c.conduct[k])}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
          <Table.Tr fw={700}>
            <Table.Td>Toàn trường</Table.Td>
            <Table.Td ta="right">{d.totals.students}</Table.Td>
            {levels.map((k) => (
              <Table.Td key={`ta${k}`} ta="right">
                {cell(d.totals.academic[k])}
              </Table.Td>
            ))}
            {levels.map((k) => (
              <Table.Td key={`tc${k}`} ta="right">
                {cell(d.totals.conduct[k])}
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
