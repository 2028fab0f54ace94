import { z } from "zod";

// Field schemas kept in their own module, as larger servers do.
export const StatementParam = z.string().describe("The statement to run");
export const DatabaseIdParam = z.string().describe("The database");
