/** A page that throws shows a Vietnamese message and a way back instead of a blank screen. */
import { Alert, Button, Group } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Sổ Điểm Số: lỗi hiển thị trang', error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey?: string }): void {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Alert color="red" title="Trang này gặp lỗi hiển thị" role="alert">
        Dữ liệu đã lưu không bị ảnh hưởng. Hãy tải lại trang; nếu lỗi còn, báo Ban quản trị phần mềm kèm nội dung: “
        {this.state.error.message}”.
        <Group mt="sm">
          <Button size="xs" variant="light" color="red" onClick={() => window.location.reload()}>
            Tải lại trang
          </Button>
          <Button size="xs" variant="subtle" color="red" onClick={() => window.location.assign('/')}>
            Về trang chủ
          </Button>
        </Group>
      </Alert>
    );
  }
}
