import { Pool } from "pg";

// A client class of the project: its method runs the statement given to it.
export class Warehouse {
  private pool = new Pool();

  async execute(statement: string) {
    return this.pool.query(statement);
  }

  describe(table: string) {
    return this.pool.query("SELECT column_name FROM information_schema.columns WHERE table_name = $1", [table]);
  }
}
