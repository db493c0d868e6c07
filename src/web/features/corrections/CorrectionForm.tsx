/**
 * Giấy đề nghị thay đổi thông tin (C2): the teacher lists the cells (old → new), the reason, the
 * kind of evidence, and attaches photos or PDFs of it; the principal then decides.
 */
import { ActionIcon, Alert, Anchor, Button, FileInput, Group, Modal, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { parseCellInput } from '../../../domain/gradebook/parse-cell-input.ts';

import { correctionsApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { Correction, EvidenceKind, GradebookSheet } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { EVIDENCE_KIND_LABELS, termLabel } from '../../../shared/labels.ts';

export interface CorrectionDraftCell {
  studentId: string;
  columnKey: string;
  newValue: string;
}

const MAX_FILE = 10 * 1024 * 1024;
const ACCEPT = 'image/jpeg,image/png,application/pdf';

export function CorrectionFormModal({ sheet, initialCells, onClose }: { sheet: GradebookSheet; initialCells: CorrectionDraftCell[]; onClose: () => void }) {
  const { schoolId } = useSession();
  const queryClient = useQueryClient();
  const [cells, setCells] = useState<CorrectionDraftCell[]>(initialCells.length ? initialCells : [{ studentId: '', columnKey: '', newValue: '' }]);
  const [reason, setReason] = useState('');
  const [evidenceKind, setEvidenceKind] = useState<EvidenceKind>('personalGradebook');
  const [files, setFiles] = useState<File[]>([]);
  const [done, setDone] = useState<Correction | null>(null);
  const [touched, setTouched] = useState(false);

  const editable = sheet.columns;
  const rowOf = (id: string) => sheet.rows.find((r) => r.studentId === id);
  const colOf = (key: string) => sheet.columns.find((c) => c.key === key);
  const problems = cells.map((c) => {
    if (!c.studentId || !c.columnKey) return 'Chọn học sinh và cột điểm.';
    const col = colOf(c.columnKey);
    const parsed = col ? parseCellInput(col.kind, c.newValue) : null;
    return parsed && !parsed.ok ? parsed.message : null;
  });
  const fileProblem = files.find((f) => f.size > MAX_FILE || !ACCEPT.split(',').includes(f.type));
  const valid = problems.every((p) => p === null) && reason.trim().length > 0 && !fileProblem;

  const submit = useMutation({
    mutationFn: async () => {
      let created = await correctionsApi.create(sheet.classId, sheet.subject.id, {
        termNo: sheet.termNo,
        cells: cells.map((c) => ({ studentId: c.studentId, columnKey: c.columnKey, newValue: c.newValue })),
        reason: reason.trim(),
        evidenceKind,
      });
      for (const f of files) created = await correctionsApi.addEvidence(created.id, f);
      return created;
    },
    onSuccess: async (c) => {
      setDone(c);
      await queryClient.invalidateQueries({ queryKey: keys.corrections(schoolId) });
    },
  });

  const set = (i: number, patch: Partial<CorrectionDraftCell>) => setCells((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  return (
    <Modal opened onClose={onClose} title="Giấy đề nghị thay đổi thông tin" size="xl" centered>
      {done ? (
        <Stack data-testid="correction-created">
          <Alert color="teal" title={`Đã gửi giấy đề nghị số ${done.number}`}>
            Giấy đề nghị đang chờ Hiệu trưởng duyệt. Khi được duyệt, Ban quản trị phần mềm cập nhật vào sổ; thầy/cô nhận được thông báo.
            {done.evidence.length > 0 && ` Đã đính kèm ${done.evidence.length} tệp minh chứng.`}
          </Alert>
          <Group>
            <Button component={Link} href={`/de-nghi-sua-diem/${done.id}`}>
              Xem giấy đề nghị
            </Button>
            <Button variant="default" component="a" href={correctionsApi.pdfUrl(done.id)} target="_blank" rel="noopener">
              In giấy đề nghị (PDF)
            </Button>
            <Button variant="subtle" onClick={onClose}>
              Đóng
            </Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setTouched(true);
            if (valid) submit.mutate();
          }}
        >
          <Stack gap="sm">
            <Text size="sm">
              Lớp <b>{sheet.className}</b> · Môn <b>{sheet.subject.name}</b> · {termLabel(sheet.termNo, 'kỳ')}. Sổ đã khóa: thay đổi cần
              Hiệu trưởng duyệt, Ban quản trị phần mềm cập nhật; giấy đề nghị được lưu hồ sơ.
            </Text>
            <Table.ScrollContainer minWidth={560}>
              <Table withTableBorder verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Học sinh</Table.Th>
                    <Table.Th>Cột</Table.Th>
                    <Table.Th w={90}>Hiện tại</Table.Th>
                    <Table.Th w={120}>Đề nghị sửa thành</Table.Th>
                    <Table.Th w={40} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {cells.map((c, i) => {
                    const current = rowOf(c.studentId)?.cells[c.columnKey]?.display ?? '';
                    return (
                      <Table.Tr key={i}>
                        <Table.Td>
                          <Select
                            aria-label={`Học sinh dòng ${i + 1}`}
                            size="xs"
                            searchable
                            data={sheet.rows.filter((r) => r.active).map((r) => ({ value: r.studentId, label: `${r.listNumber}. ${r.fullName}` }))}
                            value={c.studentId || null}
                            onChange={(v) => set(i, { studentId: v ?? '' })}
                          />
                        </Table.Td>
                        <Table.Td>
                          <Select
                            aria-label={`Cột dòng ${i + 1}`}
                            size="xs"
                            data={editable.map((col) => ({ value: col.key, label: col.label }))}
                            value={c.columnKey || null}
                            onChange={(v) => set(i, { columnKey: v ?? '' })}
                          />
                        </Table.Td>
                        <Table.Td className="tabular">{current || '—'}</Table.Td>
                        <Table.Td>
                          <TextInput
                            aria-label={`Giá trị mới dòng ${i + 1}`}
                            size="xs"
                            value={c.newValue}
                            onChange={(e) => set(i, { newValue: e.currentTarget.value })}
                            error={touched || c.newValue ? (problems[i] ?? undefined) : undefined}
                          />
                        </Table.Td>
                        <Table.Td>
                          <ActionIcon variant="subtle" color="red" aria-label="Bỏ dòng này" onClick={() => setCells((cs) => cs.filter((_, j) => j !== i))} disabled={cells.length === 1}>
                            ×
                          </ActionIcon>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Button size="xs" variant="subtle" w="fit-content" onClick={() => setCells((cs) => [...cs, { studentId: '', columnKey: '', newValue: '' }])}>
              + Thêm ô
            </Button>
            <Textarea
              label="Lý do đề nghị sửa"
              required
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={touched && !reason.trim() ? 'Cần ghi lý do đề nghị sửa.' : undefined}
              placeholder="Ví dụ: nhập nhầm điểm của học sinh, đối chiếu với sổ điểm cá nhân"
            />
            <Select
              label="Minh chứng"
              data={Object.entries(EVIDENCE_KIND_LABELS).map(([value, label]) => ({ value, label }))}
              value={evidenceKind}
              onChange={(v) => v && setEvidenceKind(v as EvidenceKind)}
              allowDeselect={false}
            />
            <FileInput
              label="Ảnh chụp hoặc PDF minh chứng"
              description="JPEG, PNG hoặc PDF, mỗi tệp tối đa 10 MB"
              placeholder="Chọn tệp"
              multiple
              accept={ACCEPT}
              value={files}
              onChange={setFiles}
              clearable
              error={fileProblem ? `${fileProblem.name}: chỉ nhận JPEG, PNG hoặc PDF tối đa 10 MB.` : undefined}
            />
            {submit.error && <ErrorAlert error={submit.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Hủy
              </Button>
              <Button type="submit" loading={submit.isPending}>
                Gửi giấy đề nghị
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              Xem các giấy đã gửi ở mục{' '}
              <Anchor component={Link} href="/de-nghi-sua-diem" size="xs">
                Giấy đề nghị sửa điểm
              </Anchor>
              .
            </Text>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
