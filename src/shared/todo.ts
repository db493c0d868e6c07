/** "Việc cần làm": what the signed-in user has to do next in her school and year (issue 15 §1). */
import { z } from 'zod';

export const ZTodoKind = z.enum([
  'results.approve',
  'correction.decide',
  'lockRequest.confirm',
  'document.sign',
  'transcript.confirm',
  'window.closedEmpty',
  'window.emptyColumns',
  'correction.returned',
  'print.job',
  'document.seal',
]);
export type TodoKind = z.infer<typeof ZTodoKind>;

export const ZTodoItem = z.object({
  /** Stable within one answer: the kind and what it is about. */
  id: z.string(),
  kind: ZTodoKind,
  /** "Lớp 6A1 đề nghị phê duyệt kết quả học kỳ I", "Toán 6A1 — ĐĐGgk" … */
  title: z.string(),
  /** "ĐĐGtx 1: 38/40 · ĐĐGgk: 0/40", "Đề nghị lúc 10:00 23/11/2026" … */
  detail: z.string(),
  /** How many things are left to do in this item (cells, documents, students, requests). */
  count: z.number().int(),
  /** The web page where it gets done, with its class/term preselected. */
  href: z.string(),
  classId: z.string().nullable(),
  /** Open and upcoming windows: the window's last day and the days left (0 on the last day). */
  closesOn: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
});
export type TodoItem = z.infer<typeof ZTodoItem>;

/** Groups as the home page shows them, in this order. */
export const TODO_GROUP_LABELS: Record<TodoKind, string> = {
  'results.approve': 'Kết quả chờ phê duyệt',
  'correction.decide': 'Giấy đề nghị thay đổi thông tin chờ duyệt',
  'lockRequest.confirm': 'Yêu cầu mở sổ, đổi đợt cập nhật chờ xác nhận',
  'document.sign': 'Văn bản chờ ký',
  'transcript.confirm': 'Học bạ chờ xác nhận',
  'window.closedEmpty': 'Đợt cập nhật đã kết thúc còn ô trống',
  'window.emptyColumns': 'Cột điểm còn trống trong đợt cập nhật',
  'correction.returned': 'Giấy đề nghị bị trả lại',
  'print.job': 'Lệnh in đang chờ',
  'document.seal': 'Văn bản chờ đóng dấu số',
};

export const ZTodo = z.object({
  items: z.array(ZTodoItem),
  /** The bell: unread notifications whose subject is still waiting (a decided request's notice no longer counts). */
  bell: z.object({ unread: z.number().int(), doneIds: z.array(z.string()) }),
});
export type Todo = z.infer<typeof ZTodo>;
