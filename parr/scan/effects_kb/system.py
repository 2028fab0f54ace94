"""Processes, code execution and the file system: the calls that run commands or change files
(Python: subprocess, os, shutil, pathlib; TypeScript: child_process-like and fs-like modules, vm)."""

from __future__ import annotations

import re

PY_SUBPROCESS_FUNCS = frozenset(
    "run call check_call check_output Popen getoutput getstatusoutput".split()
)
PY_OS_SHELL = re.compile(r"^(system|popen|exec[lv]p?e?|spawn[lv]p?e?|posix_spawnp?|startfile)$")
PY_OS_FILE_WRITE = frozenset(
    "remove unlink rmdir removedirs rename renames replace makedirs mkdir chmod chown truncate "
    "symlink link write".split()
)
PY_SHUTIL_WRITE = frozenset(
    "rmtree move copy copy2 copyfile copytree make_archive unpack_archive copymode copystat".split()
)
PY_PATH_WRITE = frozenset({"write_text", "write_bytes", "mkdir", "unlink", "rmdir", "touch", "symlink_to", "hardlink_to"})
PY_PATH_READ = frozenset({"read_text", "read_bytes"})
TS_FS_MODULES = frozenset({"fs", "node:fs", "fs/promises", "node:fs/promises", "fs-extra", "graceful-fs", "memfs"})
TS_FS_ROOTS = frozenset({"fs", "fsp", "fse", "fsPromises", "fsExtra"})
TS_FS_WRITE = frozenset({
    "writeFile", "writeFileSync", "appendFile", "appendFileSync", "unlink", "unlinkSync", "rm", "rmSync",
    "rmdir", "rmdirSync", "mkdir", "mkdirSync", "rename", "renameSync", "copyFile", "copyFileSync", "cp",
    "cpSync", "createWriteStream", "truncate", "truncateSync", "symlink", "symlinkSync", "chmod", "chmodSync",
    "chown", "chownSync", "outputFile", "outputFileSync", "outputJson", "writeJson", "writeJSON", "remove",
    "removeSync", "emptyDir", "move", "moveSync", "ensureFile", "ensureDir", "mkdirp", "link", "utimes",
})
TS_FS_READ = frozenset({
    "readFile", "readFileSync", "readdir", "readdirSync", "stat", "statSync", "lstat", "access", "accessSync",
    "existsSync", "exists", "createReadStream", "readJson", "readJSON", "opendir", "realpath",
})
TS_CP_MODULES = frozenset({"child_process", "node:child_process", "execa", "zx", "shelljs", "cross-spawn"})
TS_CP_FUNCS = frozenset({"exec", "execSync", "execFile", "execFileSync", "spawn", "spawnSync", "fork",
                       "execa", "execaSync", "execaCommand", "execaCommandSync", "$", "command"})
TS_VM_FUNCS = frozenset({"runInNewContext", "runInContext", "runInThisContext", "compileFunction"})
TS_CODE_RUN_NAMES = frozenset({"runCode", "run_code", "codeRun", "executeCode", "execCode", "evaluateCode", "runPython",
                             "runScript", "execScript", "evalCode", "evalCodeAsync"})  # (quickjs: vm.evalCode(src))
