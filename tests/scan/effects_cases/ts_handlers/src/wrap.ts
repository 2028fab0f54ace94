export const withToolAuth = <T>(scopes: string[], fn: T): T => fn;
export const createToolHandler = <T>(fn: T): T => fn;
