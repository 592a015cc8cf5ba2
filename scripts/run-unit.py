#!/usr/bin/env python3
"""Run a oneshot service file's commands the way systemd would, for hosts without systemd as
PID 1 (the sandbox, CI): Environment=/EnvironmentFile= are applied, then every ExecStartPre=,
ExecStart= and ExecStartPost= line runs in order, stopping at the first failure (a leading '-'
ignores one's failure). The specifiers of system units are expanded (%n %N %p %i %C %S %L %t %T %H %%).
usage: run-unit.py [--prepend-path DIR] UNIT_FILE   (DIR goes first on the unit's PATH)"""
import os, re, subprocess, sys

def words(line, unit):
    """Split one command line with systemd's rules: quotes, backslash escapes, $$ and %%."""
    out, cur, quote, i, has = [], [], None, 0, False
    while i < len(line):
        c = line[i]
        if quote:
            if c == quote:
                quote = None
            elif c == "\\" and i + 1 < len(line):
                i += 1
                cur.append({"n": "\n", "t": "\t"}.get(line[i], line[i]))
            else:
                cur.append(c)
        elif c in "\"'":
            quote, has = c, True
        elif c.isspace():
            if cur or has:
                out.append("".join(cur))
            cur, has = [], False
        elif c == "\\" and i + 1 < len(line):
            i += 1
            cur.append(line[i])
        else:
            cur.append(c)
        i += 1
    if cur or has:
        out.append("".join(cur))
    name = unit.rsplit(".", 1)[0]
    prefix, _, instance = name.partition("@")
    table = {"%": "%", "n": unit, "N": name, "p": prefix, "i": instance, "C": "/var/cache",
             "S": "/var/lib", "L": "/var/log", "t": "/run", "T": "/tmp", "H": os.uname().nodename}
    spec = lambda m: table.get(m.group(1), m.group(0))
    return [re.sub(r"%(.)", spec, w.replace("$$", "$")) for w in out]

def main(args):
    prepend = None
    if args[0] == "--prepend-path":
        prepend, args = args[1], args[2:]
    path = args[0]
    unit = os.path.basename(path)
    env = dict(os.environ)
    commands = []
    for raw in open(path, encoding="utf-8"):
        key, _, value = raw.strip().partition("=")
        if key == "Environment":
            for w in words(value, unit):
                k, _, v = w.partition("=")
                env[k] = v
        elif key == "EnvironmentFile":
            optional = value.startswith("-")
            try:
                for l in open(value.lstrip("-"), encoding="utf-8"):
                    l = l.strip()
                    if l and not l.startswith("#") and "=" in l:
                        k, _, v = l.partition("=")
                        env[k] = words(v, unit)[0] if v else ""
            except FileNotFoundError:
                if not optional:
                    raise
        elif key in ("ExecStartPre", "ExecStart", "ExecStartPost"):
            commands.append(value)
    if prepend:
        env["PATH"] = prepend + ":" + env.get("PATH", "")
    for command in commands:
        ignore = command.startswith("-")
        argv = words(command.lstrip("-@:+!"), unit)
        print("run-unit:", " ".join(argv), file=sys.stderr)
        rc = subprocess.call(argv, env=env)
        if rc != 0 and not ignore:
            print(f"run-unit: {unit} failed with exit code {rc}", file=sys.stderr)
            return rc
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
