import { writeFileSync } from "node:fs";

export class Recorder {
  protected persist(path: string, body: string): void {
    writeFileSync(path, body);
  }
}
