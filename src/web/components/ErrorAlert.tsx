import { Alert, Button, List } from '@mantine/core';
import { ApiError } from '../api/client.ts';

/** The server's Vietnamese message, as it came, with the field errors under it. */
export function ErrorAlert({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const fieldErrors = error instanceof ApiError ? error.fieldErrors.filter((e) => e.row === undefined) : [];
  return (
    <Alert color="red" variant="light" title={title ?? 'Không thực hiện được'} role="alert">
      {message}
      {fieldErrors.length > 1 && (
        <List size="sm" mt="xs">
          {fieldErrors.map((e, i) => (
            <List.Item key={i}>
              {e.field}: {e.message}
            </List.Item>
          ))}
        </List>
      )}
      {onRetry && (
        <Button size="xs" variant="light" color="red" mt="sm" onClick={onRetry}>
          Thử lại
        </Button>
      )}
    </Alert>
  );
}

/** The message of one field's error, for a form input's `error` prop. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.forField(field) : undefined;
}
