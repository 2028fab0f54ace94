import { Pool } from "pg";

const pool = new Pool();

// Runs the statement it is given.
export async function runStatement(statement: string) {
  const result = await pool.query(statement);
  return result.rows;
}

// Hands its statement on to the helper above: its callers' text is run too.
export async function runChecked(sql: string, label: string) {
  console.log(`running ${label}`);
  return runStatement(sql);
}

// Only records the text: nothing interprets it.
export function logStatement(statement: string) {
  console.log("statement", statement);
}

// Only compares the text with a fixed one.
export function isPing(statement: string): boolean {
  return statement.trim().toLowerCase() === "select 1";
}

// An options object: only its `sql` entry is run, not the label beside it.
export async function runNamed({ sql, name }: { sql: string; name: string }) {
  console.log(name);
  return pool.query(sql);
}
