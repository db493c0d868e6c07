/** Stored documents as cards: title, version, status, the signature steps; each opens its page. */
import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'wouter';
import type { DocumentSummary } from '../../api/types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { DocumentStatusBadge, SignatureSteps } from './SignatureSteps.tsx';

const PAGE = 30;

export function DocumentList({ documents, empty }: { documents: DocumentSummary[]; empty: string }) {
  const [shown, setShown] = useState(PAGE);
  if (documents.length === 0) return <Text c="dimmed">{empty}</Text>;
  return (
    <Stack gap="sm">
      {documents.slice(0, shown).map((d) => (
        <Paper key={d.id} withBorder p="sm" radius="md" data-testid="document-card">
          <Stack gap={6}>
            <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Anchor component={Link} href={`/ky-so/${d.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {d.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {d.kindLabel} · phiên bản {d.versionNo} · lập lúc {formatDateTime(d.createdAt)}
                </Text>
              </Stack>
              <DocumentStatusBadge doc={d} />
            </Group>
            <SignatureSteps signatures={d.signatures} compact />
            {d.canSign && (
              <Group>
                <Button component={Link} href={`/ky-so/${d.id}`} size="xs">
                  Xem và ký
                </Button>
                <Badge variant="outline" color="blue">
                  Đến lượt thầy/cô
                </Badge>
              </Group>
            )}
          </Stack>
        </Paper>
      ))}
      {documents.length > shown && (
        <Button variant="subtle" onClick={() => setShown((n) => n + PAGE)}>
          Xem thêm ({documents.length - shown} văn bản nữa)
        </Button>
      )}
    </Stack>
  );
}
