/**
 * The to-do area's face to the other areas and the root: everything another may use from it, and nothing else.
 */
export { loadEmptyColumns, loadWindows } from './empty-columns-queries.ts';
export { REMINDER_JOB, enqueueDailyReminders, startReminderScheduler } from './reminder-schedule.ts';
export { REMINDER_KIND, sendWindowReminders } from './send-window-reminders.ts';
export { registerTodoRoutes } from './todo.routes.ts';
