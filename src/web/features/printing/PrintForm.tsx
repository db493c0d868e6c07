/** Start a bulk print: the kind of document, its options, the classes. */
import { Alert, Button, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { printJobsApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { ClassGroup, PrintJob, PrintKind } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ClassPicker } from './ClassPicker.tsx';
import { PRINT_KIND_HINTS, PRINT_OPTIONS, initialOptions, printKindsFor } from './print-kinds.ts';

export function PrintForm({
  schoolId,
  level,
  classes,
  termNo,
  onStarted,
}: {
  schoolId: string;
  level: string | null | undefined;
  classes: ClassGroup[];
  termNo: 1 | 2;
  onStarted(job: PrintJob): void;
}) {
  const qc = useQueryClient();
  const kinds = printKindsFor(level);
  const [kind, setKind] = useState<PrintKind>(kinds[0].value);
  const [options, setOptions] = useState<Record<string, string>>(() => initialOptions(kinds[0].value, termNo));
  const [classIds, setClassIds] = useState<string[]>(() => (classes.length === 1 ? [classes[0].id] : []));
  const start = useMutation({
    mutationFn: () => printJobsApi.start(schoolId, { kind, classIds, options }),
    onSuccess: (job) => {
      qc.setQueryData(keys.job(job.id), job);
      void qc.invalidateQueries({ queryKey: keys.printJobs(schoolId) });
      onStarted(job);
    },
  });

  const chooseKind = (k: PrintKind) => {
    setKind(k);
    setOptions(initialOptions(k, termNo));
  };

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="md">
        <Select
          label="Loại văn bản"
          data={kinds}
          value={kind}
          onChange={(v) => v && chooseKind(v as PrintKind)}
          allowDeselect={false}
          maw={520}
          description={PRINT_KIND_HINTS[kind]}
        />
        {PRINT_OPTIONS[kind].map((o) => (
          <Stack key={o.name} gap={4}>
            <Text size="sm" fw={500}>
              {o.label}
            </Text>
            <SegmentedControl
              aria-label={o.label}
              data={o.choices}
              value={options[o.name]}
              onChange={(v) => setOptions((prev) => ({ ...prev, [o.name]: v }))}
              style={{ alignSelf: 'flex-start', maxWidth: '100%' }}
              styles={{ root: { flexWrap: 'wrap' } }}
            />
          </Stack>
        ))}
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Lớp
          </Text>
          {classes.length === 0 ? (
            <Alert color="gray">Không có lớp nào thầy/cô được in.</Alert>
          ) : (
            <ClassPicker classes={classes} value={classIds} onChange={setClassIds} />
          )}
        </Stack>
        <ErrorAlert error={start.error} />
        <div>
          <Button onClick={() => start.mutate()} loading={start.isPending} disabled={classIds.length === 0}>
            {classIds.length > 1 ? `In ${classIds.length} lớp` : 'Bắt đầu in'}
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}
