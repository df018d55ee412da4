/**
 * The task id of snapshot lines no task id or sequence number claims (a pasted excerpt, a run's first lines).
 * A leaf module: the message catalogue names it without importing the result model (which imports the catalogue).
 */
export const UNKNOWN_TASK_ID = 'unknown';
