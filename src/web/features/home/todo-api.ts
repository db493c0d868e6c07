/** "Việc cần làm" (issue 15 §1): the signed-in user's to-do in the year, and the bell's count of notices still waiting. */
import type { z } from 'zod';
import { http } from '../../api/client.ts';
import type { ZTodo, ZTodoItem } from '../../../shared/todo.ts';

export type Todo = z.infer<typeof ZTodo>;
export type TodoItem = z.infer<typeof ZTodoItem>;

export const todoKey = (yearId: string) => ['todo', yearId] as const;

export const todoApi = {
  get: (yearId: string) => http.get<Todo>(`/years/${yearId}/todo`),
};
