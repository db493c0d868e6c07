/**
 * Kết quả học tập và rèn luyện của lớp (G7, C5): per student the subjects' results, KQHT, KQRL,
 * danh hiệu and kết quả (with the explanation of each on expand), the bảng tổng hợp, what is
 * still missing, the homeroom teacher's "Đề nghị phê duyệt" and the principal's "Phê duyệt"
 * (refused with its reason while incomplete or changed), and the lists derived from the results.
 */
import { Alert, Badge, Button, Card, Group, List, SegmentedControl, SimpleGrid, Stack, Table, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useLocation } from 'wouter';
import { homeroomApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { ClassResults, ResultScope, StudentResult } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ClassDashboardLink } from '../dashboard/ClassDashboardLink.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { RESULT_SCOPE_LABELS, TT22_LEVEL_NAMES, TT22_OUTCOME_NAMES, TT22_TITLE_NAMES, labelOf } from '../../../shared/labels.ts';
import { ClassSelect, LEVEL_COLORS, LEVELS, OUTCOME_COLORS, PeriodControl, percentLabel, pickClass, useClassChoices } from './common.tsx';
import { StudentName } from './StudentName.tsx';

const SHORT: Record<string, string> = {
  NV: 'Văn',
  TOAN: 'Toán',
  NN1: 'NN1',
  NN2: 'NN2',
  GDCD: 'GDCD',
  LSDL: 'LS&ĐL',
  KHTN: 'KHTN',
  CN: 'CN',
  TIN: 'Tin',
  GDTC: 'GDTC',
  NT: 'NT',
  HDTN: 'HĐTN',
  GDDP: 'GDĐP',
  TDTTS: 'TDT',
  LS: 'Sử',
  DIA: 'Địa',
  GDKTPL: 'KT&PL',
  LI: 'Lí',
  HOA: 'Hóa',
  SINH: 'Sinh',
  GDQPAN: 'QP-AN',
  AMNHAC: 'Nhạc',
  MYTHUAT: 'MT',
  // Primary (TT 27)
  TV: 'Tiếng Việt',
  TNXH: 'TN&XH',
  THCN: 'TH&CN',
  KH: 'Khoa học',
};
const SCOPE_SHORT: Record<ResultScope, string> = { term1: 'HK I', term2: 'HK II', year: 'Cả năm', final: 'Sau hè' };

export const subjectShort = (code: string) => SHORT[code] ?? code;

export function ResultsView({ yearId, classId, scope }: { yearId: string; classId: string | null; scope: ResultScope }) {
  const { me } = useSession();
  const { choices, loading, error } = useClassChoices(yearId, { wideAbility: 'results.view', regime: 'TT22' });
  const chosen = pickClass(classId, choices, me.homeroomClassIds);
  const cls = choices.find((c) => c.id === chosen);
  const [, navigate] = useLocation();
  const [scopeState, setScope] = useState<ResultScope>(scope);
  const current = classId ? scope : scopeState;
  return (
    <>
      <PageHeader
        title={cls ? `Kết quả học tập và rèn luyện — Lớp ${cls.name}` : 'Kết quả học tập và rèn luyện'}
        subtitle="Tính từ sổ điểm theo Thông tư 22/2021 (Điều 9, 12, 14, 15). Giáo viên chủ nhiệm đề nghị, Hiệu trưởng phê duyệt."
      />
      <ClassSelect base="/ket-qua" suffix={`/${current}`} choices={choices} value={chosen}>
        <PeriodControl
          label="Kỳ"
          data={(Object.keys(RESULT_SCOPE_LABELS) as ResultScope[]).map((s) => ({ value: s, label: s === 'final' ? 'Sau KTL, RLH' : RESULT_SCOPE_LABELS[s], short: SCOPE_SHORT[s] }))}
          value={current}
          onChange={(v) => {
            setScope(v);
            if (chosen) navigate(`/ket-qua/${chosen}/${v}`);
          }}
        />
        {chosen && <ClassDashboardLink classId={chosen} grade={cls?.grade} scope={current} />}
      </ClassSelect>
      {loading && <Loading />}
      {error ? <ErrorAlert error={error} /> : null}
      {!chosen && !loading && <Text c="dimmed">Chọn một lớp.</Text>}
      {chosen && <ResultsPanel key={`${chosen}/${current}`} classId={chosen} scope={current} />}
    </>
  );
}

function ResultsPanel({ classId, scope }: { classId: string; scope: ResultScope }) {
  const results = useQuery({ queryKey: keys.results(classId, scope), queryFn: () => homeroomApi.results(classId, scope), staleTime: 0 });
  if (results.isLoading) return <Loading label="Đang tính kết quả…" />;
  if (results.error) return <ErrorAlert error={results.error} onRetry={() => results.refetch()} />;
  const data = results.data as ClassResults;
  return (
    <Stack gap="lg">
      <ApprovalCard data={data} scope={scope} />
      <MissingList data={data} />
      <StudentTable data={data} scope={scope} />
      <SummaryTable data={data} scope={scope} />
      {(scope === 'year' || scope === 'final') && <ResultLists data={data} />}
    </Stack>
  );
}

function ApprovalCard({ data, scope }: { data: ClassResults; scope: ResultScope }) {
  const { me, can } = useSession();
  const queryClient = useQueryClient();
  const snap = data.snapshot;
  const isHomeroom = me.homeroomClassIds.includes(data.classId);
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.results(data.classId) });
  const propose = useMutation({ mutationFn: () => homeroomApi.propose(data.classId, scope), onSuccess: refresh });
  const approve = useMutation({ mutationFn: () => homeroomApi.approve(data.classId, scope, snap!.id), onSuccess: refresh });

  const approved = snap?.status === 'approved' && !snap.changedSince;
  const proposeBlock = !data.complete
    ? `Chưa đủ dữ liệu: còn ${data.missingCount} mục (xem danh sách bên dưới).`
    : approved
      ? 'Kết quả đã được phê duyệt.'
      : snap?.status === 'proposed' && !snap.changedSince
        ? 'Đã đề nghị, chờ Hiệu trưởng phê duyệt.'
        : null;
  const approveBlock = !data.complete
    ? `Chưa đủ dữ liệu: còn ${data.missingCount} mục chưa nhập (xem danh sách bên dưới).`
    : !snap
      ? 'Giáo viên chủ nhiệm chưa đề nghị phê duyệt.'
      : snap.changedSince
        ? 'Dữ liệu đã thay đổi sau khi giáo viên chủ nhiệm đề nghị; cần đề nghị lại.'
        : snap.status === 'approved'
          ? 'Kết quả đã được phê duyệt.'
          : null;

  let status: React.ReactNode;
  if (!snap) status = <Badge color="gray">Chưa đề nghị phê duyệt</Badge>;
  else if (snap.status === 'approved')
    status = (
      <Badge color={snap.changedSince ? 'orange' : 'teal'} data-testid="approval-status">
        Đã phê duyệt {formatDateTime(snap.approvedAt)}
        {snap.changedSince ? ' — dữ liệu đã thay đổi sau đó' : ''}
      </Badge>
    );
  else
    status = (
      <Badge color={snap.changedSince ? 'orange' : 'blue'} data-testid="approval-status">
        Đã đề nghị {formatDateTime(snap.proposedAt)}
        {snap.changedSince ? ' — dữ liệu đã thay đổi sau đó' : ', chờ Hiệu trưởng phê duyệt'}
      </Badge>
    );

  return (
    <Card withBorder padding="sm">
      <Group gap="sm" wrap="wrap" justify="space-between">
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>{RESULT_SCOPE_LABELS[scope]}</Text>
          {data.complete ? (
            <Badge color="teal" variant="light">
              Đủ dữ liệu
            </Badge>
          ) : (
            <Badge color="orange" variant="light" data-testid="missing-count">
              Còn thiếu {data.missingCount} mục
            </Badge>
          )}
          {status}
        </Group>
        <Group gap="xs" className="no-print">
          {isHomeroom && can('school.view') && (
            <Tooltip label={proposeBlock} disabled={!proposeBlock} multiline w={260}>
              <span>
                <Button size="sm" variant="light" disabled={Boolean(proposeBlock)} loading={propose.isPending} onClick={() => propose.mutate()} data-testid="propose">
                  {snap && snap.status === 'proposed' && snap.changedSince ? 'Đề nghị lại' : 'Đề nghị phê duyệt'}
                </Button>
              </span>
            </Tooltip>
          )}
          {can('results.approve') && (
            <Button size="sm" disabled={Boolean(approveBlock)} loading={approve.isPending} onClick={() => approve.mutate()} data-testid="approve">
              Phê duyệt
            </Button>
          )}
        </Group>
      </Group>
      {can('results.approve') && approveBlock && !approved && (
        <Text size="sm" c="orange.8" mt={6} data-testid="approve-block">
          Chưa phê duyệt được: {approveBlock}
        </Text>
      )}
      {approved && (
        <Text size="sm" c="dimmed" mt={6}>
          Sổ điểm của kỳ này đã khóa theo phê duyệt; muốn sửa cần giấy đề nghị sửa điểm.
        </Text>
      )}
      {propose.error && <ErrorAlert error={propose.error} />}
      {approve.error && <ErrorAlert error={approve.error} />}
    </Card>
  );
}

function MissingList({ data }: { data: ClassResults }) {
  const [all, setAll] = useState(false);
  const [by, setBy] = useState<'subject' | 'student'>('subject');
  const students = data.students.filter((s) => s.missing.length > 0);
  if (students.length === 0) return null;
  // "Ngữ văn (HK I): ĐĐGtx 1, ĐĐGck" → grouped by what is before the colon (a subject, the conduct…).
  const groups = new Map<string, { students: Set<string>; details: Set<string> }>();
  for (const s of students)
    for (const m of s.missing) {
      const i = m.indexOf(':');
      const key = i > 0 ? m.slice(0, i) : m;
      const g = groups.get(key) ?? { students: new Set(), details: new Set() };
      g.students.add(s.studentId);
      if (i > 0) for (const d of m.slice(i + 1).split(',')) g.details.add(d.trim());
      groups.set(key, g);
    }
  const shown = all ? students : students.slice(0, 8);
  return (
    <Alert color="orange" title={`Còn thiếu ${data.missingCount} mục của ${students.length} học sinh`} data-testid="missing-list">
      <SegmentedControl
        size="xs"
        mb="xs"
        className="no-print"
        data={[
          { value: 'subject', label: 'Theo môn, nội dung' },
          { value: 'student', label: 'Theo học sinh' },
        ]}
        value={by}
        onChange={(v) => setBy(v as 'subject' | 'student')}
      />
      {by === 'subject' ? (
        <List size="sm" spacing={2}>
          {[...groups.entries()].map(([key, g]) => (
            <List.Item key={key}>
              <b>{key}</b>: {g.students.size === data.students.length ? 'cả lớp' : `${g.students.size} học sinh`}
              {g.details.size > 0 && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  — {[...g.details].join(', ')}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      ) : (
        <>
          <List size="sm" spacing={2}>
            {shown.map((s) => (
              <List.Item key={s.studentId}>
                <b>
                  {s.listNumber}. {s.fullName}:
                </b>{' '}
                {s.missing.join('; ')}
              </List.Item>
            ))}
          </List>
          {students.length > shown.length && (
            <Button size="xs" variant="subtle" color="orange" mt={4} onClick={() => setAll(true)}>
              Xem cả {students.length} học sinh
            </Button>
          )}
        </>
      )}
    </Alert>
  );
}

function LevelBadge({ level }: { level: string | null }) {
  if (!level) return null;
  return (
    <Text span fw={700} c={`${LEVEL_COLORS[level as 'T'] ?? 'gray'}.8`} title={TT22_LEVEL_NAMES[level as 'T']}>
      {level}
    </Text>
  );
}

function StudentTable({ data, scope }: { data: ClassResults; scope: ResultScope }) {
  const [open, setOpen] = useState<string | null>(null);
  const subjects = data.students[0]?.subjects ?? [];
  const withOutcome = scope === 'year' || scope === 'final';
  const cols = 2 + subjects.length + 3 + (withOutcome ? 3 : 0);
  return (
    <Stack gap={4}>
      <Title order={2} size="h4">
        Kết quả từng học sinh
      </Title>
      <Text size="xs" c="dimmed" className="no-print">
        Bấm vào một dòng để xem giải thích (vì sao được mức này, điều chỉnh theo Điều 9 khoản 3, điều kiện lên lớp).
      </Text>
      <div className="kg-scroll">
        <Table withTableBorder withColumnBorders verticalSpacing={2} horizontalSpacing={5} fz="sm" className="kg-table" data-testid="results-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>STT</Table.Th>
              <Table.Th className="kg-name">Họ và tên</Table.Th>
              {subjects.map((s) => (
                <Table.Th key={s.code} ta="center" title={s.name} fz="xs">
                  {subjectShort(s.code)}
                </Table.Th>
              ))}
              <Table.Th ta="center" title="Kết quả học tập">
                KQHT
              </Table.Th>
              <Table.Th ta="center" title="Kết quả rèn luyện">
                KQRL
              </Table.Th>
              <Table.Th ta="center" title="Số buổi nghỉ">
                Nghỉ
              </Table.Th>
              {withOutcome && (
                <>
                  <Table.Th ta="center">Danh hiệu</Table.Th>
                  <Table.Th>Kết quả</Table.Th>
                  <Table.Th title="Môn phải kiểm tra lại">Kiểm tra lại</Table.Th>
                </>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.students.map((s) => (
              <Fragment key={s.studentId}>
                <Table.Tr
                  style={{ cursor: 'pointer' }}
                  onClick={() => setOpen(open === s.studentId ? null : s.studentId)}
                  data-student={s.fullName}
                  bg={open === s.studentId ? 'teal.0' : undefined}
                >
                  <Table.Td className="tabular">{s.listNumber}</Table.Td>
                  <Table.Td className="kg-name">
                    <UnstyledButton fz="sm" ta="left" aria-expanded={open === s.studentId}>
                      <StudentName fullName={s.fullName} />
                    </UnstyledButton>
                  </Table.Td>
                  {s.subjects.map((x) => (
                    <Table.Td key={x.code} ta="center" className="tabular" c={x.value === 'CĐ' || (x.value && /^\d/.test(x.value) && Number(x.value.replace(',', '.')) < 5) ? 'red.8' : undefined}>
                      {x.value ?? ''}
                    </Table.Td>
                  ))}
                  <Table.Td ta="center" data-testid="academic">
                    <LevelBadge level={s.academic} />
                    {s.academicBeforeAdjustment && s.academicBeforeAdjustment !== s.academic && (
                      <Text span size="xs" c="dimmed" title="Trước khi điều chỉnh (Điều 9 khoản 3)">
                        {' '}
                        ({s.academicBeforeAdjustment})
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="center">
                    <LevelBadge level={s.conduct} />
                  </Table.Td>
                  <Table.Td ta="center" className="tabular">
                    {s.absences || ''}
                  </Table.Td>
                  {withOutcome && (
                    <>
                      <Table.Td ta="center" className="nowrap">
                        {s.title ? (
                          <Text span size="sm" fw={600} c={s.title === 'XS' ? 'grape.8' : 'teal.8'} title={TT22_TITLE_NAMES[s.title]}>
                            {s.title === 'XS' ? 'Xuất sắc' : 'Giỏi'}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td className="nowrap" data-testid="outcome" fw={600} c={s.outcome ? `${OUTCOME_COLORS[s.outcome] ?? 'gray'}.8` : undefined}>
                        {s.outcome ? labelOf(TT22_OUTCOME_NAMES, s.outcome) : ''}
                      </Table.Td>
                      <Table.Td fz="xs" className="nowrap">
                        {s.retestSubjects.map((c) => subjectShort(c)).join(', ')}
                      </Table.Td>
                    </>
                  )}
                </Table.Tr>
                {open === s.studentId && (
                  <Table.Tr>
                    <Table.Td colSpan={cols} bg="gray.0">
                      <Explanation s={s} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}

function Explanation({ s }: { s: StudentResult }) {
  return (
    <Stack gap={4} p={4} data-testid="explanation" maw={900}>
      {s.explanations.length === 0 && s.missing.length === 0 && (
        <Text size="sm" c="dimmed">
          Chưa có giải thích.
        </Text>
      )}
      {s.explanations.map((e, i) => (
        <Text key={i} size="sm" style={{ whiteSpace: 'normal' }}>
          • {e.text}
        </Text>
      ))}
      {s.missing.length > 0 && (
        <Text size="sm" c="orange.8" style={{ whiteSpace: 'normal' }}>
          Còn thiếu: {s.missing.join('; ')}
        </Text>
      )}
    </Stack>
  );
}

function SummaryTable({ data, scope }: { data: ClassResults; scope: ResultScope }) {
  const sum = data.summary;
  const cell = (group: Record<string, { count: number; percentTenths: number }>, key: string) => {
    const v = group[key];
    return (
      <>
        <Table.Td ta="center" className="tabular">
          {v?.count ?? 0}
        </Table.Td>
        <Table.Td ta="center" className="tabular">
          {percentLabel(v?.percentTenths ?? 0)}
        </Table.Td>
      </>
    );
  };
  const outcomeKeys = (['promoted', 'retest', 'summerTraining', 'retained', 'review'] as const).filter((k) => sum.outcomes[k] || k === 'promoted');
  return (
    <Stack gap={4}>
      <Title order={2} size="h4">
        Bảng tổng hợp — {RESULT_SCOPE_LABELS[scope]} (sĩ số {sum.students})
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Table withTableBorder withColumnBorders fz="sm" verticalSpacing={2} data-testid="summary-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Mức</Table.Th>
              <Table.Th ta="center" colSpan={2}>
                Kết quả học tập
              </Table.Th>
              <Table.Th ta="center" colSpan={2}>
                Kết quả rèn luyện
              </Table.Th>
            </Table.Tr>
            <Table.Tr>
              <Table.Th />
              <Table.Th ta="center">SL</Table.Th>
              <Table.Th ta="center">Tỉ lệ</Table.Th>
              <Table.Th ta="center">SL</Table.Th>
              <Table.Th ta="center">Tỉ lệ</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {LEVELS.map((l) => (
              <Table.Tr key={l}>
                <Table.Td>{TT22_LEVEL_NAMES[l]}</Table.Td>
                {cell(sum.academic, l)}
                {cell(sum.conduct, l)}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {(scope === 'year' || scope === 'final') && (
          <Table withTableBorder withColumnBorders fz="sm" verticalSpacing={2}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                <Table.Th ta="center">SL</Table.Th>
                <Table.Th ta="center">Tỉ lệ</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(['XS', 'G'] as const).map((k) => (
                <Table.Tr key={k}>
                  <Table.Td>{TT22_TITLE_NAMES[k]}</Table.Td>
                  {cell(sum.titles, k)}
                </Table.Tr>
              ))}
              {outcomeKeys.map((k) => (
                <Table.Tr key={k}>
                  <Table.Td>{TT22_OUTCOME_NAMES[k]}</Table.Td>
                  {cell(sum.outcomes, k)}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </SimpleGrid>
    </Stack>
  );
}

function ResultLists({ data }: { data: ClassResults }) {
  const names = new Map((data.students[0]?.subjects ?? []).map((s) => [s.code, s.name]));
  const lists: { title: string; rows: StudentResult[]; extra?: (s: StudentResult) => string; testId: string }[] = [
    { title: 'Danh sách học sinh lên lớp', rows: data.students.filter((s) => s.outcome === 'promoted'), testId: 'list-promoted' },
    {
      title: 'Danh sách học sinh kiểm tra lại',
      rows: data.students.filter((s) => s.outcome === 'retest'),
      extra: (s) => s.retestSubjects.map((c) => names.get(c) ?? c).join(', '),
      testId: 'list-retest',
    },
    { title: 'Danh sách học sinh rèn luyện trong kỳ nghỉ hè', rows: data.students.filter((s) => s.outcome === 'summerTraining'), testId: 'list-summer' },
    { title: 'Danh sách học sinh không lên lớp', rows: data.students.filter((s) => s.outcome === 'retained'), testId: 'list-retained' },
    { title: 'Danh sách học sinh Xuất sắc', rows: data.students.filter((s) => s.title === 'XS'), testId: 'list-xs' },
    { title: 'Danh sách học sinh Giỏi', rows: data.students.filter((s) => s.title === 'G'), testId: 'list-g' },
  ];
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Các danh sách
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {lists.map((l) => (
          <Card key={l.title} withBorder padding="sm" data-testid={l.testId}>
            <Text fw={600} size="sm" mb={4}>
              {l.title} ({l.rows.length})
            </Text>
            {l.rows.length === 0 ? (
              <Text size="sm" c="dimmed">
                Không có.
              </Text>
            ) : (
              <Stack gap={0}>
                {l.rows.map((s) => (
                  <Text key={s.studentId} size="sm">
                    {s.listNumber}. {s.fullName}
                    {l.extra ? <Text span c="dimmed" size="xs">{` — ${l.extra(s)}`}</Text> : null}
                  </Text>
                ))}
              </Stack>
            )}
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
