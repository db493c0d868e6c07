/**
 * Ủy quyền (issue 22): the principal delegates named powers to a vice-principal for one school
 * year and section, and revokes them; the vice-principal sees what she holds; the board reads.
 */
import { Alert, Badge, Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { DELEGATED_POWERS, DELEGATION_SCOPES, type DelegatedPower, type DelegationScope, POWER_LABELS, SCOPE_LABELS } from '../../../domain/policies/delegation.ts';
import type { ZDelegation, ZDelegationsPage } from '../../../shared/delegations.ts';
import { request } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDateTime } from '../../lib/format.ts';

type Delegation = z.infer<typeof ZDelegation>;
type DelegationsPage = z.infer<typeof ZDelegationsPage>;

export function DelegationsView() {
  const { schoolId, can } = useSession();
  const queryClient = useQueryClient();
  const key = ['delegations', schoolId];
  const page = useQuery({ queryKey: key, queryFn: () => request<DelegationsPage>('GET', `/schools/${schoolId}/delegations`) });
  const manage = can('delegation.manage');
  const saved = (d: DelegationsPage) => queryClient.setQueryData(key, d);
  return (
    <>
      <PageHeader
        title="Ủy quyền cho Phó hiệu trưởng"
        subtitle="Hiệu trưởng ủy quyền từng quyền cho phó hiệu trưởng theo năm học và cấp học; phó hiệu trưởng ký “KT. Hiệu trưởng”, mọi việc làm theo ủy quyền đều ghi rõ trong nhật kí."
      />
      {page.isLoading && <Loading />}
      {page.error && <ErrorAlert error={page.error} />}
      {page.data && (
        <Stack gap="lg">
          {manage && <GrantForm page={page.data} onSaved={saved} />}
          <DelegationTable delegations={page.data.delegations} manage={manage} onSaved={saved} />
        </Stack>
      )}
    </>
  );
}

function GrantForm({ page, onSaved }: { page: DelegationsPage; onSaved: (d: DelegationsPage) => void }) {
  const { schoolId, yearId } = useSession();
  const [delegateUserId, setDelegate] = useState<string | null>(page.candidates[0]?.userId ?? null);
  const [schoolYearId, setYear] = useState<string | null>(yearId ?? page.years[0]?.id ?? null);
  const [powers, setPowers] = useState<string[]>([]);
  const [scope, setScope] = useState<DelegationScope>('all');
  const grant = useMutation({
    mutationFn: () => request<DelegationsPage>('POST', `/schools/${schoolId}/delegations`, { delegateUserId, schoolYearId, powers, scope }),
    onSuccess: (d) => {
      onSaved(d);
      setPowers([]);
    },
  });
  if (!page.candidates.length) return <Alert color="gray">Trường chưa có tài khoản phó hiệu trưởng nào đang mở để ủy quyền.</Alert>;
  return (
    <Card withBorder>
      <Stack gap="sm" maw={720}>
        <Title order={4}>Ủy quyền mới</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select label="Phó hiệu trưởng" data={page.candidates.map((c) => ({ value: c.userId, label: c.fullName }))} value={delegateUserId} onChange={setDelegate} allowDeselect={false} data-testid="delegation-delegate" />
          <Select label="Năm học" data={page.years.map((y) => ({ value: y.id, label: y.name }))} value={schoolYearId} onChange={setYear} allowDeselect={false} data-testid="delegation-year" />
          <Select
            label="Phạm vi"
            data={DELEGATION_SCOPES.map((s) => ({ value: s, label: SCOPE_LABELS[s] }))}
            value={scope}
            onChange={(v) => v && setScope(v as DelegationScope)}
            allowDeselect={false}
            data-testid="delegation-scope"
          />
        </SimpleGrid>
        <Checkbox.Group label="Các quyền ủy quyền" value={powers} onChange={setPowers}>
          <Stack gap={6} mt={6}>
            {DELEGATED_POWERS.map((p) => (
              <Checkbox key={p} value={p} label={POWER_LABELS[p]} data-testid={`power-${p}`} />
            ))}
          </Stack>
        </Checkbox.Group>
        {grant.error && <ErrorAlert error={grant.error} />}
        <Group>
          <Button onClick={() => grant.mutate()} loading={grant.isPending} disabled={!powers.length || !delegateUserId || !schoolYearId}>
            Ủy quyền
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function DelegationTable({ delegations, manage, onSaved }: { delegations: Delegation[]; manage: boolean; onSaved: (d: DelegationsPage) => void }) {
  const revoke = useMutation({
    mutationFn: (d: Delegation) => request<DelegationsPage>('POST', `/delegations/${d.id}/revoke`, { version: d.version }),
    onSuccess: onSaved,
  });
  if (!delegations.length) return <Text c="dimmed">Chưa có ủy quyền nào.</Text>;
  return (
    <Stack gap="xs">
      {revoke.error && <ErrorAlert error={revoke.error} />}
      <Table striped withTableBorder data-testid="delegations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Phó hiệu trưởng</Table.Th>
            <Table.Th>Năm học</Table.Th>
            <Table.Th>Phạm vi</Table.Th>
            <Table.Th>Các quyền</Table.Th>
            <Table.Th>Ủy quyền</Table.Th>
            <Table.Th>Trạng thái</Table.Th>
            {manage && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {delegations.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>{d.delegateName}</Table.Td>
              <Table.Td>{d.yearName}</Table.Td>
              <Table.Td>{SCOPE_LABELS[d.scope]}</Table.Td>
              <Table.Td>
                {d.powers.map((p: DelegatedPower) => (
                  <Text key={p} size="sm">
                    {POWER_LABELS[p]}
                  </Text>
                ))}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{d.grantedByName ?? 'Chuyển từ thiết lập cũ'}</Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(d.grantedAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                {d.revokedAt ? (
                  <Badge color="gray">
                    Đã thu hồi {formatDateTime(d.revokedAt)}
                    {d.revokedByName ? ` (${d.revokedByName})` : ''}
                  </Badge>
                ) : (
                  <Badge color="green">Đang có hiệu lực</Badge>
                )}
              </Table.Td>
              {manage && (
                <Table.Td>
                  {!d.revokedAt && (
                    <Button size="xs" variant="light" color="red" onClick={() => revoke.mutate(d)} loading={revoke.isPending && revoke.variables?.id === d.id}>
                      Thu hồi
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
