using System.Text;
using Homelab.Provider.Units;

namespace Homelab.Provider.Restic;

/// <summary>
/// The systemd units of one job (docs/design/units.md): backup, forget/prune (only with a
/// retention policy) and check, each a oneshot service with <c>OnFailure=</c> plus a timer.
/// Every ExecStart is an argv quoted by <see cref="SystemdQuote"/>; only the user's hooks run
/// under <c>/bin/sh -c</c>, as one argument. The three services take the job's flock first, so
/// a prune never collides with a running backup (restic 0.14 has no <c>--retry-lock</c>).
/// </summary>
internal sealed class ResticUnits
{
    public const string Kind = "restic";

    private readonly ResticJob _job;
    private readonly Func<string, string> _hostPath;
    private readonly string _restic;
    private readonly string _flock;

    /// <param name="hostPath">Maps a state-relative path to the absolute host path.</param>
    public ResticUnits(ResticJob job, Func<string, string> hostPath, string resticPath, string flockPath)
    {
        _job = job;
        _hostPath = hostPath;
        _restic = resticPath;
        _flock = flockPath;
    }

    public static string BackupUnit(string name) => UnitNames.For(Kind, name);

    public static string ForgetUnit(string name) => UnitNames.For(Kind, name) + "-forget";

    public static string CheckUnit(string name) => UnitNames.For(Kind, name) + "-check";

    /// <summary>Every unit file a job of this name may own (for removal and drift checks).</summary>
    public static IReadOnlyList<string> AllFileNames(string name) =>
        [.. new[] { BackupUnit(name), ForgetUnit(name), CheckUnit(name) }.SelectMany(u => new[] { u + ".service", u + ".timer" })];

    /// <summary>The unit files for the job as configured.</summary>
    public IReadOnlyList<UnitFile> Files()
    {
        var name = _job.Name;
        var files = new List<UnitFile>
        {
            new(BackupUnit(name) + ".service", Service("backup", BackupArgv(), _job.Before, _job.After)),
            new(BackupUnit(name) + ".timer", Timer("backup", _job.Schedule)),
        };
        if (_job.Retention is { HasPolicy: true } retention)
        {
            files.Add(new(ForgetUnit(name) + ".service", Service("forget/prune", ForgetArgv(retention), null, null)));
            files.Add(new(ForgetUnit(name) + ".timer", Timer("forget/prune", retention.Schedule)));
        }
        files.Add(new(CheckUnit(name) + ".service", Service("check", CheckArgv(), null, null)));
        files.Add(new(CheckUnit(name) + ".timer", Timer("check", _job.CheckSchedule)));
        return files;
    }

    /// <summary>The timers among <paramref name="files"/> (to start after install).</summary>
    public static IReadOnlyList<string> Timers(IReadOnlyList<UnitFile> files) =>
        [.. files.Select(f => f.Name).Where(n => n.EndsWith(".timer", StringComparison.Ordinal))];

    /// <summary>restic and its global flags: repository and password come from files, never argv.</summary>
    public IReadOnlyList<string> ResticPrefix()
    {
        var argv = new List<string>
        {
            _restic,
            "--repository-file", _hostPath(ResticJobFiles.PathOf(_job.Name, ResticJobFiles.Repository)),
            "--password-file", PasswordFileOnHost,
        };
        foreach (var (key, value) in _job.Options.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            argv.Add("-o");
            argv.Add($"{key}={value}");
        }
        return argv;
    }

    /// <summary>The password file restic reads: the user's <c>password_file</c> or the job's own.</summary>
    public string PasswordFileOnHost => _job.PasswordFile ?? _hostPath(ResticJobFiles.PathOf(_job.Name, ResticJobFiles.Password));

    /// <summary>The environment file of the job, or null when it has no backend credentials.</summary>
    public string? EnvironmentFileOnHost => _job.InlineEnvironment
        ? _hostPath(ResticJobFiles.PathOf(_job.Name, ResticJobFiles.Environment))
        : _job.EnvironmentFile;

    private IEnumerable<string> Locked(IEnumerable<string> command) =>
        [_flock, _hostPath(ResticJobFiles.PathOf(_job.Name, ResticJobFiles.Lock)), .. command];

    private IEnumerable<string> BackupArgv()
    {
        var argv = new List<string>(ResticPrefix())
        {
            "backup",
            "--files-from-verbatim", _hostPath(ResticJobFiles.PathOf(_job.Name, ResticJobFiles.Paths)),
        };
        if (_job.Exclude.Count > 0)
        {
            argv.Add("--exclude-file");
            argv.Add(_hostPath(ResticJobFiles.PathOf(_job.Name, ResticJobFiles.Excludes)));
        }
        foreach (var marker in _job.ExcludeIfPresent)
        {
            argv.Add("--exclude-if-present");
            argv.Add(marker);
        }
        if (_job.ExcludeCaches)
        {
            argv.Add("--exclude-caches");
        }
        if (_job.OneFileSystem)
        {
            argv.Add("--one-file-system");
        }
        foreach (var tag in _job.Tags)
        {
            argv.Add("--tag");
            argv.Add(tag);
        }
        if (_job.Host is not null)
        {
            argv.Add("--host");
            argv.Add(_job.Host);
        }
        return Locked(argv);
    }

    private IEnumerable<string> ForgetArgv(ResticRetention retention)
    {
        // NIXOS.md pitfall 13: group by host and tags, never by paths (a changed path list would
        // start a new group and old snapshots would never be forgotten).
        var argv = new List<string>(ResticPrefix()) { "forget", "--group-by", "host,tags" };
        if (_job.Host is not null)
        {
            argv.Add("--host");
            argv.Add(_job.Host);
        }
        if (_job.Tags.Count > 0)
        {
            argv.Add("--tag");
            argv.Add(string.Join(',', _job.Tags));
        }
        argv.AddRange(retention.Flags());
        if (retention.Prune)
        {
            argv.Add("--prune");
        }
        return Locked(argv);
    }

    private IEnumerable<string> CheckArgv()
    {
        var argv = new List<string>(ResticPrefix()) { "check" };
        if (_job.CheckReadDataSubset is { } subset)
        {
            argv.Add("--read-data-subset");
            argv.Add(subset);
        }
        return Locked(argv);
    }

    private string Service(string what, IEnumerable<string> argv, string? before, string? after)
    {
        var sb = new StringBuilder();
        sb.Append("# Written by terraform-provider-homelab (homelab_restic_job \"").Append(_job.Name).Append("\"). Do not edit.\n");
        sb.Append("[Unit]\n");
        sb.Append("Description=").Append(UnitValue.Encode(DescriptionOf(what))).Append('\n');
        sb.Append("OnFailure=failure-notify@%n.service\n");
        sb.Append("Wants=network-online.target\n");
        sb.Append("After=network-online.target\n");
        sb.Append('\n');
        sb.Append("[Service]\n");
        sb.Append("Type=oneshot\n");
        // restic's cache (no HOME in a system service); systemd creates and owns the directory.
        sb.Append("CacheDirectory=homelab-restic/").Append(_job.Name).Append('\n');
        sb.Append("Environment=RESTIC_CACHE_DIR=%C/homelab-restic/").Append(_job.Name).Append('\n');
        if (EnvironmentFileOnHost is { } env)
        {
            sb.Append("EnvironmentFile=").Append(UnitValue.Encode(env)).Append('\n');
        }
        if (before is not null)
        {
            sb.Append("ExecStartPre=").Append(SystemdQuote.Line(["/bin/sh", "-c", before])).Append('\n');
        }
        sb.Append("ExecStart=").Append(SystemdQuote.Line(argv)).Append('\n');
        if (after is not null)
        {
            sb.Append("ExecStartPost=").Append(SystemdQuote.Line(["/bin/sh", "-c", after])).Append('\n');
        }
        return sb.ToString();
    }

    private string Timer(string what, string schedule)
    {
        var sb = new StringBuilder();
        sb.Append("# Written by terraform-provider-homelab (homelab_restic_job \"").Append(_job.Name).Append("\"). Do not edit.\n");
        sb.Append("[Unit]\n");
        sb.Append("Description=").Append(UnitValue.Encode(DescriptionOf(what) + " (timer)")).Append('\n');
        sb.Append('\n');
        sb.Append("[Timer]\n");
        sb.Append("OnCalendar=").Append(schedule).Append('\n');
        sb.Append("RandomizedDelaySec=").Append(_job.RandomizedDelay).Append('\n');
        sb.Append("Persistent=").Append(_job.Persistent ? "true" : "false").Append('\n');
        sb.Append('\n');
        sb.Append("[Install]\n");
        sb.Append("WantedBy=timers.target\n");
        return sb.ToString();
    }

    private string DescriptionOf(string what) =>
        $"homelab restic {what} of job {_job.Name}" + (_job.Description is { } d ? ": " + d : "");

    /// <summary>Free text in a unit setting: only specifiers need escaping (values are single lines).</summary>
}
