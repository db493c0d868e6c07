/**
 * Nhập danh sách học sinh từ Excel: download the template, upload, then either the number imported
 * or the whole validation report (Dòng / Cột / Lỗi) — nothing is imported when any row is wrong.
 */
import { Alert, Anchor, Button, FileInput, Group, List, Modal, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { STUDENT_IMPORT_TEMPLATE_URL, studentsApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

export function ImportStudentsModal({
  classId,
  className,
  yearId,
  onClose,
}: {
  classId: string;
  className: string;
  yearId: string | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) => studentsApi.import(classId, f),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.classList(classId) }),
        yearId ? queryClient.invalidateQueries({ queryKey: keys.classes(yearId) }) : undefined,
      ]);
    },
  });
  const rowErrors = upload.error instanceof ApiError ? upload.error.fieldErrors : [];
  return (
    <Modal opened onClose={onClose} title={`Nhập học sinh từ Excel — lớp ${className}`} size="xl">
      <Stack gap="sm">
        <List size="sm" type="ordered" spacing={4}>
          <List.Item>
            <Anchor href={STUDENT_IMPORT_TEMPLATE_URL} download="mau-nhap-hoc-sinh.xlsx" data-testid="import-template-link">
              Tải tệp mẫu (Excel)
            </Anchor>{' '}
            và điền mỗi học sinh một dòng; giữ nguyên dòng tiêu đề.
          </List.Item>
          <List.Item>Ngày sinh ghi dd/mm/yyyy; mã định danh 12 chữ số; mã học sinh 10 chữ số.</List.Item>
          <List.Item>Nếu có dòng sai, không học sinh nào được nhập: sửa theo bảng lỗi rồi tải lên lại.</List.Item>
        </List>
        <FileInput
          label="Tệp danh sách học sinh (.xlsx)"
          placeholder="Chọn tệp…"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={(f) => {
            setFile(f);
            upload.reset();
          }}
          clearable
        />
        {upload.data && (
          <Alert color="teal" title="Đã nhập xong" data-testid="import-success">
            Đã nhập {upload.data.imported} học sinh vào lớp {className}.
          </Alert>
        )}
        {upload.error && rowErrors.length === 0 && <ErrorAlert error={upload.error} />}
        {rowErrors.length > 0 && (
          <Stack gap="xs" data-testid="import-report">
            <Alert color="red" title="Chưa nhập học sinh nào">
              {upload.error?.message}
            </Alert>
            <Table.ScrollContainer minWidth={420} maxHeight={360}>
              <Table striped withTableBorder stickyHeader>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>Dòng</Table.Th>
                    <Table.Th w={180}>Cột</Table.Th>
                    <Table.Th>Lỗi</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rowErrors.map((e, i) => (
                    <Table.Tr key={i}>
                      <Table.Td className="tabular">{e.row ?? ''}</Table.Td>
                      <Table.Td>{e.field}</Table.Td>
                      <Table.Td>{e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {file ? `${file.name} — ${(file.size / 1024).toFixed(0)} KB` : ''}
          </Text>
          <Group>
            <Button variant="default" onClick={onClose}>
              {upload.data ? 'Đóng' : 'Hủy'}
            </Button>
            <Button onClick={() => file && upload.mutate(file)} disabled={!file} loading={upload.isPending}>
              Nhập danh sách
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
