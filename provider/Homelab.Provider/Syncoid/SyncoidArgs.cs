using System.Globalization;

namespace Homelab.Provider.Syncoid;

/// <summary>
/// The syncoid argv of a job (flags as single <c>--flag=value</c> words, never a shell string) and
/// its inverse, used by Read and import to recover a job from its unit file.
/// </summary>
internal static class SyncoidArgs
{
    /// <param name="zfsMountsInProcess">
    /// The host's <c>zfs receive</c> mounts in its own process and knows <c>-u</c> (OpenZFS, see
    /// <see cref="SyncoidHost.ZfsMountsInProcess"/>); zfs-fuse mounts in its daemon, outside any sandbox.
    /// </param>
    public static IReadOnlyList<string> Build(string syncoidPath, SyncoidJob job, bool zfsMountsInProcess = false)
    {
        var a = new List<string> { syncoidPath };
        void Flag(bool on, string flag)
        {
            if (on)
            {
                a.Add(flag);
            }
        }
        void Value(string? value, string flag)
        {
            if (value is not null)
            {
                a.Add($"{flag}={value}");
            }
        }
        Flag(job.Recursive, "--recursive");
        Flag(job.SkipParent, "--skip-parent");
        Flag(!job.SyncSnapshot, "--no-sync-snap");
        Flag(job.KeepSyncSnapshot, "--keep-sync-snap");
        Value(job.Identifier, "--identifier");
        Flag(job.CreateBookmark, "--create-bookmark");
        Flag(job.UseHold, "--use-hold");
        foreach (var e in job.ExcludeDatasets)
        {
            a.Add("--exclude=" + e);
        }
        Value(job.SendOptions, "--sendoptions");
        Value(ReceiveOptions(job, zfsMountsInProcess), "--recvoptions");
        Value(job.Compress, "--compress");
        Value(job.SourceBwlimit, "--source-bwlimit");
        Value(job.TargetBwlimit, "--target-bwlimit");
        Flag(job.NoRollback, "--no-rollback");
        Flag(job.NoCloneRollback, "--no-clone-rollback");
        Flag(job.ForceDelete, "--force-delete");
        Flag(job.DeleteTargetSnapshots, "--delete-target-snapshots");
        Value(job.SshKey, "--sshkey");
        Value(job.SshPort?.ToString(CultureInfo.InvariantCulture), "--sshport");
        Value(job.SshCipher, "--sshcipher");
        foreach (var o in job.SshOptions)
        {
            a.Add("--sshoption=" + o);
        }
        Flag(!job.PrivilegeElevation, "--no-privilege-elevation");
        a.Add(job.Source);
        a.Add(job.Target);
        return a;
    }

    /// <summary>
    /// True when a hardened job with a local target may have had <c>u</c> added to its receive
    /// options: it runs in its own mount namespace on a read-only root without mount system calls,
    /// where a mount made by <c>zfs receive</c> could neither be made nor be seen by the host
    /// (docs/design/units.md, "Hardening"), so it receives unmounted (<c>zfs receive -u</c>).
    /// </summary>
    public static bool ReceivesUnmounted(SyncoidJob job) => job.Hardened && SyncoidValues.Split(job.Target).Local;

    /// <summary>The <c>--recvoptions</c> value: the job's, plus a last <c>u</c> word when it <see cref="ReceivesUnmounted"/> on a zfs that mounts in process.</summary>
    public static string? ReceiveOptions(SyncoidJob job, bool zfsMountsInProcess) =>
        !(zfsMountsInProcess && ReceivesUnmounted(job)) ? job.RecvOptions : job.RecvOptions is null ? "u" : job.RecvOptions + " u";

    /// <summary>The job's own <c>recv_options</c> from the <c>--recvoptions</c> value of a job that <see cref="ReceivesUnmounted"/> (the inverse of <see cref="ReceiveOptions"/>).</summary>
    public static string? UserReceiveOptions(string? written) =>
        written == "u" ? null : written is not null && written.EndsWith(" u", StringComparison.Ordinal) ? written[..^2] : written;

    /// <summary>The flags (without values) a job uses: each must be supported by the host's syncoid.</summary>
    public static IEnumerable<string> Flags(SyncoidJob job) =>
        Build("syncoid", job).Skip(1).SkipLast(2).Select(w => w.Split('=')[0]).Distinct();

    /// <summary>Recovers the job fields from an ExecStart argv; null when it is not a syncoid command line.</summary>
    public static SyncoidJob? Parse(string name, IReadOnlyList<string> argv, SyncoidJob timerPart)
    {
        if (argv.Count < 3 || !argv[0].EndsWith("syncoid", StringComparison.Ordinal))
        {
            return null;
        }
        var job = timerPart with { Name = name, Source = argv[^2], Target = argv[^1], SyncSnapshot = true, PrivilegeElevation = true };
        var excludes = new List<string>();
        var sshOptions = new List<string>();
        foreach (var word in argv.Skip(1).SkipLast(2))
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            var flag = eq < 0 ? word : word[..eq];
            var value = eq < 0 ? null : word[(eq + 1)..];
            job = flag switch
            {
                "--recursive" => job with { Recursive = true },
                "--skip-parent" => job with { SkipParent = true },
                "--no-sync-snap" => job with { SyncSnapshot = false },
                "--keep-sync-snap" => job with { KeepSyncSnapshot = true },
                "--identifier" => job with { Identifier = value },
                "--create-bookmark" => job with { CreateBookmark = true },
                "--use-hold" => job with { UseHold = true },
                "--sendoptions" => job with { SendOptions = value },
                "--recvoptions" => job with { RecvOptions = value },
                "--compress" => job with { Compress = value },
                "--source-bwlimit" => job with { SourceBwlimit = value },
                "--target-bwlimit" => job with { TargetBwlimit = value },
                "--no-rollback" => job with { NoRollback = true },
                "--no-clone-rollback" => job with { NoCloneRollback = true },
                "--force-delete" => job with { ForceDelete = true },
                "--delete-target-snapshots" => job with { DeleteTargetSnapshots = true },
                "--sshkey" => job with { SshKey = value },
                "--sshport" => job with { SshPort = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null },
                "--sshcipher" => job with { SshCipher = value },
                "--no-privilege-elevation" => job with { PrivilegeElevation = false },
                _ => job,
            };
            if (flag == "--exclude" && value is not null)
            {
                excludes.Add(value);
            }
            if (flag == "--sshoption" && value is not null)
            {
                sshOptions.Add(value);
            }
        }
        return job with { ExcludeDatasets = excludes, SshOptions = sshOptions };
    }
}
