const { execFileSync } = require("child_process");

function purge(queue) {
  return execFileSync("jobctl", ["purge", queue]).toString();
}

function describe(queue) {
  return `queue ${queue}`;
}

function wipe(dir) {
  require("fs").rmSync(dir, { recursive: true });  // a module's function called on the require itself
}

function where(dir) {
  return require("path").join(dir, "jobs");  // computes a path: nothing changes
}

module.exports = { purge, label: describe, wipe, where };
