using System.Text;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Framework.Values.Codec;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Restic;

/// <summary>
/// <c>homelab_restic_snapshots</c>: the snapshots one <c>homelab_restic_job</c> took (its identity
/// tag and host, docs/design/restic-jobs.md), read on the host with the job's own files through
/// <see cref="ResticRepository"/>, so no secret leaves the host.
/// </summary>
internal sealed class ResticSnapshotsDataSource() : HostDataSource("homelab_restic_snapshots", ResticSnapshotsSchema.Schema)
{
    protected override async Task<TfValue?> ReadAsync(Remote remote, TfValue config, DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        var name = config.GetString("job").Get();
        if (await ReadJobAsync(remote, name, diagnostics, cancellationToken).ConfigureAwait(false) is not { } job)
        {
            return null;
        }
        var restic = await remote.Tools.GetAsync("restic", cancellationToken).ConfigureAwait(false);
        var flock = await remote.Tools.GetAsync("flock", cancellationToken).ConfigureAwait(false);
        var units = new ResticUnits(job, remote.StateDir.PathOf, restic, flock);
        var repository = new ResticRepository(remote, units.Access(staged: false));
        var host = job.Host ?? await HostNameAsync(remote, cancellationToken).ConfigureAwait(false);

        var (result, problem) = await repository.QueryAsync(ResticSnapshotList.Arguments(units.IdentityTag, host), cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            diagnostics.AddError("Unusable environment file", $"restic job \"{name}\" on remote \"{remote.Name}\": {problem}", AttrPath.Attribute("job"));
            return null;
        }
        if (!result!.Succeeded)
        {
            Refused(name, remote, result, diagnostics);
            return null;
        }
        IReadOnlyList<ResticSnapshot> snapshots;
        try
        {
            snapshots = ResticSnapshotList.Parse(result.Stdout);
        }
        catch (FormatException ex)
        {
            throw new HostException("Unreadable restic output", $"`restic snapshots --json` of job \"{name}\" on remote \"{remote.Name}\": {ex.Message}");
        }

        long? size = null;
        if (snapshots.Count > 0 && config.GetBool("read_size").ValueOr(true))
        {
            size = await NewestSizeAsync(repository, name, snapshots[^1], diagnostics, cancellationToken).ConfigureAwait(false);
        }
        return Summarise(config, host, snapshots, size);
    }

    /// <summary>The state for <paramref name="snapshots"/> (oldest first).</summary>
    internal static TfValue Summarise(TfValue config, string host, IReadOnlyList<ResticSnapshot> snapshots, long? newestSize)
    {
        static TfValue Time(ResticSnapshot? s) => s is null ? TfValue.Null(TfType.String) : TfValue.String(Rfc3339.Format(s.Time));
        var newest = snapshots.Count > 0 ? snapshots[^1] : null;
        return config
            .With("host", TfValue.String(host))
            .With("snapshot_count", TfValue.Number(snapshots.Count))
            .With("newest_time", Time(newest))
            .With("newest_id", newest is null ? TfValue.Null(TfType.String) : TfValue.String(newest.ShortId))
            .With("oldest_time", Time(snapshots.Count > 0 ? snapshots[0] : null))
            .With("newest_size", newestSize is { } bytes ? TfValue.Number(bytes) : TfValue.Null(TfType.Number));
    }

    /// <summary>The job's non-secret settings from its manifest, or null with an error on <c>job</c> when it does not exist.</summary>
    private static async Task<ResticJob?> ReadJobAsync(Remote remote, string name, DiagnosticBag diagnostics, CancellationToken ct)
    {
        var path = ResticJobFiles.PathOf(name, ResticJobFiles.Manifest);
        var text = await remote.StateDir.ReadFileAsync(path, ct).ConfigureAwait(false);
        if (text is null)
        {
            diagnostics.AddError("Restic job not found",
                $"The restic job \"{name}\" does not exist on remote \"{remote.Name}\" ({remote.StateDir.PathOf(path)} is missing). Check `job` (the `name` of a `homelab_restic_job` applied to this remote) or apply the job first.",
                AttrPath.Attribute("job"));
            return null;
        }
        try
        {
            var stored = CtyJson.Decode(Encoding.UTF8.GetBytes(text), ResticJobSchema.Schema.ImpliedType, ignoreUndefinedAttributes: true);
            return ResticJob.From(stored.With("name", TfValue.String(name)));
        }
        catch (ValueCodecException ex)
        {
            diagnostics.AddError("Unreadable job manifest",
                $"{remote.StateDir.PathOf(path)} on remote \"{remote.Name}\" is not a valid job manifest ({ex.Message}). Apply the job again, or restore the file.",
                AttrPath.Attribute("job"));
            return null;
        }
    }

    /// <summary>The name systemd's <c>%H</c> gives the backup unit (gethostname, as <c>uname -n</c> prints it).</summary>
    private static async Task<string> HostNameAsync(Remote remote, CancellationToken ct)
    {
        var result = await remote.RunToolAsync("uname", ["-n"], ct).ConfigureAwait(false);
        var host = result.Stdout.Trim();
        if (!result.Succeeded || host.Length == 0)
        {
            throw new HostException("Cannot read the host name", $"On remote \"{remote.Name}\": {result.Describe()}");
        }
        return host;
    }

    /// <summary>restic refused: say why in terms of the job (the location and restic's messages redacted).</summary>
    private static void Refused(string name, Remote remote, CommandResult result, DiagnosticBag diagnostics)
    {
        var detail = ResticRepositoryText.Redact(result.Describe());
        var probe = ResticRepository.Classify(result.ExitCode, result.Stdout, result.Stderr, detail);
        var job = $"restic job \"{name}\" on remote \"{remote.Name}\"";
        switch (probe.Status)
        {
            case RepositoryStatus.Missing:
                diagnostics.AddError("Repository does not exist", $"The repository of {job} does not exist (any more). Apply the job to initialise it again. {detail}", AttrPath.Attribute("job"));
                break;
            case RepositoryStatus.WrongPassword or RepositoryStatus.PasswordUnusable:
                diagnostics.AddError("Repository password refused", $"The password file of {job} does not open its repository. Apply the job with the repository's password. {detail}", AttrPath.Attribute("job"));
                break;
            default:
                throw new HostException("Cannot list the job's snapshots", $"{job}: {detail}");
        }
    }

    /// <summary>The restore size of <paramref name="newest"/>; null with a warning when restic cannot tell.</summary>
    private static async Task<long?> NewestSizeAsync(ResticRepository repository, string name, ResticSnapshot newest, DiagnosticBag diagnostics, CancellationToken ct)
    {
        var (result, problem) = await repository.QueryAsync(ResticSnapshotList.StatsArguments(newest.Id), ct).ConfigureAwait(false);
        if (problem is null && result!.Succeeded && ResticSnapshotList.ParseTotalSize(result.Stdout) is { } size)
        {
            return size;
        }
        diagnostics.AddWarning("Snapshot size unknown",
            $"`restic stats` of snapshot {newest.ShortId} of restic job \"{name}\" failed, so `newest_size` is null: {problem ?? ResticRepositoryText.Redact(result!.Describe())}");
        return null;
    }
}
