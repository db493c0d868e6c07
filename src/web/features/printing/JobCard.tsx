/**
 * One bulk print as it runs: the progress bar (polled while queued or running), then the two
 * downloads, the number of pages, and the students or classes left out with the reason.
 */
import { Alert, Anchor, Badge, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'wouter';
import { printJobsApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { PrintJob } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { PRINT_KIND_LABELS, labelOf } from '../../../shared/labels.ts';
import { jobStatusColor, jobStatusLabel } from './print-kinds.ts';

/** The skipped students or classes by reason: one line per reason, not one per student. */
function groupSkipped(skipped: { label: string; message: string }[]): [string, string[]][] {
  const by = new Map<string, string[]>();
  for (const s of skipped) by.set(s.message, [...(by.get(s.message) ?? []), s.label]);
  return [...by];
}

const running = (job: PrintJob | undefined) => job?.status === 'queued' || job?.status === 'running';

export function JobCard({ schoolId, jobId }: { schoolId: string; jobId: string }) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: keys.job(jobId),
    queryFn: () => printJobsApi.get(jobId),
    refetchInterval: (q) => (running(q.state.data) ? 800 : false),
  });
  const job = query.data;
  const finished = job && !running(job);
  useEffect(() => {
    if (finished) void qc.invalidateQueries({ queryKey: keys.printJobs(schoolId) });
  }, [finished, qc, schoolId]);

  if (query.error) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  if (!job) return null;
  const percent = job.status === 'done' ? 100 : job.progressTotal > 0 ? Math.round((job.progressDone / job.progressTotal) * 100) : 0;
  const result = job.result;

  return (
    <Paper withBorder p="md" radius="md" data-testid="print-job">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600}>{labelOf(PRINT_KIND_LABELS, job.kind)}</Text>
          <Badge color={jobStatusColor(job.status)} variant="light">
            {jobStatusLabel(job.status)}
          </Badge>
        </Group>
        <Progress
          value={percent}
          size="lg"
          striped={running(job)}
          animated={running(job)}
          color={job.status === 'failed' ? 'red' : job.status === 'done' ? 'green' : 'blue'}
          aria-label="Tiến độ in"
        />
        <Text size="sm" c="dimmed" data-testid="print-job-progress">
          {job.progressTotal > 0 ? `Đã xử lý ${job.progressDone}/${job.progressTotal} (${percent}%)` : 'Đang chuẩn bị…'}
          {job.finishedAt ? ` — xong lúc ${formatDateTime(job.finishedAt)}` : ''}
        </Text>
        {job.status === 'failed' && (
          <Alert color="red" title="Không in được">
            {job.error}
          </Alert>
        )}
        {result && (
          <>
            <Text size="sm">
              {result.documents.length} văn bản, tổng cộng <b>{result.pages} trang</b>.
            </Text>
            {result.documents.length > 0 && (
              <Group gap="sm">
                <Button component="a" href={result.zipUrl} download>
                  Tải tệp ZIP (mỗi văn bản một tệp)
                </Button>
                <Button component="a" href={result.pdfUrl} target="_blank" rel="noopener" variant="light">
                  Tải một tệp PDF gộp để in
                </Button>
              </Group>
            )}
            {result.skipped.length > 0 && (
              <Alert color="yellow" title={`Không in ${result.skipped.length} mục`} data-testid="print-job-skipped">
                <Stack gap="xs">
                  {groupSkipped(result.skipped).map(([message, labels]) => (
                    <Text key={message} size="sm">
                      <b>{message.replace(/\.$/, '')}</b> ({labels.length}): {labels.join(', ')}.
                    </Text>
                  ))}
                </Stack>
              </Alert>
            )}
            {job.kind === 'transcript' && result.documents.length > 0 && (
              <Text size="sm">
                Các học bạ đã lưu để ký số:{' '}
                <Anchor component={Link} href="/ky-so">
                  mở trang Ký số
                </Anchor>
                .
              </Text>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
