/**
 * "In ấn" (P1–P4): print a kind of document for one class, a grade or the whole school as a
 * background job, follow it, download the zip or the merged PDF; the recent prints below.
 */
import { Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { currentTermNo } from '../gradebook/hooks.ts';
import { useYearSetup } from '../setup/hooks.ts';
import { useClasses } from '../people/hooks.ts';
import { JobCard } from './JobCard.tsx';
import { PrintForm } from './PrintForm.tsx';
import { RecentJobs } from './RecentJobs.tsx';

export function PrintView({ yearId }: { yearId: string }) {
  const { schoolId, school, can, me } = useSession();
  const classes = useClasses(yearId);
  const setup = useYearSetup(yearId);
  const [jobId, setJobId] = useState<string | null>(null);
  // The leadership, the board and the clerk print any class; a homeroom teacher her own.
  const printable = (classes.data ?? []).filter((c) => can('documents.print') || me.homeroomClassIds.includes(c.id));

  return (
    <>
      <PageHeader
        title="In ấn"
        subtitle="In sổ, bảng xác nhận, học bạ, sổ liên lạc cho một lớp, một khối hay toàn trường. Việc in chạy nền: có thể rời trang và quay lại."
      />
      <Stack gap="lg">
        {(classes.isLoading || setup.isLoading) && <Loading />}
        <ErrorAlert error={classes.error ?? setup.error} />
        {classes.data && setup.data && (
          <PrintForm schoolId={schoolId} level={school?.level} classes={printable} termNo={currentTermNo(setup.data.terms)} onStarted={(j) => setJobId(j.id)} />
        )}
        {jobId && <JobCard key={jobId} schoolId={schoolId} jobId={jobId} />}
        <Stack gap="xs">
          <Title order={2} size="h4">
            Các lần in gần đây
          </Title>
          <RecentJobs schoolId={schoolId} onOpen={setJobId} />
        </Stack>
      </Stack>
    </>
  );
}
