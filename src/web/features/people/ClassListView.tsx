/**
 * Danh sách lớp: students in Vietnamese ABC order (or the homeroom teacher's manual order), with
 * adding, importing from Excel and re-ordering for those allowed.
 */
import { ActionIcon, Anchor, Badge, Button, Group, Menu, Modal, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { studentsApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { ClassListEntry } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDate } from '../../lib/format.ts';
import { SEX_LABELS } from '../../../shared/labels.ts';
import { ENROLLMENT_STATUS_COLORS, ENROLLMENT_STATUS_LABELS } from '../../lib/labels.ts';
import { ClassDashboardLink } from '../dashboard/ClassDashboardLink.tsx';
import { AddStudentModal } from './AddStudentModal.tsx';
import { useClassAbility, useClasses } from './hooks.ts';
import { ImportStudentsModal } from './ImportStudentsModal.tsx';
import { hasPersonalRecord } from './StudentProfileFields.tsx';

const CURRENT = new Set(['active', 'transferred_in']);

export function ClassListView({ classId }: { classId: string }) {
  const { yearId, year } = useSession();
  const allowed = useClassAbility();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: keys.classList(classId), queryFn: () => studentsApi.classList(classId) });
  const classes = useClasses(yearId);
  const klass = classes.data?.find((c) => c.id === classId);
  const [dialog, setDialog] = useState<'add' | 'import' | 'abc' | null>(null);
  const [order, setOrder] = useState<ClassListEntry[] | null>(null);
  const [dragFrom, setDragFrom] = useState<number | null>(null);

  const reorder = useMutation({
    mutationFn: (body: { mode: 'abc' } | { mode: 'manual'; enrollmentIds: string[] }) => studentsApi.listOrder(classId, body),
    onSuccess: (data) => {
      queryClient.setQueryData(keys.classList(classId), data);
      setOrder(null);
      setDialog(null);
    },
  });

  if (list.isLoading) return <Loading />;
  if (list.error) return <ErrorAlert error={list.error} onRetry={() => list.refetch()} />;
  if (!list.data) return null;
  const data = list.data;
  const rows = order ?? data.entries;
  const current = data.entries.filter((e) => CURRENT.has(e.status)).length;
  const canReorder = allowed('classList.reorder', classId);
  // Q4: a subject teacher's list carries no personal record, so no ID column.
  const personal = data.entries.some((e) => hasPersonalRecord(e.student));
  const move = (from: number, to: number) => {
    if (!order || to < 0 || to >= order.length || from === to) return;
    const next = [...order];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item);
    setOrder(next);
  };

  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Lớp học', href: '/lop' }, { label: `Lớp ${data.className}` }]}
        title={`Danh sách lớp ${data.className}`}
        subtitle={[
          year ? `Năm học ${year.name}` : null,
          klass?.homeroomName ? `GVCN: ${klass.homeroomName}` : null,
          `Sĩ số: ${current}`,
        ]
          .filter(Boolean)
          .join(' · ')}
        actions={
          order ? (
            <>
              <Button onClick={() => reorder.mutate({ mode: 'manual', enrollmentIds: order.map((e) => e.enrollmentId) })} loading={reorder.isPending}>
                Lưu thứ tự
              </Button>
              <Button variant="default" onClick={() => setOrder(null)}>
                Hủy
              </Button>
            </>
          ) : (
            <>
              {allowed('student.create', classId) && <Button onClick={() => setDialog('add')}>Thêm học sinh</Button>}
              {allowed('student.import', classId) && (
                <Button variant="light" onClick={() => setDialog('import')}>
                  Nhập từ Excel
                </Button>
              )}
              {canReorder && (
                <Menu position="bottom-end">
                  <Menu.Target>
                    <Button variant="default">Sắp xếp</Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item onClick={() => setDialog('abc')}>Sắp xếp ABC</Menu.Item>
                    <Menu.Item onClick={() => setOrder(data.entries)} disabled={data.entries.length < 2}>
                      Sắp xếp thủ công…
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              )}
              <ClassDashboardLink classId={classId} grade={klass?.grade} />
              <Button variant="default" onClick={() => window.print()}>
                In
              </Button>
            </>
          )
        }
      />
      {order && (
        <Text size="sm" c="dimmed" mb="xs" className="no-print">
          Kéo thả dòng hoặc bấm ↑ ↓ để đổi thứ tự, rồi bấm “Lưu thứ tự”.
        </Text>
      )}
      {reorder.error && <ErrorAlert error={reorder.error} />}
      <Table.ScrollContainer minWidth={820}>
        <Table striped highlightOnHover data-testid="class-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={50}>STT</Table.Th>
              <Table.Th>Họ và tên</Table.Th>
              <Table.Th>Ngày sinh</Table.Th>
              <Table.Th>Giới tính</Table.Th>
              {personal && <Table.Th>Mã định danh</Table.Th>}
              <Table.Th>Mã học sinh</Table.Th>
              <Table.Th>Trạng thái</Table.Th>
              {order && <Table.Th w={80} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((e, i) => (
              <Table.Tr
                key={e.enrollmentId}
                c={CURRENT.has(e.status) ? undefined : 'dimmed'}
                draggable={Boolean(order)}
                onDragStart={() => setDragFrom(i)}
                onDragOver={(ev) => order && ev.preventDefault()}
                onDrop={() => {
                  if (dragFrom !== null) move(dragFrom, i);
                  setDragFrom(null);
                }}
                style={order ? { cursor: 'grab' } : undefined}
              >
                <Table.Td className="tabular">{order ? i + 1 : e.listNumber}</Table.Td>
                <Table.Td fw={500} className="nowrap" data-testid="student-name">
                  <Anchor component={Link} href={`/hoc-sinh/${e.student.id}`} inherit c={CURRENT.has(e.status) ? 'var(--mantine-color-text)' : 'dimmed'}>
                    {e.student.fullName}
                  </Anchor>
                </Table.Td>
                <Table.Td className="tabular">{formatDate(e.student.dateOfBirth)}</Table.Td>
                <Table.Td>{SEX_LABELS[e.student.sex]}</Table.Td>
                {personal && <Table.Td className="tabular">{e.student.nationalId ?? ''}</Table.Td>}
                <Table.Td className="tabular">{e.student.studentCode ?? ''}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={ENROLLMENT_STATUS_COLORS[e.status]} className="nowrap">
                    {ENROLLMENT_STATUS_LABELS[e.status]}
                  </Badge>
                </Table.Td>
                {order && (
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <ActionIcon variant="subtle" aria-label="Lên" onClick={() => move(i, i - 1)} disabled={i === 0}>
                        ↑
                      </ActionIcon>
                      <ActionIcon variant="subtle" aria-label="Xuống" onClick={() => move(i, i + 1)} disabled={i === rows.length - 1}>
                        ↓
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>Lớp chưa có học sinh.</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {dialog === 'add' && <AddStudentModal classId={classId} className={data.className} yearId={yearId} onClose={() => setDialog(null)} />}
      {dialog === 'import' && (
        <ImportStudentsModal classId={classId} className={data.className} yearId={yearId} onClose={() => setDialog(null)} />
      )}
      {dialog === 'abc' && (
        <Modal opened onClose={() => setDialog(null)} title="Sắp xếp danh sách theo ABC">
          <Stack>
            <Text size="sm">
              Danh sách lớp {data.className} sẽ được xếp theo thứ tự chữ cái tiếng Việt: tên, rồi tên đệm, rồi họ, rồi ngày sinh. Thứ tự
              thủ công (nếu có) sẽ bị thay thế.
            </Text>
            {reorder.error && <ErrorAlert error={reorder.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDialog(null)}>
                Hủy
              </Button>
              <Button onClick={() => reorder.mutate({ mode: 'abc' })} loading={reorder.isPending}>
                Sắp xếp ABC
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </>
  );
}
