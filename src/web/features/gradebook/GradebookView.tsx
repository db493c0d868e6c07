/**
 * Sổ điểm (G1, G3): pick class → subject → term (a teacher from her assignments, the leadership
 * and the homeroom teacher any they may read), then the grid with autosave, the conflicts to
 * resolve, the lock refusals with their correction request, and the reason dialog (with the
 * re-entry's evidence where the school asks for it, C4).
 */
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { EvidenceKind, GradebookSheet } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDate } from '../../lib/format.ts';
import { EVIDENCE_KIND_LABELS, termLabel } from '../../../shared/labels.ts';
import { CorrectionFormModal, type CorrectionDraftCell } from '../corrections/CorrectionForm.tsx';
import { useYearSetup } from '../setup/hooks.ts';
import { useClasses } from '../people/hooks.ts';
import { ExcelExportButton, ExcelImportButton } from './ExcelImport.tsx';
import { GradebookGrid, LockIcon, STATUS_TEXT } from './GradebookGrid.tsx';
import { currentTermNo, useSchoolWideReader, useSheet, usePrefetchSheet } from './hooks.ts';
import { useSheetEditor } from './useSheetEditor.ts';

export const sheetHref = (classId: string, subjectId: string, termNo: number) => `/so-diem/${classId}/${subjectId}/${termNo}`;

interface Pick {
  classId: string;
  subjectId: string;
  termNo: number;
}

/** The class-subjects this user may open: her assignments, her homeroom classes, or all. */
function useChoices(yearId: string) {
  const { me } = useSession();
  const wide = useSchoolWideReader();
  const setup = useYearSetup(yearId);
  const classes = useClasses(yearId);
  const subjects = setup.data?.subjects ?? [];
  const classList = [...(classes.data ?? [])].sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'vi'));
  const allowed = (classId: string, subjectId: string) =>
    wide || me.homeroomClassIds.includes(classId) || me.teaching.some((t) => t.classId === classId && t.subjectId === subjectId);
  const subjectsOf = (classId: string) => {
    const cls = classList.find((c) => c.id === classId);
    return subjects.filter((s) => cls && s.grade === cls.grade && allowed(classId, s.id)).sort((a, b) => a.sortOrder - b.sortOrder);
  };
  const classChoices = classList.filter((c) => subjects.some((s) => s.grade === c.grade && allowed(c.id, s.id)));
  return { setup, classes, classChoices, subjectsOf, loading: setup.isLoading || classes.isLoading, error: setup.error ?? classes.error };
}

export function GradebookView({ yearId, pick }: { yearId: string; pick: Pick | null }) {
  const { me } = useSession();
  const [, navigate] = useLocation();
  const { setup, classChoices, subjectsOf, loading, error } = useChoices(yearId);
  usePrefetchSheet(pick);
  const termNo = pick?.termNo ?? currentTermNo(setup.data?.terms);
  const [classId, setClassId] = useState<string | null>(pick?.classId ?? null);

  if (loading) return <Loading />;
  if (error) return <ErrorAlert error={error} />;

  const go = (p: Pick) => navigate(`/so-diem/${p.classId}/${p.subjectId}/${p.termNo}`);
  const chosenClass = pick?.classId ?? classId;
  const subjectChoices = chosenClass ? subjectsOf(chosenClass) : [];
  const mine = me.teaching
    .map((t) => ({ t, cls: classChoices.find((c) => c.id === t.classId), subject: setup.data?.subjects.find((s) => s.id === t.subjectId) }))
    .filter((x) => x.cls && x.subject);

  const picker = (
    <Group gap="xs" align="flex-end" wrap="wrap" className="no-print">
      <Select
        label="Lớp"
        w={120}
        data={classChoices.map((c) => ({ value: c.id, label: c.name }))}
        value={chosenClass}
        onChange={(v) => {
          setClassId(v);
          if (v && pick && subjectsOf(v).some((s) => s.id === pick.subjectId)) go({ ...pick, classId: v });
          else if (v && pick) navigate('/so-diem');
        }}
        allowDeselect={false}
        searchable
        nothingFoundMessage="Không có lớp"
      />
      <Select
        label="Môn học"
        w={200}
        data={subjectChoices.map((s) => ({ value: s.id, label: s.name }))}
        value={pick?.subjectId ?? null}
        onChange={(v) => v && chosenClass && go({ classId: chosenClass, subjectId: v, termNo })}
        placeholder={chosenClass ? 'Chọn môn' : 'Chọn lớp trước'}
        disabled={!chosenClass}
        allowDeselect={false}
      />
      <div>
        <Text size="sm" fw={500} mb={2}>
          Học kỳ
        </Text>
        <SegmentedControl
          aria-label="Học kỳ"
          data={[
            { value: '1', label: termLabel(1, 'kỳ') },
            { value: '2', label: termLabel(2, 'kỳ') },
          ]}
          value={String(termNo)}
          onChange={(v) => pick && go({ ...pick, termNo: Number(v) })}
          disabled={!pick}
        />
      </div>
    </Group>
  );

  if (!pick) {
    return (
      <>
        <PageHeader title="Sổ điểm" subtitle="Chọn lớp, môn học và học kỳ để nhập điểm, nhận xét." />
        {picker}
        {mine.length > 0 && (
          <Stack gap="xs" mt="lg">
            <Text fw={600}>Các lớp, môn thầy/cô được phân công dạy</Text>
            <SimpleGrid cols={{ base: 2, xs: 3, md: 5 }}>
              {mine.map(({ t, cls, subject }) => (
                <Card key={`${t.classId}-${t.subjectId}`} withBorder component={Link} href={sheetHref(t.classId, t.subjectId, termNo)} padding="sm">
                  <Text fw={600} c="teal.8">
                    {cls!.name}
                  </Text>
                  <Text size="sm">{subject!.name}</Text>
                </Card>
              ))}
            </SimpleGrid>
          </Stack>
        )}
        {classChoices.length === 0 && (
          <Alert color="blue" mt="md">
            Thầy/cô chưa được phân công dạy môn nào trong năm học này.
          </Alert>
        )}
      </>
    );
  }

  return <SheetScreen key={`${pick.classId}/${pick.subjectId}/${pick.termNo}`} pick={pick} picker={picker} />;
}

function SheetScreen({ pick, picker }: { pick: Pick; picker: React.ReactNode }) {
  const sheet = useSheet(pick.classId, pick.subjectId, pick.termNo);
  return (
    <>
      <PageHeader
        title={sheet.data ? `Sổ điểm ${sheet.data.subject.name} — Lớp ${sheet.data.className}` : 'Sổ điểm'}
        subtitle={sheet.data ? `${termLabel(pick.termNo, 'kỳ')}${sheet.data.teacherName ? ` · Giáo viên bộ môn: ${sheet.data.teacherName}` : ''}` : undefined}
        crumbs={[{ label: 'Sổ điểm', href: '/so-diem' }, { label: sheet.data ? `${sheet.data.className} · ${sheet.data.subject.name}` : '…' }]}
      />
      {picker}
      <div style={{ marginTop: 12 }}>
        {sheet.isLoading && <Loading />}
        {sheet.error && <ErrorAlert error={sheet.error} onRetry={() => sheet.refetch()} />}
        {sheet.data && <SheetEditorPanel sheet={sheet.data} />}
      </div>
    </>
  );
}

function SheetEditorPanel({ sheet }: { sheet: GradebookSheet }) {
  const editor = useSheetEditor(sheet);
  const [correction, setCorrection] = useState<CorrectionDraftCell[] | null>(null);
  const [reason, setReason] = useState('');
  const [remember, setRemember] = useState(true);
  const [evidence, setEvidence] = useState<EvidenceKind[]>([]);
  const [evidenceNote, setEvidenceNote] = useState('');
  const reasonNeeded = sheet.reasonRequired !== 'never';
  const evidenceNeeded = sheet.evidenceRequired === 'reEntry';
  const dialogReady = (!reasonNeeded || reason.trim() !== '') && (!evidenceNeeded || (evidence.length > 0 && (!evidence.includes('other') || evidenceNote.trim() !== '')));
  const byId = new Map(sheet.rows.map((r) => [r.studentId, r]));
  const colLabel = (key: string) => sheet.columns.find((c) => c.key === key)?.label ?? key;
  const entries = Object.entries(editor.rows);
  const locked = entries.filter(([, r]) => r.status.state === 'locked');
  const conflicts = entries.filter(([, r]) => r.status.state === 'conflict');
  const failed = entries.filter(([, r]) => r.status.state === 'failed');
  const needReason = entries.filter(([, r]) => r.status.state === 'needReason');
  const invalid = entries.filter(([, r]) => r.status.state === 'invalid');
  const saving = entries.filter(([, r]) => r.status.state === 'saving' || r.status.state === 'pending').length;
  const blockedColumns = sheet.columns.filter((c) => c.blockedBy);
  // Something left to type: the teacher's sheet with at least one column open.
  const writable = sheet.canEdit && blockedColumns.length < sheet.columns.length;

  const lockedCells: CorrectionDraftCell[] = locked.flatMap(([studentId, r]) =>
    r.status.state === 'locked' ? r.status.blocks.map((b) => ({ studentId, columnKey: b.columnKey, newValue: r.cells[b.columnKey]?.input ?? '' })) : [],
  );
  const lockMessages = [...new Set(locked.flatMap(([, r]) => (r.status.state === 'locked' ? [r.status.message] : [])))];

  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="wrap" className="no-print">
        {!sheet.canEdit ? (
          <Badge color="gray">Chỉ xem</Badge>
        ) : writable ? (
          <Badge color="teal">Thầy/cô nhập được sổ này</Badge>
        ) : (
          <Badge color="orange">Sổ đã khóa: sửa điểm qua giấy đề nghị</Badge>
        )}
        {sheet.reEntryLastDay && (
          <Badge variant="light" color="orange">
            Sửa điểm đã nhập: đến hết {formatDate(sheet.reEntryLastDay)}
          </Badge>
        )}
        {sheet.reasonRequired !== 'never' && (
          <Badge variant="light" color="blue">
            {sheet.reasonRequired === 'always' ? 'Mỗi lần lưu cần ghi lý do' : 'Sửa điểm đã nhập cần ghi lý do'}
          </Badge>
        )}
        {evidenceNeeded && (
          <Badge variant="light" color="grape">
            Sửa điểm đã nhập cần minh chứng
          </Badge>
        )}
        {writable && (
          <Text size="sm" c={saving ? 'orange.8' : 'dimmed'} data-testid="save-summary">
            {saving ? `Đang lưu ${saving} dòng…` : 'Mọi thay đổi được lưu tự động.'}
          </Text>
        )}
        <Group gap={6} ml="auto">
          {sheet.canEdit && (
            <Button size="xs" variant="light" onClick={() => setCorrection([])}>
              Lập giấy đề nghị sửa điểm
            </Button>
          )}
          <ExcelExportButton sheet={sheet} />
          {sheet.canEdit && <ExcelImportButton sheet={sheet} />}
        </Group>
      </Group>

      {blockedColumns.length > 0 && (
        <Alert color="gray" variant="light" title="Cột đang khóa" p="xs">
          {[...new Set(blockedColumns.map((c) => c.blockedBy as string))].map((message) => (
            <Text key={message} size="sm">
              <b>
                {blockedColumns
                  .filter((c) => c.blockedBy === message)
                  .map((c) => c.label)
                  .join(', ')}
                :
              </b>{' '}
              {message}
            </Text>
          ))}
        </Alert>
      )}

      {locked.length > 0 && (
        <Alert color="red" title="Chưa lưu được: sổ đã khóa" role="alert" data-testid="lock-alert">
          {lockMessages.map((m) => (
            <Text key={m} size="sm">
              {m}
            </Text>
          ))}
          <Text size="sm" mt={4}>
            Các ô chưa lưu:{' '}
            {lockedCells.map((c) => `${byId.get(c.studentId)?.fullName} — ${colLabel(c.columnKey)}: ${c.newValue || '(xóa)'}`).join('; ')}
          </Text>
          <Group gap="xs" mt="xs">
            <Button size="xs" color="red" onClick={() => setCorrection(lockedCells)}>
              Gửi giấy đề nghị sửa điểm
            </Button>
            <Button size="xs" variant="default" onClick={() => locked.forEach(([id]) => editor.revertRow(id))}>
              Bỏ các thay đổi này
            </Button>
          </Group>
        </Alert>
      )}

      {conflicts.map(([studentId, r]) =>
        r.status.state === 'conflict' ? (
          <Alert key={studentId} color="orange" title={`Xung đột: ${byId.get(studentId)?.fullName}`} data-testid="conflict-alert">
            <Text size="sm">{r.status.message}</Text>
            {r.status.conflicts.map((c) => (
              <Text key={c.columnKey} size="sm">
                {colLabel(c.columnKey)}: của thầy/cô <b>{c.mine || '(trống)'}</b> — hiện có trên máy chủ <b>{c.current.display || '(trống)'}</b>
              </Text>
            ))}
            <Group gap="xs" mt="xs">
              <Button size="xs" color="orange" onClick={() => editor.resolveConflict(studentId, 'mine')}>
                Giữ giá trị của tôi
              </Button>
              <Button size="xs" variant="default" onClick={() => editor.resolveConflict(studentId, 'theirs')}>
                Lấy giá trị trên máy chủ
              </Button>
            </Group>
          </Alert>
        ) : null,
      )}

      {failed.length > 0 && (
        <Alert color="red" title="Có dòng chưa lưu được" data-testid="failed-alert">
          {failed.map(([id, r]) => (
            <Text key={id} size="sm">
              {byId.get(id)?.fullName}: {r.status.state === 'failed' ? r.status.message : ''}
            </Text>
          ))}
          <Button size="xs" mt="xs" color="red" variant="light" onClick={() => failed.forEach(([id]) => editor.saveNow(id))}>
            Thử lại
          </Button>
        </Alert>
      )}

      {invalid.length > 0 && (
        <Alert color="red" variant="light" p="xs">
          {invalid.map(([id, r]) => (
            <Text key={id} size="sm">
              {byId.get(id)?.listNumber}. {byId.get(id)?.fullName}: {r.status.state === 'invalid' ? r.status.message : ''}
            </Text>
          ))}
        </Alert>
      )}

      <GradebookGrid sheet={sheet} editor={editor} editable={sheet.canEdit} />

      <Text size="xs" c="dimmed" className="no-print">
        Trạng thái dòng (cạnh tên học sinh): • {STATUS_TEXT.pending} · {STATUS_TEXT.saving} · ✓ {STATUS_TEXT.saved} · ↻ {STATUS_TEXT.failed} (bấm để thử lại) · !{' '}
        {STATUS_TEXT.conflict} · <LockIcon /> {STATUS_TEXT.locked}. Xem{' '}
        <Anchor component={Link} href="/nhat-ki-sua-diem" size="xs">
          nhật kí sửa điểm
        </Anchor>{' '}
        và{' '}
        <Anchor component={Link} href="/de-nghi-sua-diem" size="xs">
          giấy đề nghị sửa điểm
        </Anchor>
        .
      </Text>

      <Modal
        opened={needReason.length > 0}
        onClose={() => needReason.forEach(([id]) => editor.revertRow(id))}
        title={evidenceNeeded ? 'Lý do và minh chứng sửa điểm' : 'Lý do sửa điểm'}
        centered
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const text = reason.trim();
            if (!dialogReady) return;
            editor.setSessionReason(remember && text ? text : null);
            // Evidence belongs to this change only: asked again for the next one.
            needReason.forEach(([id]) => editor.saveNow(id, { reason: text, evidence, evidenceNote: evidence.includes('other') ? evidenceNote.trim() : '' }));
            setEvidence([]);
            setEvidenceNote('');
          }}
        >
          <Stack gap="sm">
            <Text size="sm">
              {evidenceNeeded
                ? 'Theo quy định của trường, sửa một điểm đã nhập cần nêu minh chứng (và lý do, nếu trường yêu cầu); tất cả được lưu trong nhật kí sửa điểm cùng giá trị cũ và mới.'
                : 'Theo quy định của trường, sửa một điểm đã nhập cần ghi lý do (được lưu trong nhật kí sửa điểm cùng giá trị cũ và mới).'}
            </Text>
            <Text size="sm" c="dimmed">
              Dòng: {needReason.map(([id]) => byId.get(id)?.fullName).join(', ')}
            </Text>
            {evidenceNeeded &&
              needReason.map(([id, r]) =>
                r.status.state === 'needReason' ? (
                  <Text key={id} size="xs" c="red.8">
                    {r.status.message}
                  </Text>
                ) : null,
              )}
            <Textarea
              label={reasonNeeded ? 'Lý do' : 'Lý do (không bắt buộc)'}
              data-autofocus
              required={reasonNeeded}
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              placeholder="Ví dụ: nhập nhầm, đối chiếu sổ điểm cá nhân"
            />
            {evidenceNeeded && (
              <Checkbox.Group
                label="Minh chứng"
                description="Xác nhận của học sinh cùng lớp chỉ dùng cho điểm kiểm tra miệng (ĐĐGtx)."
                withAsterisk
                value={evidence}
                onChange={(v) => setEvidence(v as EvidenceKind[])}
              >
                <Stack gap={6} mt={6}>
                  {(Object.entries(EVIDENCE_KIND_LABELS) as [EvidenceKind, string][]).map(([value, label]) => (
                    <Checkbox key={value} value={value} label={label} />
                  ))}
                </Stack>
              </Checkbox.Group>
            )}
            {evidenceNeeded && evidence.includes('other') && (
              <Textarea label="Minh chứng khác là gì" required minRows={1} maxLength={300} value={evidenceNote} onChange={(e) => setEvidenceNote(e.currentTarget.value)} />
            )}
            <Checkbox label="Dùng lý do này cho các lần sửa tiếp theo trong sổ này" checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => needReason.forEach(([id]) => editor.revertRow(id))}>
                Không sửa nữa
              </Button>
              <Button type="submit" disabled={!dialogReady}>
                {evidenceNeeded ? 'Lưu với lý do, minh chứng này' : 'Lưu với lý do này'}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>

      {correction !== null && <CorrectionFormModal sheet={sheet} initialCells={correction} onClose={() => setCorrection(null)} />}
    </Stack>
  );
}
