import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';

export function NotFoundPage() {
  return (
    <Stack>
      <Title order={1} size="h2">
        Không tìm thấy trang
      </Title>
      <Text>
        Địa chỉ này không có trong Sổ Điểm Số.{' '}
        <Anchor component={Link} href="/">
          Về trang chủ
        </Anchor>
      </Text>
    </Stack>
  );
}
