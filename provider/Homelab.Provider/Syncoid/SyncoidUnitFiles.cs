using System.Text;
using Homelab.Provider.Units;

namespace Homelab.Provider.Syncoid;

/// <summary>
/// The service and timer of a job (docs/design/units.md): a oneshot service whose ExecStart is the
/// systemd-quoted syncoid argv, with the health lines of <see cref="ServiceHealth"/> (<c>OnFailure=</c>,
/// <c>OnSuccess=</c>, and <c>X-HomelabMaxAgeSec=</c> with <c>max_age</c>), and a timer with
/// OnCalendar/RandomizedDelaySec/Persistent. Deterministic text, so plan and read compare exactly.
/// </summary>
internal static class SyncoidUnitFiles
{
    /// <summary>Every 30 minutes (the seed's replication interval).</summary>
    public const string DefaultSchedule = "*:0/30";

    private const string DescriptionPrefix = "Description=homelab_syncoid_job ";

    /// <param name="zfsMountsInProcess">See <see cref="SyncoidHost.ZfsMountsInProcess"/>.</param>
    public static string Service(SyncoidJob job, string syncoidPath, string searchPath, bool zfsMountsInProcess = false)
    {
        var sb = new StringBuilder();
        sb.Append("[Unit]\n");
        sb.Append(DescriptionPrefix).Append(UnitValue.Encode(job.Name + (job.Description is { } d ? ": " + d : ""))).Append('\n');
        sb.Append("Documentation=man:syncoid(8)\n");
        sb.Append("After=zfs-import.target network-online.target\n");
        sb.Append("Wants=network-online.target\n");
        sb.Append(ServiceHealth.UnitLines(job.MaxAge));
        sb.Append('\n');
        sb.Append("[Service]\n");
        sb.Append("Type=oneshot\n");
        // syncoid runs zfs, mbuffer, pv, lzop and ssh by name: give it the host's tool directories.
        sb.Append("Environment=").Append(SystemdQuote.Arg("PATH=" + searchPath)).Append('\n');
        sb.Append(JobEnvironment.TimeZoneLine);
        sb.Append(Hardening.ServiceLines(SandboxOf(job)));
        sb.Append("ExecStart=").Append(SystemdQuote.Line(SyncoidArgs.Build(syncoidPath, job, zfsMountsInProcess))).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// The job's sandbox (<see cref="Hardening"/>): it writes nothing on the file system (zfs works
    /// through <c>/dev/zfs</c>, or zfs-fuse's socket in <c>/run/zfs</c>; ssh's control socket goes to
    /// the private /tmp), reads <c>~/.ssh</c> only for a remote endpoint, reaches the network only
    /// then. As root it keeps <c>CAP_SYS_ADMIN</c>, which OpenZFS checks for every change it makes
    /// without delegation; a non-root user keeps no capability (its rights are `zfs allow` ones).
    /// </summary>
    public static Sandbox SandboxOf(SyncoidJob job)
    {
        var remote = !SyncoidValues.Split(job.Source).Local || !SyncoidValues.Split(job.Target).Local;
        return new Sandbox
        {
            Hardened = job.Hardened,
            User = job.User,
            Network = remote,
            ReadsHome = remote || job.SshKey is { } key && Hardening.Touches([key], Hardening.HomeDirectories),
            Capabilities = Hardening.IsNonRoot(job.User) ? [] : ["CAP_SYS_ADMIN"],
            ZfsDevice = true,
        };
    }

    public static string Timer(SyncoidJob job) =>
        TimerUnit.Render(null, "Schedule of " + job.UnitName + ".service", job.Schedule, job.RandomizedDelay, job.Persistent);

    /// <summary>Recovers a job from its two files; null when the service is not one of ours.</summary>
    public static SyncoidJob? Parse(string name, string service, string? timer)
    {
        var timerPart = new SyncoidJob { Name = name, Source = "", Target = "" };
        string? description = null;
        foreach (var line in service.Split('\n'))
        {
            if (line.StartsWith(DescriptionPrefix + name, StringComparison.Ordinal))
            {
                var rest = UnitValue.Decode(line[(DescriptionPrefix.Length + name.Length)..]);
                description = rest.StartsWith(": ", StringComparison.Ordinal) ? rest[2..] : null;
            }
        }
        foreach (var line in (timer ?? "").Split('\n'))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                continue;
            }
            var value = line[(eq + 1)..];
            timerPart = line[..eq] switch
            {
                "OnCalendar" => timerPart with { Schedule = UnitValue.Decode(value) },
                "RandomizedDelaySec" => timerPart with { RandomizedDelay = value },
                "Persistent" => timerPart with { Persistent = value == "true" },
                _ => timerPart,
            };
        }
        var exec = SystemdUnits.ExecStarts(service);
        if (exec.Count != 1 || SyncoidArgs.Parse(name, exec[0], timerPart) is not { } job)
        {
            return null;
        }
        var (user, hardened) = Hardening.Parse(service);
        job = job with { Description = description, MaxAge = ServiceHealth.MaxAgeOf(service), User = user, Hardened = hardened };
        return SyncoidArgs.ReceivesUnmounted(job) ? job with { RecvOptions = SyncoidArgs.UserReceiveOptions(job.RecvOptions) } : job;
    }
}
