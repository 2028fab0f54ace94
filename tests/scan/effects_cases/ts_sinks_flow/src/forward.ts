import { logStatement, runStatement } from "./db";

// Passes its text on to a helper of another file that runs it.
export const runLogged = async (text: string, note: string) => {
  logStatement(note);
  return runStatement(text);
};
