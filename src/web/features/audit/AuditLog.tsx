/** Nhật kí hệ thống: every change, who made it and when, before → after; filtered and paged. */
import { Badge, Button, Group, Pagination, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { accountsApi, auditApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { AuditEvent } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { DateField } from '../../components/DateField.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { ACTOR_ROLE_LABELS, AUDIT_ACTION_LABELS, ENTITY_TYPE_LABELS } from '../../lib/labels.ts';
import { labelOf } from '../../../shared/labels.ts';
import { auditFieldLabel, auditValueText, readableKey } from './audit-field-labels.ts';

/** Who acted before signing in (a login, a wrong password): not a developer's "anonymous". */
const GUEST = 'Khách (chưa đăng nhập)';

const PAGE_SIZE = 50;

interface Filters {
  action: string;
  entityType: string | null;
  actorUserId: string | null;
  from: string | null;
  to: string | null;
}
/** Every action the log records, by its Vietnamese name. */
const ACTION_CHOICES = Object.entries(AUDIT_ACTION_LABELS)
  .map(([value, label]) => ({ value, label }))
  .sort((a, b) => a.label.localeCompare(b.label, 'vi'));

const EMPTY: Filters = { action: '', entityType: null, actorUserId: null, from: null, to: null };

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Nested objects as dotted keys ("student.address"), two levels deep. */
function flatten(value: unknown, prefix = '', depth = 0): Record<string, unknown> {
  if (!isObj(value)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isObj(v) && depth < 1) Object.assign(out, flatten(v, key, depth + 1));
    else out[key] = v;
  }
  return out;
}

/** The fields that differ between before and after, named in Vietnamese; whole values when they are not objects. */
export function diff(entityType: string, before: unknown, after: unknown): { key: string; label: string; before: string; after: string }[] {
  if (isObj(before) || isObj(after)) {
    const b = flatten(before);
    const a = flatten(after);
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys
      .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
      .map((k) => ({ key: k, label: auditFieldLabel(entityType, k), before: auditValueText(k, isObj(before) ? b[k] : null), after: auditValueText(k, isObj(after) ? a[k] : null) }));
  }
  if (before == null && after == null) return [];
  return [{ key: '', label: '', before: auditValueText('', before), after: auditValueText('', after) }];
}

function Change({ event }: { event: AuditEvent }) {
  const [open, setOpen] = useState(false);
  const rows = diff(event.entityType, event.before, event.after);
  if (!rows.length) return <Text size="xs" c="dimmed">—</Text>;
  const shown = open ? rows : rows.slice(0, 3);
  return (
    <Stack gap={2}>
      {shown.map((r) => (
        <Text key={r.key} size="xs" style={{ wordBreak: 'break-word' }}>
          {r.label && <b title={r.key}>{r.label}: </b>}
          <Text span c="red.8" size="xs" td={event.before == null ? undefined : 'line-through'}>
            {r.before.length > 80 && !open ? `${r.before.slice(0, 80)}…` : r.before}
          </Text>{' '}
          →{' '}
          <Text span c="teal.8" size="xs">
            {r.after.length > 80 && !open ? `${r.after.slice(0, 80)}…` : r.after}
          </Text>
        </Text>
      ))}
      {(rows.length > 3 || rows.some((r) => r.before.length > 80 || r.after.length > 80)) && (
        <Button size="compact-xs" variant="subtle" w="fit-content" onClick={() => setOpen((o) => !o)}>
          {open ? 'Thu gọn' : `Xem đủ (${rows.length} trường)`}
        </Button>
      )}
    </Stack>
  );
}

export function AuditLog() {
  const { schoolId, can } = useSession();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const q = {
    action: filters.action.trim() || undefined,
    entityType: filters.entityType ?? undefined,
    actorUserId: filters.actorUserId ?? undefined,
    from: filters.from ?? undefined,
    to: filters.to ?? undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const events = useQuery({ queryKey: keys.audit(schoolId, q), queryFn: () => auditApi.list(schoolId, q), placeholderData: keepPreviousData });
  const accounts = useQuery({ queryKey: keys.accounts(schoolId), queryFn: () => accountsApi.list(schoolId), enabled: can('account.manage') });
  const total = events.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <>
      <PageHeader title="Nhật kí hệ thống" subtitle="Mọi thay đổi dữ liệu: ai, lúc nào, từ đâu, trước → sau. Nhật kí không sửa, không xóa được." />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setFilters(draft);
        }}
        className="no-print"
      >
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} mb="sm">
          <Select
            label="Việc"
            placeholder="Mọi việc"
            searchable
            clearable
            data={ACTION_CHOICES}
            value={draft.action || null}
            onChange={(v) => setDraft({ ...draft, action: v ?? '' })}
          />
          <Select
            label="Loại đối tượng"
            data={Object.entries(ENTITY_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
            value={draft.entityType}
            onChange={(v) => setDraft({ ...draft, entityType: v })}
            clearable
            placeholder="Tất cả"
          />
          <Select
            label="Người thực hiện"
            data={(accounts.data ?? []).map((a) => ({ value: a.id, label: `${a.fullName} (${a.username})` }))}
            value={draft.actorUserId}
            onChange={(v) => setDraft({ ...draft, actorUserId: v })}
            searchable
            clearable
            placeholder="Tất cả"
            nothingFoundMessage="Không tìm thấy"
          />
          <DateField label="Từ ngày" value={draft.from} onChange={(v) => setDraft({ ...draft, from: v })} />
          <DateField label="Đến ngày" value={draft.to} onChange={(v) => setDraft({ ...draft, to: v })} />
        </SimpleGrid>
        <Group mb="md">
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
          {events.data && (
            <Text size="sm" c="dimmed">
              {total} sự kiện
            </Text>
          )}
        </Group>
      </form>
      {events.isLoading && <Loading />}
      {events.error && <ErrorAlert error={events.error} onRetry={() => events.refetch()} />}
      {events.data && (
        <>
          <Table.ScrollContainer minWidth={860}>
            <Table striped verticalSpacing="xs" style={{ opacity: events.isFetching ? 0.6 : 1, tableLayout: 'fixed' }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={130}>Thời gian</Table.Th>
                  <Table.Th w={170}>Người thực hiện</Table.Th>
                  <Table.Th w={190}>Hành động, đối tượng</Table.Th>
                  <Table.Th>Trước → Sau</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {events.data.events.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td className="tabular" style={{ verticalAlign: 'top' }}>
                      <Text size="sm">{formatDateTime(e.at)}</Text>
                      <Text size="xs" c="dimmed" title={e.userAgent} truncate>
                        {e.ip}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Text size="sm">{e.actorName ?? (e.actorRole === 'anonymous' ? GUEST : 'Hệ thống')}</Text>
                      <Text size="xs" c="dimmed">
                        {e.actorRole === 'anonymous' ? (e.actorName ? GUEST : '') : (ACTOR_ROLE_LABELS[e.actorRole] ?? readableKey(e.actorRole))}
                      </Text>
                      {e.onBehalfOf && (
                        <Text size="xs" c="dimmed" data-testid="on-behalf-of">
                          KT. Hiệu trưởng{e.onBehalfOf.principalName ? ` (thay mặt ${e.onBehalfOf.principalName})` : ''}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Text size="sm" style={{ wordBreak: 'break-word' }}>
                        {labelOf(AUDIT_ACTION_LABELS, e.action)}
                      </Text>
                      <Group gap={4} wrap="nowrap">
                        <Badge variant="light" size="xs" style={{ flexShrink: 0 }}>
                          {labelOf(ENTITY_TYPE_LABELS, e.entityType)}
                        </Badge>
                        <Text size="xs" c="dimmed" truncate title={e.entityId}>
                          {e.entityId}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Change event={e} />
                      {e.reason && (
                        <Text size="xs" mt={4}>
                          <b>Lý do:</b> {e.reason}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
                {events.data.events.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={4}>Không có sự kiện nào khớp bộ lọc.</Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages > 1 && (
            <Group justify="center" mt="md">
              <Pagination total={pages} value={page} onChange={setPage} size="sm" />
            </Group>
          )}
        </>
      )}
    </>
  );
}
