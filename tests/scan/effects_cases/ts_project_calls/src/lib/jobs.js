const { execFileSync } = require("child_process");

function purge(queue) {
  return execFileSync("jobctl", ["purge", queue]).toString();
}

function describe(queue) {
  return `queue ${queue}`;
}

module.exports = { purge, label: describe };
