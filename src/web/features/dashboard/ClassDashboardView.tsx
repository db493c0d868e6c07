/**
 * Biểu đồ kết quả lớp: KQHT and KQRL as donuts, each scored subject's averages in bands as
 * stacked bars, the class mean per subject, absences per month — for the homeroom teacher and
 * those who may see the class's results.
 */
import { Alert, Anchor, Box, Button, Card, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Link, useLocation } from 'wouter';
import { dashboardApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { ClassDashboard, DashboardScope } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { RESULT_SCOPE_LABELS } from '../../../shared/labels.ts';
import { ClassSelect, percentLabel, pickClass, useClassChoices } from '../homeroom/common.tsx';
import { subjectShort } from '../homeroom/ResultsView.tsx';
import { AbsenceLines, LevelDonut, type ShareSeries, StackedShareBars, usePalette } from './charts.tsx';
import { BAND_LABELS, BAND_KEYS, DASHBOARD_SCOPES } from './labels.ts';

export function ChartCard({ title, children, description }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap={6}>
        <Title order={2} size="h4">
          {title}
        </Title>
        {description && (
          <Text size="xs" c="dimmed">
            {description}
          </Text>
        )}
        {children}
      </Stack>
    </Card>
  );
}

export function ScopeControl({ value, onChange }: { value: DashboardScope; onChange: (s: DashboardScope) => void }) {
  return (
    <SegmentedControl aria-label="Kỳ" data={DASHBOARD_SCOPES.map((s) => ({ value: s, label: RESULT_SCOPE_LABELS[s] }))} value={value} onChange={(v) => onChange(v as DashboardScope)} />
  );
}

export function ClassDashboardView({ yearId, classId, scope }: { yearId: string; classId: string | null; scope: DashboardScope }) {
  const { me } = useSession();
  const { choices, loading, error } = useClassChoices(yearId, { wideAbility: 'results.view', regime: 'TT22' });
  const chosen = pickClass(classId, choices, me.homeroomClassIds);
  const cls = choices.find((c) => c.id === chosen);
  const [, navigate] = useLocation();
  return (
    <>
      <PageHeader
        title={cls ? `Biểu đồ kết quả lớp ${cls.name}` : 'Biểu đồ kết quả lớp'}
        subtitle="Phân bố kết quả học tập, rèn luyện, điểm trung bình các môn và số buổi nghỉ — tính từ sổ điểm và điểm danh."
        actions={
          chosen ? (
            <Button component={Link} href={`/ket-qua/${chosen}/${scope}`} variant="light">
              Bảng kết quả của lớp
            </Button>
          ) : undefined
        }
      />
      <ClassSelect base="/bieu-do" suffix={`/${scope}`} choices={choices} value={chosen}>
        <ScopeControl value={scope} onChange={(s) => chosen && navigate(`/bieu-do/${chosen}/${s}`)} />
      </ClassSelect>
      {loading && <Loading />}
      {error ? <ErrorAlert error={error} /> : null}
      {!chosen && !loading && <Text c="dimmed">Chọn một lớp.</Text>}
      {chosen && <ClassCharts key={`${chosen}/${scope}`} classId={chosen} scope={scope} />}
    </>
  );
}

function ClassCharts({ classId, scope }: { classId: string; scope: DashboardScope }) {
  const q = useQuery({ queryKey: keys.classDashboard(classId, scope), queryFn: () => dashboardApi.classDashboard(classId, scope) });
  if (q.isLoading) return <Loading label="Đang tính số liệu…" />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data as ClassDashboard;
  return (
    <Stack gap="md" data-testid="class-dashboard">
      {!d.complete && (
        <Alert color="yellow" variant="light" title="Số liệu chưa đủ">
          Còn {d.missingCount} mục chưa nhập (điểm hoặc kết quả rèn luyện); học sinh chưa đủ dữ liệu được tính là “Chưa xếp loại”.{' '}
          <Anchor component={Link} href={`/ket-qua/${d.classId}/${scope}`} size="sm">
            Xem danh sách còn thiếu
          </Anchor>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <ChartCard title="Kết quả học tập (KQHT)" description={`${RESULT_SCOPE_LABELS[scope]} · sĩ số ${d.students}`}>
          <LevelDonut distribution={d.academic} total={d.students} testId="chart-academic" />
        </ChartCard>
        <ChartCard title="Kết quả rèn luyện (KQRL)" description={`${RESULT_SCOPE_LABELS[scope]} · sĩ số ${d.students}`}>
          <LevelDonut distribution={d.conduct} total={d.students} testId="chart-conduct" />
        </ChartCard>
      </SimpleGrid>
      <SubjectBands d={d} />
      <SubjectMeans d={d} />
      <ChartCard title="Số buổi nghỉ theo tháng" description={RESULT_SCOPE_LABELS[scope]}>
        <AbsenceLines months={d.attendance} testId="chart-attendance" />
      </ChartCard>
    </Stack>
  );
}

export function useBandSeries(): ShareSeries[] {
  const p = usePalette();
  const colors = [p.c('red', 7), p.c('orange', 5), p.c('yellow', 5), p.c('blue', 5), p.c('teal', 6)];
  return BAND_KEYS.map((k, i) => ({ key: k, label: BAND_LABELS[k], color: colors[i] }));
}

function SubjectBands({ d }: { d: ClassDashboard }) {
  const series = useBandSeries();
  const rows = d.subjects.filter((s) => s.graded > 0).map((s) => ({ label: subjectShort(s.code), values: s.bands }));
  return (
    <ChartCard title="Điểm trung bình môn theo khoảng điểm" description="Tỉ lệ học sinh có điểm trung bình môn trong mỗi khoảng, trên số học sinh đã có điểm trung bình môn đó.">
      <StackedShareBars rows={rows} series={series} testId="chart-bands" emptyText="Chưa môn nào có điểm trung bình trong kỳ này." />
    </ChartCard>
  );
}

function SubjectMeans({ d }: { d: ClassDashboard }) {
  const p = usePalette();
  const rows = d.subjects.filter((s) => s.meanTenths !== null);
  const height = rows.length * 30 + 50;
  return (
    <ChartCard title="Điểm trung bình của lớp từng môn" description="Trung bình cộng điểm trung bình môn của các học sinh đã có điểm, làm tròn đến một chữ số thập phân.">
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="chart-means">
          Chưa môn nào có điểm trung bình trong kỳ này.
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <Box data-testid="chart-means" data-chart="bars">
            <MeansChart rows={rows.map((s) => ({ label: subjectShort(s.code), value: (s.meanTenths as number) / 10, text: s.mean as string }))} height={height} color={p.c('blue')} />
          </Box>
          <Table.ScrollContainer minWidth={420}>
            <Table fz="sm" verticalSpacing={3} className="tabular" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Môn</Table.Th>
                  <Table.Th ta="right">TB lớp</Table.Th>
                  <Table.Th ta="right">Dưới 5</Table.Th>
                  <Table.Th ta="right">Từ 8</Table.Th>
                  <Table.Th ta="right">Số HS có điểm</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((s) => (
                  <Table.Tr key={s.subjectId}>
                    <Table.Td>{s.name}</Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {s.mean}
                    </Table.Td>
                    <Table.Td ta="right">{percentLabel(s.bands.lt35.percentTenths + s.bands.from35.percentTenths)}</Table.Td>
                    <Table.Td ta="right">{percentLabel(s.bands.from80.percentTenths)}</Table.Td>
                    <Table.Td ta="right">{s.graded}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </SimpleGrid>
      )}
    </ChartCard>
  );
}

function MeansChart({ rows, height, color }: { rows: { label: string; value: number; text: string }[]; height: number; color: string }) {
  const p = usePalette();
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 320, height }}>
      <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 36, bottom: 4, left: 0 }} barCategoryGap={6}>
        <CartesianGrid horizontal={false} stroke={p.grid} />
        <XAxis type="number" domain={[0, 10]} ticks={[0, 2, 4, 6, 8, 10]} fontSize={12} />
        <YAxis type="category" dataKey="label" width={64} fontSize={12} interval={0} />
        <ReferenceLine x={5} stroke={p.c('orange', 5)} strokeDasharray="4 3" />
        <Tooltip contentStyle={{ fontSize: 13, borderRadius: 6 }} cursor={{ fill: p.c('gray', 1) }} formatter={(_v, _n, item) => [(item.payload as { text: string }).text, 'Điểm TB lớp']} />
        <Bar dataKey="value" name="Điểm TB lớp" fill={color} animationDuration={400}>
          <LabelList dataKey="text" position="right" fontSize={12} fill={p.text} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
