using System.Text;
using Homelab.Provider.Units;

namespace Homelab.Provider.Restic;

/// <summary>
/// The systemd units of one job (docs/design/units.md, docs/design/restic-jobs.md): backup, forget/prune (only with a
/// retention policy) and check, each a oneshot service with the health lines of
/// <see cref="ServiceHealth"/> (<c>OnFailure=</c>, <c>OnSuccess=</c>; the backup service also
/// <c>X-HomelabMaxAgeSec=</c> when the job sets <c>max_age</c>) plus a timer.
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
            new(BackupUnit(name) + ".service", Service("backup", BackupArgv(), _job.Before, _job.After, withHost: true, maxAge: _job.MaxAge)),
            new(BackupUnit(name) + ".timer", Timer("backup", _job.Schedule)),
        };
        if (_job.Retention is { HasPolicy: true } retention)
        {
            files.Add(new(ForgetUnit(name) + ".service", Service("forget/prune", ForgetArgv(retention), null, null, withHost: true)));
            files.Add(new(ForgetUnit(name) + ".timer", Timer("forget/prune", retention.Schedule)));
        }
        files.Add(new(CheckUnit(name) + ".service", Service("check", CheckArgv(), null, null, withHost: false)));
        files.Add(new(CheckUnit(name) + ".timer", Timer("check", _job.CheckSchedule)));
        return files;
    }

    /// <summary>The timers among <paramref name="files"/> (to start after install).</summary>
    public static IReadOnlyList<string> Timers(IReadOnlyList<UnitFile> files) =>
        [.. files.Select(f => f.Name).Where(n => n.EndsWith(".timer", StringComparison.Ordinal))];

    /// <summary>
    /// The tag that names the job in every snapshot it takes. With <c>--host</c> it selects
    /// exactly this job's snapshots for forget/prune, so jobs sharing a repository (on this host
    /// or on others) never prune each other (docs/design/restic-jobs.md).
    /// </summary>
    public const string IdentityTagPrefix = "homelab-job=";

    /// <summary>
    /// systemd's host-name specifier (systemd.unit(5), "Specifiers"): the default <c>--host</c> is
    /// the machine's name when the unit runs, the name restic itself would record.
    /// </summary>
    private const string HostSpecifier = "%H";

    public string IdentityTag => IdentityTagPrefix + _job.Name;

    /// <summary>restic and its global flags for the live files: repository and password come from files, never argv.</summary>
    public IReadOnlyList<string> ResticPrefix() => Access(staged: false).Prefix();

    /// <summary>The files restic reads for this job: the live ones, or the staged ones of an apply in progress.</summary>
    public ResticAccess Access(bool staged)
    {
        var suffix = staged ? ResticJobFiles.StagedSuffix : "";
        return new ResticAccess
        {
            Restic = _restic,
            Flock = _flock,
            Repository = _job.Repository,
            RepositoryFile = _hostPath(ResticJobFiles.PathOf(_job.Name, ResticJobFiles.Repository + suffix)),
            PasswordFile = _job.PasswordFile ?? _hostPath(ResticJobFiles.PathOf(_job.Name, ResticJobFiles.Password + suffix)),
            EnvironmentFile = _job.InlineEnvironment ? _hostPath(ResticJobFiles.PathOf(_job.Name, ResticJobFiles.Environment + suffix)) : _job.EnvironmentFile,
            Options = _job.Options,
            InitLock = _hostPath(ResticJobFiles.InitLockOf(_job.Repository)),
        };
    }

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
        argv.Add("--tag");
        argv.Add(IdentityTag);
        foreach (var tag in _job.Tags)
        {
            argv.Add("--tag");
            argv.Add(tag);
        }
        return Locked(argv);
    }

    private IEnumerable<string> ForgetArgv(ResticRetention retention)
    {
        // Exactly this job's snapshots: its identity tag on its host (the --host word is appended
        // by Service). One series per job: grouping by host only, so a changed path or tag list
        // does not start a new group whose old snapshots would never be forgotten.
        var argv = new List<string>(ResticPrefix()) { "forget", "--group-by", "host", "--tag", IdentityTag };
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

    private string Service(string what, IEnumerable<string> argv, string? before, string? after, bool withHost, string? maxAge = null)
    {
        var sb = new StringBuilder();
        sb.Append("# Written by terraform-provider-homelab (homelab_restic_job \"").Append(_job.Name).Append("\"). Do not edit.\n");
        sb.Append("[Unit]\n");
        sb.Append("Description=").Append(UnitValue.Encode(DescriptionOf(what))).Append('\n');
        // The age bound belongs to the backup only: forget and check run on their own schedules.
        sb.Append(ServiceHealth.UnitLines(maxAge));
        sb.Append("Wants=network-online.target\n");
        sb.Append("After=network-online.target\n");
        sb.Append('\n');
        sb.Append("[Service]\n");
        sb.Append("Type=oneshot\n");
        // restic's cache (no HOME in a system service); systemd creates and owns the directory.
        sb.Append("CacheDirectory=homelab-restic/").Append(_job.Name).Append('\n');
        sb.Append("Environment=RESTIC_CACHE_DIR=%C/homelab-restic/").Append(_job.Name).Append('\n');
        sb.Append(JobEnvironment.TimeZoneLine);
        if (EnvironmentFileOnHost is { } env)
        {
            sb.Append("EnvironmentFile=").Append(UnitValue.Encode(env)).Append('\n');
        }
        if (before is not null)
        {
            sb.Append("ExecStartPre=").Append(SystemdQuote.Line(["/bin/sh", "-c", before])).Append('\n');
        }
        // --host goes last (after every flag; these commands take no positional argument): the
        // job's `host`, quoted like every word, or the bare %H specifier systemd expands.
        sb.Append("ExecStart=").Append(SystemdQuote.Line(argv));
        if (withHost)
        {
            sb.Append(" --host ").Append(_job.Host is { } host ? SystemdQuote.Arg(host) : HostSpecifier);
        }
        sb.Append('\n');
        if (after is not null)
        {
            sb.Append("ExecStartPost=").Append(SystemdQuote.Line(["/bin/sh", "-c", after])).Append('\n');
        }
        return sb.ToString();
    }

    private string Timer(string what, string schedule) =>
        TimerUnit.Render($"Written by terraform-provider-homelab (homelab_restic_job \"{_job.Name}\"). Do not edit.",
            DescriptionOf(what) + " (timer)", schedule, _job.RandomizedDelay, _job.Persistent);

    private string DescriptionOf(string what) =>
        $"homelab restic {what} of job {_job.Name}" + (_job.Description is { } d ? ": " + d : "");
}
