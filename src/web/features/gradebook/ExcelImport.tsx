/**
 * The score sheet in Excel (docs/data-exchange.md "Bảng điểm (Excel)"): "Xuất Excel" downloads the
 * sheet; "Nhập từ Excel" uploads a filled file, shows every cell it would change (old → new, and
 * the cells a lock refuses), applies it on confirmation in one transaction, and offers
 * "Hoàn tác lần nhập" afterwards while nothing depends on it.
 */
import { Alert, Anchor, Button, FileInput, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { gradebookApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { GradebookSheet, ScoreImport, ScoreImportPreview } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../lib/format.ts';

export function ExcelExportButton({ sheet }: { sheet: GradebookSheet }) {
  return (
    <Button size="xs" variant="default" component="a" href={gradebookApi.exportUrl(sheet.classId, sheet.subject.id, sheet.termNo)} download data-testid="excel-export">
      Xuất Excel
    </Button>
  );
}

export function ExcelImportButton({ sheet }: { sheet: GradebookSheet }) {
  const [open, setOpen] = useState(false);
  const [applied, setApplied] = useState<ScoreImport | null>(null);
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.sheet(sheet.classId, sheet.subject.id, sheet.termNo) });
  const rollBack = useMutation({
    mutationFn: () => gradebookApi.importRollBack(applied!.id),
    onSuccess: (res) => {
      setApplied(res);
      void refresh();
    },
  });
  return (
    <>
      <Button size="xs" variant="default" onClick={() => setOpen(true)} data-testid="excel-import">
        Nhập từ Excel
      </Button>
      {applied && applied.status === 'applied' && (
        <Button size="xs" variant="light" color="orange" loading={rollBack.isPending} onClick={() => rollBack.mutate()} data-testid="excel-rollback">
          Hoàn tác lần nhập
        </Button>
      )}
      {applied && applied.status === 'rolledBack' && (
        <Text size="xs" c="dimmed" data-testid="excel-rolled-back">
          Đã hoàn tác lần nhập {formatDateTime(applied.rolledBackAt)}.
        </Text>
      )}
      {rollBack.error && (
        <Modal opened onClose={() => rollBack.reset()} title="Không hoàn tác được" centered>
          <ErrorAlert error={rollBack.error} />
        </Modal>
      )}
      {open && (
        <ImportModal
          sheet={sheet}
          onClose={() => setOpen(false)}
          onApplied={(res) => {
            setApplied(res);
            setOpen(false);
            void refresh();
          }}
        />
      )}
    </>
  );
}

function ImportModal({ sheet, onClose, onApplied }: { sheet: GradebookSheet; onClose: () => void; onApplied: (res: ScoreImport) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const preview = useMutation({ mutationFn: (f: File) => gradebookApi.importPreview(sheet.classId, sheet.subject.id, sheet.termNo, f) });
  const apply = useMutation({ mutationFn: (p: ScoreImportPreview) => gradebookApi.importApply(p.importId, p.sha256), onSuccess: onApplied });
  const p = preview.data;
  return (
    <Modal opened onClose={onClose} title={`Nhập điểm từ Excel — ${sheet.subject.name}, lớp ${sheet.className}`} size="xl" centered>
      <Stack gap="sm">
        <Text size="sm">
          Chọn tệp Excel đã xuất từ sổ này (Xuất Excel) và điền điểm. Phần mềm cho xem trước mọi ô sẽ thay đổi; chưa có gì được ghi cho đến khi thầy/cô bấm Áp dụng. Ghi “xóa” vào ô để xóa điểm.
        </Text>
        <FileInput
          label="Tệp Excel (.xlsx)"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={(f) => {
            setFile(f);
            preview.reset();
            apply.reset();
            if (f) preview.mutate(f);
          }}
          placeholder="Chọn tệp"
          clearable
          data-testid="excel-file"
        />
        {preview.isPending && <Text size="sm">Đang đọc tệp…</Text>}
        {preview.error && <ErrorAlert error={preview.error} title="Không đọc được tệp" />}
        {p && (
          <>
            <Text size="sm" data-testid="excel-preview-summary">
              {p.diff.length === 0 ? 'Tệp không thay đổi ô nào.' : `${p.diff.length} ô sẽ thay đổi`}
              {p.unchanged ? `; ${p.unchanged} ô giống sổ hiện tại` : ''}
              {p.blocked ? `; ${p.blocked} ô đang bị khóa` : ''}. Mã tệp (SHA-256): <code>{p.sha256.slice(0, 12)}…</code>
            </Text>
            {p.blocked > 0 && (
              <Alert color="red" variant="light" p="xs">
                Có {p.blocked} ô không ghi được lúc này (sổ khóa, hết hạn nhập hoặc hết hạn sửa). Bỏ các ô đó khỏi tệp, hoặc gửi giấy đề nghị sửa điểm.
              </Alert>
            )}
            {p.diff.length > 0 && (
              <ScrollArea.Autosize mah={360}>
                <Table withTableBorder withColumnBorders fz="sm" verticalSpacing={2} data-testid="excel-diff">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>STT</Table.Th>
                      <Table.Th>Học sinh</Table.Th>
                      <Table.Th>Cột</Table.Th>
                      <Table.Th ta="center">Hiện có</Table.Th>
                      <Table.Th ta="center">Trong tệp</Table.Th>
                      <Table.Th>Ghi chú</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {p.diff.map((d, i) => (
                      <Table.Tr key={i} bg={d.blockedBy ? 'red.0' : undefined}>
                        <Table.Td>{d.listNumber}</Table.Td>
                        <Table.Td className="nowrap">{d.studentName}</Table.Td>
                        <Table.Td className="nowrap">{d.columnLabel}</Table.Td>
                        <Table.Td ta="center">{d.old || <Text span c="dimmed" size="xs">(trống)</Text>}</Table.Td>
                        <Table.Td ta="center" fw={600}>
                          {d.new || <Text span c="red.8" size="xs">(xóa)</Text>}
                        </Table.Td>
                        <Table.Td fz="xs" c="red.8">
                          {d.blockedBy ?? ''}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
            )}
          </>
        )}
        {apply.error && <ErrorAlert error={apply.error} title="Chưa áp dụng được" />}
        <Group justify="space-between">
          <Anchor href={gradebookApi.exportUrl(sheet.classId, sheet.subject.id, sheet.termNo)} download size="sm">
            Tải tệp mẫu (sổ hiện tại)
          </Anchor>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button disabled={!p || p.diff.length === 0 || p.blocked > 0} loading={apply.isPending} onClick={() => p && apply.mutate(p)} data-testid="excel-apply">
              Áp dụng {p && p.diff.length ? `${p.diff.length} ô` : ''}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
