#!/usr/bin/env python3
"""Run a oneshot service file's commands the way systemd would, for hosts without systemd as
PID 1 (the sandbox, CI, the test suites through tests/Homelab.Testing/UnitRunner.cs):
Environment=/EnvironmentFile= are applied, then every ExecStartPre=, ExecStart= and
ExecStartPost= command runs in that order, stopping at the first failure (a leading '-' ignores
one's failure). The specifiers of system units are expanded (%n %N %p %i %C %S %L %t %T %H %%),
words are split and C-unescaped as systemd splits command lines, then $$ and ${NAME}
are substituted. Each command is echoed to stderr as "run-unit: ARGV".
Like systemd it also applies, for real: User=/Group= (the commands run as that user, its primary
group unless Group= says otherwise, its supplementary groups, and HOME/USER/LOGNAME/SHELL from its
passwd entry), AmbientCapabilities=, CapabilityBoundingSet= and NoNewPrivileges= (through
util-linux setpriv), MemoryDenyWriteExecute= (the kernel's PR_SET_MDWE, Linux 6.3 and later: a
write+execute mapping is refused as under systemd's seccomp filter),
LoadCredential=ID:PATH (PATH is copied, as root, into a private credentials directory owned by the
unit's user, mode 0500 with 0400 files, that %d and $CREDENTIALS_DIRECTORY name and that is removed
afterwards), and CacheDirectory=/RuntimeDirectory= (created under %C/%t, the innermost directory
owned by the unit's user). The other sandboxing settings (ProtectSystem=, SystemCallFilter=, ...)
need PID 1's namespaces and are ignored.
usage: run-unit.py [--prepend-path DIR] [--directories ROOT] UNIT_FILE
  --prepend-path DIR   DIR goes first on the PATH the unit runs with (its Environment=PATH= included)
  --directories ROOT   %C %S %L %t mean ROOT/cache ROOT/lib ROOT/log ROOT/run instead of
                       /var/cache /var/lib /var/log /run, so a test keeps its caches to itself"""
import ctypes, grp, os, pwd, re, shutil, subprocess, sys, tempfile

ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "s": " "}

def specifiers(text, unit, dirs):
    """Expand the specifiers systemd defines for system units, left to right."""
    name = unit.rsplit(".", 1)[0]
    prefix, _, instance = name.partition("@")
    table = {"%": "%", "n": unit, "N": name, "p": prefix, "i": instance, "T": "/tmp", "d": dirs.get("d", "%d"),
             "H": os.uname().nodename, **dirs}
    return re.sub(r"%(.)", lambda m: table.get(m.group(1), m.group(0)), text)

def unescape(line, i, cur):
    """Append the C escape at line[i] (a backslash) to cur; return the next index."""
    e = line[i + 1]
    if e == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", line[i + 2:i + 4]):
        cur.append(chr(int(line[i + 2:i + 4], 16)))
        return i + 4
    cur.append(ESCAPES.get(e, e))
    return i + 2

def words(line):
    """Split one (specifier-expanded) line: quotes group, backslashes are C escapes in and out of them."""
    out, cur, quote, i, has = [], [], None, 0, False
    while i < len(line):
        c = line[i]
        if c == "\\" and i + 1 < len(line):
            i = unescape(line, i, cur)
            continue
        if quote:
            if c == quote:
                quote = None
            else:
                cur.append(c)
        elif c in "\"'":
            quote, has = c, True
        elif c.isspace():
            if cur or has:
                out.append("".join(cur))
            cur, has = [], False
        else:
            cur.append(c)
        i += 1
    if cur or has:
        out.append("".join(cur))
    return out

def variables(word, env):
    """$$ is a literal $; ${NAME} is the variable's value (empty when unset)."""
    return re.sub(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda m: env.get(m.group(1), "") if m.group(1) else "$", word)

def environment_file(text):
    """systemd's env-file grammar (the provider's EnvironmentFileParser): comments, quotes, escapes."""
    result, text = {}, text.split("\0", 1)[0]
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] in " \t\n\r":
            i += 1
        if i >= n:
            break
        if text[i] in "#;":
            while i < n and text[i] not in "\n\r":
                i += 1
            continue
        start = i
        while i < n and text[i] not in "=\n\r":
            i += 1
        if i >= n or text[i] != "=":
            continue
        key, i, value, tail, pre = text[start:i].strip(" \t"), i + 1, [], None, True
        while i < n and text[i] not in "\n\r":
            c = text[i]
            if pre and c in " \t":
                i += 1  # blanks before a value and between its quoted pieces are dropped
            elif c == "'" and pre:
                end = text.find("'", i + 1)
                end = n if end < 0 else end
                value.append(text[i + 1:end])
                i, tail, pre = end + 1, None, True
            elif c == '"' and pre:
                i += 1
                while i < n and text[i] != '"':
                    if text[i] == "\\" and i + 1 < n:
                        e = text[i + 1]
                        value.append(e if e in '"\\`$' else "" if e == "\n" else "\\" + e)
                        i += 2
                    else:
                        value.append(text[i])
                        i += 1
                i, tail, pre = i + 1, None, True
            elif c == "\\" and i + 1 < n:
                if text[i + 1] not in "\n\r":
                    value.append(text[i + 1])
                i, tail, pre = i + 2, None, False
            else:
                pre = False
                if c in " \t":
                    tail = len(value) if tail is None else tail
                else:
                    tail = None
                value.append(c)
                i += 1
        if tail is not None:
            value = value[:tail]
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            result[key] = "".join(value)
    return result

def logical_lines(path):
    """The unit file's lines with backslash-newline continuations joined."""
    pending = ""
    for raw in open(path, encoding="utf-8").read().split("\n"):
        if raw.endswith("\\"):
            pending += raw[:-1] + " "
            continue
        yield (pending + raw).strip()
        pending = ""
    if pending:
        yield pending.strip()

def main(args):
    prepend, dirs = None, {"C": "/var/cache", "S": "/var/lib", "L": "/var/log", "t": "/run"}
    while len(args) > 1 and args[0] in ("--prepend-path", "--directories"):
        if args[0] == "--prepend-path":
            prepend = args[1]
        else:
            dirs = {k: os.path.join(args[1], d) for k, d in (("C", "cache"), ("S", "lib"), ("L", "log"), ("t", "run"))}
        args = args[2:]
    if len(args) != 1:
        sys.exit(__doc__)
    path = args[0]
    unit = os.path.basename(path)
    env = dict(os.environ)
    commands = {"ExecStartPre": [], "ExecStart": [], "ExecStartPost": []}
    settings = {"User": None, "Group": None, "NoNewPrivileges": "no", "CapabilityBoundingSet": None, "MemoryDenyWriteExecute": "no"}
    lists = {"AmbientCapabilities": [], "LoadCredential": [], "CacheDirectory": [], "RuntimeDirectory": []}
    # %d: created before the lines are read, so every specifier is expanded in one pass.
    dirs["d"] = tempfile.mkdtemp(prefix="run-unit-credentials-")
    try:
        return run(path, unit, env, commands, settings, lists, dirs, prepend)
    finally:
        shutil.rmtree(dirs["d"], ignore_errors=True)

def capability(name):
    """systemd's CAP_DAC_READ_SEARCH is setpriv's dac_read_search."""
    return name.lower().removeprefix("cap_")

PR_SET_MDWE, PR_GET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN = 65, 66, 1

def deny_write_execute():
    """A preexec function that makes the command refuse write+execute memory, or None without kernel support."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_GET_MDWE, 0, 0, 0, 0) < 0:
        print("run-unit: MemoryDenyWriteExecute= not applied (the kernel has no PR_SET_MDWE)", file=sys.stderr)
        return None
    def apply():
        if libc.prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_MDWE)")
    return apply

def run(path, unit, env, commands, settings, lists, dirs, prepend):
    for line in logical_lines(path):
        key, _, value = line.partition("=")
        key, value = key.strip(), specifiers(value.strip(), unit, dirs)
        if key == "Environment":
            for w in words(value):
                k, _, v = w.partition("=")
                env[k] = v
        elif key == "EnvironmentFile":
            try:
                with open(value.lstrip("-"), encoding="utf-8", newline="") as f:  # a CR inside quotes is data
                    env.update(environment_file(f.read()))
            except FileNotFoundError:
                if not value.startswith("-"):
                    raise
        elif key in settings:
            settings[key] = value
        elif key in lists:
            if value:
                lists[key].extend(value.split() if key != "LoadCredential" else [value])
            else:
                lists[key].clear()
        elif key in commands:
            if value:
                commands[key].append(value)
            else:
                commands[key].clear()  # an empty assignment resets the list, as in systemd
    if prepend:
        env["PATH"] = prepend + ":" + env.get("PATH", "")
    user = pwd.getpwnam(settings["User"]) if settings["User"] else None
    uid, gid = (user.pw_uid, user.pw_gid) if user else (os.getuid(), os.getgid())
    if settings["Group"]:
        gid = grp.getgrnam(settings["Group"]).gr_gid
    if user:
        env.update(HOME=user.pw_dir, USER=user.pw_name, LOGNAME=user.pw_name, SHELL=user.pw_shell)
    for key, root in (("CacheDirectory", dirs["C"]), ("RuntimeDirectory", dirs["t"])):
        for name in lists[key]:
            target = os.path.join(root, name)
            os.makedirs(target, mode=0o755, exist_ok=True)
            os.chown(target, uid, gid)
    credentials = dirs["d"]
    for entry in lists["LoadCredential"]:
        cid, _, source = entry.partition(":")
        copy = os.path.join(credentials, cid)
        shutil.copyfile(source, copy)
        os.chown(copy, uid, gid)
        os.chmod(copy, 0o400)
    os.chown(credentials, uid, gid)
    os.chmod(credentials, 0o500)
    if lists["LoadCredential"]:
        env["CREDENTIALS_DIRECTORY"] = credentials
    prefix = ["setpriv"]
    if user or settings["Group"]:
        prefix += ["--reuid", str(uid), "--regid", str(gid)]
        prefix += ["--init-groups"] if user else ["--clear-groups"]
    caps = ",".join("+" + capability(c) for c in lists["AmbientCapabilities"])
    if caps:
        prefix += ["--inh-caps", caps, "--ambient-caps", caps]
    if settings["CapabilityBoundingSet"] is not None:
        # The last assignment wins here (systemd would combine several; the provider writes one).
        bounding = ",".join(["-all"] + ["+" + capability(c) for c in settings["CapabilityBoundingSet"].split()])
        prefix += ["--bounding-set", bounding]
    if settings["NoNewPrivileges"] == "yes":
        prefix += ["--no-new-privs"]
    prefix = prefix + ["--"] if len(prefix) > 1 else []
    preexec = deny_write_execute() if settings["MemoryDenyWriteExecute"] == "yes" else None
    if prefix:
        print("run-unit: as", " ".join(prefix), file=sys.stderr, flush=True)
    for command in commands["ExecStartPre"] + commands["ExecStart"] + commands["ExecStartPost"]:
        flags = command[:len(command) - len(command.lstrip("-@:+!"))]
        argv = [variables(w, env) for w in words(command[len(flags):])]
        print("run-unit:", " ".join(argv), file=sys.stderr, flush=True)
        # "+" runs a command with full privileges, as systemd does.
        rc = subprocess.call(argv if "+" in flags else prefix + argv, env=env, preexec_fn=None if "+" in flags else preexec)
        if rc != 0 and "-" not in flags:
            print(f"run-unit: {unit} failed with exit code {rc}", file=sys.stderr)
            return rc
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
