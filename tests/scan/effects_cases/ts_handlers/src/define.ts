export function defineHarnessTool<T>(tool: T): T {
  return tool;
}
