/**
 * The bell in the header: unread notifications (corrections filed, decided, applied; unlock requests; reminders); a click reads
 * and opens. It counts only notices still waiting (issue 15): a correction decided or results approved since no longer counts, and
 * shows as done — the server says which (GET /years/:id/todo `bell`).
 */
import { ActionIcon, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { notificationsApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { AppNotification } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { todoApi, todoKey } from '../home/todo-api.ts';

/** Server links name API resources; the web app's pages have Vietnamese paths. */
/** The web page of a notification's server link (/corrections/:id, /results/:classId/:scope, /lock-requests/:id). */
export function appHref(link: string): string {
  if (link.startsWith('/lock-requests/')) return '/khoa-so';
  const correction = /^\/corrections\/([^/?#]+)/.exec(link);
  if (correction) return `/de-nghi-sua-diem/${correction[1]}`;
  const results = /^\/results\/([^/?#]+)\/([^/?#]+)/.exec(link);
  if (results) return `/ket-qua/${results[1]}/${results[2]}`;
  return link || '/';
}

export function NotificationBell() {
  const [opened, setOpened] = useState(false);
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: keys.notifications, queryFn: () => notificationsApi.list(), refetchInterval: 60_000, staleTime: 15_000 });
  const { yearId } = useSession();
  const todo = useQuery({ queryKey: todoKey(yearId ?? ''), queryFn: () => todoApi.get(yearId as string), enabled: Boolean(yearId), refetchInterval: 60_000, staleTime: 15_000 });
  const done = new Set(todo.data?.bell.doneIds ?? []);
  const waiting = (n: AppNotification) => !n.readAt && !done.has(n.id);
  const unread = todo.data ? todo.data.bell.unread : (list.data ?? []).filter(waiting).length;
  const read = useMutation({
    mutationFn: (id: string) => notificationsApi.markRead(id),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: keys.notifications }), queryClient.invalidateQueries({ queryKey: ['todo'] })]),
  });
  const open = (n: AppNotification) => {
    if (!n.readAt) read.mutate(n.id);
    setOpened(false);
    navigate(appHref(n.link));
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} withinPortal shadow="md">
      <Popover.Target>
        <Indicator label={unread} size={16} disabled={unread === 0} color="red" offset={4}>
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={unread ? `Thông báo (${unread} chưa đọc)` : 'Thông báo'} onClick={() => setOpened((o) => !o)} data-testid="notification-bell">
            <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
              <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
              <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
            </svg>
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <Text fw={600} size="sm" px="sm" py={8} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
          Thông báo
        </Text>
        <ScrollArea.Autosize mah={380}>
          <Stack gap={0}>
            {(list.data ?? []).map((n) => (
              <UnstyledButton
                key={n.id}
                onClick={() => open(n)}
                px="sm"
                py={8}
                style={{ borderBottom: '1px solid var(--mantine-color-gray-2)', background: waiting(n) ? 'var(--mantine-color-teal-0)' : undefined }}
                data-testid="notification-item"
                data-waiting={waiting(n) ? '1' : '0'}
              >
                <Text size="sm" fw={waiting(n) ? 600 : 400}>
                  {done.has(n.id) && !n.readAt && (
                    <Text span size="xs" c="dimmed">
                      (đã xử lý){' '}
                    </Text>
                  )}
                  {n.title}
                </Text>
                {n.body && (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {n.body}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {formatDateTime(n.createdAt)}
                </Text>
              </UnstyledButton>
            ))}
            {list.data && list.data.length === 0 && (
              <Text size="sm" c="dimmed" p="sm">
                Chưa có thông báo.
              </Text>
            )}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
