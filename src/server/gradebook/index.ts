/**
 * The gradebook area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { registerGradebookExcelRoutes } from './gradebook-excel.routes.ts';
export { loadBlockContext, loadCells, loadClassStudents, loadSheetContext } from './gradebook-queries.ts';
export { presentSheet } from './gradebook-presenter.ts';
export { registerGradebookRoutes } from './gradebook.routes.ts';
export { saveCells, saveCellsInTransaction } from './save-cells.ts';
export { loadSheet } from './sheet-queries.ts';
