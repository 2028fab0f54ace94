import path from "node:path";
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";

// where the SDK keeps adb: every return names the same program (or a path the user configures)
const adbPath = (): string => {
  const exe = process.platform === "win32" ? "adb.exe" : "adb";
  if (process.env.SDK_ROOT) {
    return path.join(process.env.SDK_ROOT, "platform-tools", exe);
  }
  const home = path.join(process.env.HOME ?? "/", "sdk", "platform-tools", "adb");
  if (existsSync(home)) {
    return home;
  }
  return exe;
};

function iosTool(): string {
  if (process.env.IOS_TOOL) {
    return process.env.IOS_TOOL;
  }
  return "ios";
}

// trap: two different programs, whichever the platform has
function screenTool(): string {
  return process.platform === "darwin" ? "screencapture" : "adb";
}

// trap: a path read from a settings file may be any program
function configuredTool(settings: { tool: string }): string {
  return settings.tool;
}

// a helper that puts its rest parameter after fixed words: each call's arguments are the words that follow
export function adbOn(serial: string, ...args: string[]): string {
  return execFileSync(adbPath(), ["-s", serial, "shell", ...args]).toString();
}

export function listPhones(): string {
  return execFileSync(adbPath(), ["devices"]).toString();
}

export function iosInfo(udid: string): string {
  return execFileSync(iosTool(), ["info", "--udid", udid]).toString();
}

export function iosInstall(udid: string, app: string): string {
  return execFileSync(iosTool(), ["install", `--path=${app}`, "--udid", udid]).toString();
}

export function grab(): string {
  return execFileSync(screenTool(), ["devices"]).toString();
}

export function configured(settings: { tool: string }): string {
  return execFileSync(configuredTool(settings), ["devices"]).toString();
}

export function phoneModel(serial: string): string {
  return adbOn(serial, "getprop", "ro.product.model");
}

export function phoneTouch(serial: string, x: string, y: string): string {
  return adbOn(serial, "input", "tap", x, y);
}

export function phoneShell(serial: string, command: string): string {
  return adbOn(serial, command);
}

export function phonePackages(serial: string, extra: string[]): string {
  return adbOn(serial, "pm", ...extra);
}
