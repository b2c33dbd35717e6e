/** Whether `value` is an object that is not null or an array: a JSON object, an options bag, a message. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
