/**
 * Nhật kí sửa điểm (C3, C4): every entry and change of a grade-book value — who, when, old → new,
 * how (typed, pasted, filled, correction), why, and the request number; the leadership prints a
 * teacher's month for explanation. A teacher sees her own. Below, the unlocks, window changes and
 * correction decisions of the period, with who asked and who decided (issue 14 §3).
 */
import { Button, Checkbox, Group, Pagination, Select, SimpleGrid, Table, Tabs, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { editLogApi, staffApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { EditLogPage, EditLogQuery } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { DateField } from '../../components/DateField.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDateTime, todayIso } from '../../lib/format.ts';
import { APPROVAL_STEP_LABELS, EDIT_SOURCE_LABELS, EVIDENCE_KIND_LABELS, columnName, labelOf, termRoman } from '../../../shared/labels.ts';
import { useYearSetup } from '../setup/hooks.ts';
import { useClasses } from '../people/hooks.ts';

const PAGE_SIZE = 100;

interface Filters {
  teacherUserId: string | null;
  classId: string | null;
  subjectId: string | null;
  from: string | null;
  to: string | null;
  changesOnly: boolean;
}
const EMPTY: Filters = { teacherUserId: null, classId: null, subjectId: null, from: null, to: null, changesOnly: false };

function months(startsOn: string | undefined, endsOn: string | undefined): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  const start = (startsOn ?? todayIso()).slice(0, 7);
  const end = (endsOn ?? todayIso()).slice(0, 7);
  let [y, m] = start.split('-').map(Number);
  for (let i = 0; i < 24; i += 1) {
    const v = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ value: v, label: `Tháng ${m}/${y}` });
    if (v >= end) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export function EditLogView() {
  const { schoolId, yearId, year, can, me } = useSession();
  const everyone = can('editLog.view');
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const [pdfMonth, setPdfMonth] = useState<string | null>(todayIso().slice(0, 7));
  const classes = useClasses(yearId);
  const setup = useYearSetup(yearId ?? '');
  const teachers = useQuery({ queryKey: keys.teachers(schoolId), queryFn: () => staffApi.teachers(schoolId), enabled: everyone });
  const q: EditLogQuery = {
    teacherUserId: everyone ? (filters.teacherUserId ?? undefined) : me.user.id,
    classId: filters.classId ?? undefined,
    subjectId: filters.subjectId ?? undefined,
    from: filters.from ?? undefined,
    to: filters.to ?? undefined,
    changesOnly: filters.changesOnly ? '1' : '0',
    // Newest first on the page; the printed month stays oldest first (the server's default).
    order: 'desc',
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const log = useQuery({ queryKey: keys.editLog(schoolId, q), queryFn: () => editLogApi.list(schoolId, q), placeholderData: keepPreviousData });
  const total = log.data?.total ?? 0;

  const teacherOptions = new Map<string, string>();
  for (const t of teachers.data ?? []) teacherOptions.set(t.userId, t.fullName);
  for (const e of log.data?.entries ?? []) if (e.teacherUserId) teacherOptions.set(e.teacherUserId, e.teacherName);
  const pdfTeacher = everyone ? filters.teacherUserId : me.user.id;

  return (
    <>
      <PageHeader
        title="Nhật kí sửa điểm"
        subtitle={everyone ? 'Mọi lần nhập, sửa điểm của giáo viên: ai, lúc nào, cũ → mới, lý do, minh chứng. Không sửa, không xóa được.' : 'Các lần nhập, sửa điểm của thầy/cô.'}
      />
      <form
        className="no-print"
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setFilters(draft);
        }}
      >
        <SimpleGrid cols={{ base: 1, xs: 2, md: everyone ? 5 : 4 }} mb="sm">
          {everyone && (
            <Select
              label="Giáo viên"
              placeholder="Tất cả"
              searchable
              clearable
              data={[...teacherOptions].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'vi'))}
              value={draft.teacherUserId}
              onChange={(v) => setDraft({ ...draft, teacherUserId: v })}
              nothingFoundMessage="Không tìm thấy"
            />
          )}
          <Select label="Lớp" placeholder="Tất cả" clearable data={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))} value={draft.classId} onChange={(v) => setDraft({ ...draft, classId: v })} />
          <Select
            label="Môn học"
            placeholder="Tất cả"
            clearable
            searchable
            data={(setup.data?.subjects ?? []).map((s) => ({ value: s.id, label: `${s.name} (khối ${s.grade})` }))}
            value={draft.subjectId}
            onChange={(v) => setDraft({ ...draft, subjectId: v })}
          />
          <DateField label="Từ ngày" value={draft.from} onChange={(v) => setDraft({ ...draft, from: v })} />
          <DateField label="Đến ngày" value={draft.to} onChange={(v) => setDraft({ ...draft, to: v })} />
        </SimpleGrid>
        <Group mb="md" gap="sm">
          <Checkbox label="Chỉ các lần sửa (không tính lần nhập đầu)" checked={draft.changesOnly} onChange={(e) => setDraft({ ...draft, changesOnly: e.currentTarget.checked })} />
          <Button type="submit">Lọc</Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft(EMPTY);
              setFilters(EMPTY);
              setPage(1);
            }}
          >
            Bỏ lọc
          </Button>
          {log.data && (
            <Text size="sm" c="dimmed">
              {total} lần nhập, sửa
            </Text>
          )}
        </Group>
        <Group mb="md" gap="xs" align="flex-end">
          <Select label="In nhật kí tháng" w={160} data={months(year?.startsOn, year?.endsOn)} value={pdfMonth} onChange={setPdfMonth} allowDeselect={false} />
          <Button
            variant="light"
            component="a"
            href={pdfTeacher && pdfMonth ? editLogApi.pdfUrl(schoolId, pdfTeacher, pdfMonth) : undefined}
            target="_blank"
            rel="noopener"
            disabled={!pdfTeacher || !pdfMonth}
          >
            In PDF
          </Button>
          {everyone && !filters.teacherUserId && (
            <Text size="xs" c="dimmed">
              Chọn một giáo viên rồi bấm Lọc để in nhật kí của giáo viên đó.
            </Text>
          )}
        </Group>
      </form>
      {log.isLoading && <Loading />}
      {log.error && <ErrorAlert error={log.error} onRetry={() => log.refetch()} />}
      {log.data && (
        <Tabs defaultValue="changes" keepMounted={false}>
          <Tabs.List mb="sm">
            <Tabs.Tab value="changes">Nhập, sửa điểm ({total})</Tabs.Tab>
            <Tabs.Tab value="approvals">Mở sổ, đổi đợt, duyệt đề nghị ({log.data.approvals.length})</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="changes">
            <Table.ScrollContainer minWidth={1000}>
              <Table striped verticalSpacing={4} fz="sm" style={{ opacity: log.isFetching ? 0.6 : 1 }} data-testid="edit-log">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Thời gian</Table.Th>
                    <Table.Th>Giáo viên</Table.Th>
                    <Table.Th>Lớp</Table.Th>
                    <Table.Th>Môn</Table.Th>
                    <Table.Th>Học sinh</Table.Th>
                    <Table.Th>Cột</Table.Th>
                    <Table.Th className="nowrap">Cũ → Mới</Table.Th>
                    <Table.Th>Nguồn</Table.Th>
                    <Table.Th>Lý do</Table.Th>
                    <Table.Th miw={180}>Minh chứng</Table.Th>
                    <Table.Th className="nowrap">Số đề nghị</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {log.data.entries.map((e) => (
                    <Table.Tr key={e.eventId}>
                      <Table.Td className="tabular nowrap" title={`IP ${e.ip}`}>
                        {formatDateTime(e.at)}
                      </Table.Td>
                      <Table.Td>{e.teacherName}</Table.Td>
                      <Table.Td>{e.className}</Table.Td>
                      <Table.Td>{e.subjectName}</Table.Td>
                      <Table.Td className="nowrap">{e.studentName}</Table.Td>
                      <Table.Td className="nowrap">
                        {columnName(e.columnKey, 'kỳ')} · HK {termRoman(e.termNo)}
                      </Table.Td>
                      <Table.Td className="tabular nowrap">
                        <Text span c="red.8" size="sm" td={e.oldValue ? 'line-through' : undefined}>
                          {e.oldValue || '∅'}
                        </Text>{' '}
                        →{' '}
                        <Text span c="teal.8" size="sm" fw={600}>
                          {e.newValue || '∅'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" c={e.source === 'correction' ? 'violet.8' : 'dimmed'} fw={e.source === 'correction' ? 600 : 400}>
                          {labelOf(EDIT_SOURCE_LABELS, e.source)}
                        </Text>
                      </Table.Td>
                      <Table.Td>{e.reason}</Table.Td>
                      <Table.Td fz="xs">
                        {e.evidence.map((k) => (
                          <div key={k}>
                            {labelOf(EVIDENCE_KIND_LABELS, k)}
                            {k === 'other' && e.evidenceNote && `: ${e.evidenceNote}`}
                          </div>
                        ))}
                      </Table.Td>
                      <Table.Td>{e.correctionNumber !== null ? `Số ${e.correctionNumber}` : ''}</Table.Td>
                    </Table.Tr>
                  ))}
                  {log.data.entries.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={11}>Không có lần nhập, sửa nào khớp bộ lọc.</Table.Td>
                    </Table.Tr>
                  )}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {total > PAGE_SIZE && (
              <Group justify="center" mt="md">
                <Pagination total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} size="sm" />
              </Group>
            )}
          </Tabs.Panel>
          <Tabs.Panel value="approvals">
            <Approvals approvals={log.data.approvals} />
          </Tabs.Panel>
        </Tabs>
      )}
    </>
  );
}

const STEP_COLORS: Record<EditLogPage['approvals'][number]['step'], string> = {
  requested: 'yellow',
  confirmed: 'teal',
  refused: 'red',
  direct: 'blue',
  approved: 'teal',
  rejected: 'red',
};

/** Unlocks, window changes and correction decisions: who asked, who decided. */
function Approvals({ approvals }: { approvals: EditLogPage['approvals'] }) {
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        Mở sổ, đổi đợt cập nhật điểm của Ban quản trị chỉ có hiệu lực khi Hiệu trưởng (hoặc phó hiệu trưởng được ủy quyền) xác nhận; không ai tự duyệt giấy đề nghị của mình.
      </Text>
      <Table.ScrollContainer minWidth={900}>
        <Table striped verticalSpacing={4} fz="sm" data-testid="edit-log-approvals">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Thời gian</Table.Th>
              <Table.Th>Việc</Table.Th>
              <Table.Th>Nội dung</Table.Th>
              <Table.Th>Người đề nghị</Table.Th>
              <Table.Th>Người xác nhận, duyệt</Table.Th>
              <Table.Th>Lý do</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {approvals.map((a) => (
              <Table.Tr key={a.eventId}>
                <Table.Td className="tabular nowrap">{formatDateTime(a.at)}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600} c={`${STEP_COLORS[a.step]}.8`}>
                    {APPROVAL_STEP_LABELS[a.step]}
                  </Text>
                </Table.Td>
                <Table.Td>{a.summary}</Table.Td>
                <Table.Td>{a.requestedByName}</Table.Td>
                <Table.Td>{a.decidedByName ?? '—'}</Table.Td>
                <Table.Td>{a.reason}</Table.Td>
              </Table.Tr>
            ))}
            {approvals.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>Không có lần mở sổ, đổi đợt hay duyệt giấy đề nghị nào khớp bộ lọc.</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
