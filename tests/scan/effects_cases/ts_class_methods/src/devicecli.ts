import { execFileSync } from "node:child_process";

// A wrapper class of another file: its public methods reach the process through a private one.
export class DeviceCli {
  private bin = "devicectl";

  private run(args: string[]): string {
    return execFileSync(this.bin, args).toString();
  }

  reboot(device: string): string {
    return this.run(["reboot", device]);
  }

  version(): string {
    return "1.0";
  }
}
