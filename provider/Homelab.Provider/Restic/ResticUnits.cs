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
            new(BackupUnit(name) + ".service", Service("backup", BackupArgv(), _job.Before, _job.After, withHost: true, backup: true, maxAge: _job.MaxAge)),
            new(BackupUnit(name) + ".timer", Timer("backup", _job.Schedule)),
        };
        if (_job.Retention is { HasPolicy: true } retention)
        {
            files.Add(new(ForgetUnit(name) + ".service", Service("forget/prune", ForgetArgv(retention), null, null, withHost: true, backup: false)));
            files.Add(new(ForgetUnit(name) + ".timer", Timer("forget/prune", retention.Schedule)));
        }
        files.Add(new(CheckUnit(name) + ".service", Service("check", CheckArgv(), null, null, withHost: false, backup: false)));
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

    /// <summary>
    /// The credential names (<c>LoadCredential=</c>, systemd.exec(5)) under which systemd hands the
    /// job's files to its services: systemd (root) reads the 0600 files and copies them into the
    /// service's private credentials directory (<c>%d</c>), readable by the service's user only.
    /// </summary>
    public const string RepositoryCredential = "repository";

    public const string PasswordCredential = "password";

    public const string PathsCredential = "paths";

    public const string ExcludesCredential = "excludes";

    /// <summary>A credential's path as an ExecStart word: systemd's <c>%d</c> specifier, never quoted.</summary>
    private static string Credential(string id) => "%d/" + id;

    /// <summary>
    /// restic and its global flags as encoded ExecStart words: repository and password come from
    /// the service's credentials, never argv or a file the service's user could read elsewhere.
    /// </summary>
    private List<string> ResticPrefix()
    {
        var words = new List<string>
        {
            SystemdQuote.Arg(_restic),
            "--repository-file", Credential(RepositoryCredential),
            "--password-file", Credential(PasswordCredential),
        };
        foreach (var (key, value) in _job.Options.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            words.Add("-o");
            words.Add(SystemdQuote.Arg($"{key}={value}"));
        }
        return words;
    }

    /// <summary>The repository's directory when it is local (<c>/path</c> or <c>local:/path</c>), else null.</summary>
    public static string? LocalRepositoryPath(string repository) =>
        repository.StartsWith('/') ? repository
        : repository.StartsWith("local:/", StringComparison.Ordinal) ? repository["local:".Length..]
        : null;

    /// <summary>
    /// The sandbox of the job's services (<see cref="Hardening"/>): it writes only its local
    /// repository (and its cache and lock directories), reads what it backs up, reaches the network
    /// only for a remote repository or a hook. The backup keeps <c>CAP_DAC_READ_SEARCH</c> when it
    /// runs as root or with <c>read_all</c>; forget and check need no capability.
    /// </summary>
    public Sandbox SandboxOf(bool backup)
    {
        var local = LocalRepositoryPath(_job.Repository);
        IReadOnlyList<string> touched = [.. _job.Paths, .. local is null ? Array.Empty<string>() : [local]];
        var nonRoot = Hardening.IsNonRoot(_job.User);
        IReadOnlyList<string> read = backup && (!nonRoot || _job.ReadAll) ? [ReadSearch] : [];
        return new Sandbox
        {
            Hardened = _job.Hardened,
            User = _job.User,
            Network = local is null || _job.Before is not null || _job.After is not null,
            ReadsHome = Hardening.Touches(touched, Hardening.HomeDirectories),
            UsesSharedTmp = Hardening.Touches(touched, Hardening.TmpDirectories),
            WritablePaths = local is null ? [] : [local],
            Capabilities = read,
            AmbientCapabilities = backup && nonRoot && _job.ReadAll ? [ReadSearch] : [],
        };
    }

    /// <summary>Bypasses read and search permission checks: a backup reads every file it is given.</summary>
    private const string ReadSearch = "CAP_DAC_READ_SEARCH";

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

    /// <summary>
    /// The job's lock directory, shared by its three services (<c>RuntimeDirectory=</c> with
    /// <c>RuntimeDirectoryPreserve=yes</c>): systemd creates it owned by the service's user, so a
    /// non-root job can take the lock, and the state dir stays read-only to the job.
    /// </summary>
    private string LockDirectory => "homelab-restic/" + _job.Name;

    /// <summary>Encoded words: flock on the job's lock file (<c>%t</c>: the runtime directory root), then <paramref name="command"/>.</summary>
    private IEnumerable<string> Locked(IEnumerable<string> command) =>
        [SystemdQuote.Arg(_flock), "%t/" + LockDirectory + "/" + ResticJobFiles.Lock, .. command];

    private IEnumerable<string> BackupArgv()
    {
        var argv = ResticPrefix();
        argv.AddRange(["backup", "--files-from-verbatim", Credential(PathsCredential)]);
        if (_job.Exclude.Count > 0)
        {
            argv.Add("--exclude-file");
            argv.Add(Credential(ExcludesCredential));
        }
        foreach (var marker in _job.ExcludeIfPresent)
        {
            argv.Add("--exclude-if-present");
            argv.Add(SystemdQuote.Arg(marker));
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
        argv.Add(SystemdQuote.Arg(IdentityTag));
        foreach (var tag in _job.Tags)
        {
            argv.Add("--tag");
            argv.Add(SystemdQuote.Arg(tag));
        }
        return Locked(argv);
    }

    private IEnumerable<string> ForgetArgv(ResticRetention retention)
    {
        // Exactly this job's snapshots: its identity tag on its host (the --host word is appended
        // by Service). One series per job: grouping by host only, so a changed path or tag list
        // does not start a new group whose old snapshots would never be forgotten.
        var argv = ResticPrefix();
        argv.AddRange(["forget", "--group-by", "host", "--tag", SystemdQuote.Arg(IdentityTag)]);
        argv.AddRange(retention.Flags().Select(SystemdQuote.Arg));
        if (retention.Prune)
        {
            argv.Add("--prune");
        }
        return Locked(argv);
    }

    private IEnumerable<string> CheckArgv()
    {
        var argv = ResticPrefix();
        argv.Add("check");
        if (_job.CheckReadDataSubset is { } subset)
        {
            argv.Add("--read-data-subset");
            argv.Add(SystemdQuote.Arg(subset));
        }
        return Locked(argv);
    }

    /// <param name="words">The command's ExecStart words, already encoded (<see cref="SystemdQuote"/>, or a specifier).</param>
    private string Service(string what, IEnumerable<string> words, string? before, string? after, bool withHost, bool backup, string? maxAge = null)
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
        sb.Append("RuntimeDirectory=").Append(LockDirectory).Append('\n');
        sb.Append("RuntimeDirectoryPreserve=yes\n");
        sb.Append(JobEnvironment.TimeZoneLine);
        // Read by systemd (root) before the command starts; the service's user never opens the file.
        if (EnvironmentFileOnHost is { } env)
        {
            sb.Append("EnvironmentFile=").Append(UnitValue.Encode(env)).Append('\n');
        }
        sb.Append(CredentialLine(RepositoryCredential, _hostPath(ResticJobFiles.PathOf(_job.Name, ResticJobFiles.Repository))));
        sb.Append(CredentialLine(PasswordCredential, _job.PasswordFile ?? _hostPath(ResticJobFiles.PathOf(_job.Name, ResticJobFiles.Password))));
        if (backup)
        {
            sb.Append(CredentialLine(PathsCredential, _hostPath(ResticJobFiles.PathOf(_job.Name, ResticJobFiles.Paths))));
            if (_job.Exclude.Count > 0)
            {
                sb.Append(CredentialLine(ExcludesCredential, _hostPath(ResticJobFiles.PathOf(_job.Name, ResticJobFiles.Excludes))));
            }
        }
        sb.Append(Hardening.ServiceLines(SandboxOf(backup)));
        if (before is not null)
        {
            sb.Append("ExecStartPre=").Append(SystemdQuote.Line(["/bin/sh", "-c", before])).Append('\n');
        }
        // --host goes last (after every flag; these commands take no positional argument): the
        // job's `host`, quoted like every word, or the bare %H specifier systemd expands.
        sb.Append("ExecStart=").Append(string.Join(' ', words));
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

    /// <summary><c>LoadCredential=ID:PATH</c>: systemd reads the path (specifiers expanded, so <c>%</c> is doubled).</summary>
    private static string CredentialLine(string id, string path) => UnitValue.Line("LoadCredential", id + ":" + path);

    private string Timer(string what, string schedule) =>
        TimerUnit.Render($"Written by terraform-provider-homelab (homelab_restic_job \"{_job.Name}\"). Do not edit.",
            DescriptionOf(what) + " (timer)", schedule, _job.RandomizedDelay, _job.Persistent);

    private string DescriptionOf(string what) =>
        $"homelab restic {what} of job {_job.Name}" + (_job.Description is { } d ? ": " + d : "");
}
