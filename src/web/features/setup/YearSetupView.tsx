/** One school year's set-up, tab by tab; the tab is part of the address. */
import { Badge, Group, Tabs, Text } from '@mantine/core';
import { useLocation } from 'wouter';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDate } from '../../lib/format.ts';
import { REGIME_LABELS } from '../../lib/labels.ts';
import { AssignmentGridPanel } from './AssignmentGridPanel.tsx';
import { ClassesPanel } from './ClassesPanel.tsx';
import { HomeroomPanel } from './HomeroomPanel.tsx';
import { useYearSetup } from './hooks.ts';
import { SubjectGroupsPanel } from './SubjectGroupsPanel.tsx';
import { SubjectsPanel } from './SubjectsPanel.tsx';
import { TermsPanel } from './TermsPanel.tsx';

export const SETUP_TABS = [
  { value: 'hoc-ky', label: 'Học kỳ' },
  { value: 'mon-hoc', label: 'Môn học' },
  { value: 'lop', label: 'Lớp' },
  { value: 'to-chuyen-mon', label: 'Tổ chuyên môn' },
  { value: 'phan-cong-chu-nhiem', label: 'Phân công chủ nhiệm' },
  { value: 'phan-cong-chuyen-mon', label: 'Phân công chuyên môn' },
] as const;

export function YearSetupView({ yearId, tab }: { yearId: string; tab: string }) {
  const setup = useYearSetup(yearId);
  const [, navigate] = useLocation();
  const current = SETUP_TABS.some((t) => t.value === tab) ? tab : 'lop';
  if (setup.isLoading) return <Loading />;
  if (setup.error) return <ErrorAlert error={setup.error} onRetry={() => setup.refetch()} />;
  if (!setup.data) return null;
  const { year, gradeLevels } = setup.data;
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Thiết lập năm học', href: '/thiet-lap' }, { label: `Năm học ${year.name}` }]}
        title={`Năm học ${year.name}`}
        subtitle={`Từ ${formatDate(year.startsOn)} đến ${formatDate(year.endsOn)}`}
      />
      {gradeLevels.length > 0 && (
        <Group gap={6} mb="sm">
          <Text size="sm" c="dimmed">
            Khối lớp:
          </Text>
          {gradeLevels.map((g) => (
            <Badge key={g.grade} variant="light" title={REGIME_LABELS[g.regime]}>
              Khối {g.grade}
            </Badge>
          ))}
        </Group>
      )}
      <Tabs value={current} onChange={(v) => v && navigate(`/thiet-lap/${yearId}/${v}`, { replace: true })} keepMounted={false}>
        <Tabs.List style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }} mb="md">
          {SETUP_TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value} className="nowrap">
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="hoc-ky">
          <TermsPanel setup={setup.data} />
        </Tabs.Panel>
        <Tabs.Panel value="mon-hoc">
          <SubjectsPanel setup={setup.data} />
        </Tabs.Panel>
        <Tabs.Panel value="lop">
          <ClassesPanel setup={setup.data} />
        </Tabs.Panel>
        <Tabs.Panel value="to-chuyen-mon">
          <SubjectGroupsPanel setup={setup.data} />
        </Tabs.Panel>
        <Tabs.Panel value="phan-cong-chu-nhiem">
          <HomeroomPanel setup={setup.data} />
        </Tabs.Panel>
        <Tabs.Panel value="phan-cong-chuyen-mon">
          <AssignmentGridPanel setup={setup.data} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
