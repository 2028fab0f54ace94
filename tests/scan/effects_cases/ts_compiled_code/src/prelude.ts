export let prelude = "return 1";
export function setPrelude(text: string) { prelude = text; }
