using System.Text;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Framework.Values.Codec;
using Homelab.Provider.Host;
using Homelab.Provider.Units;

namespace Homelab.Provider.Restic;

/// <summary>
/// One job on one host: writes its files, opens/initialises the repository, installs units,
/// and reads it all back for refresh and import. Shared by Create, Read, Update and Delete.
/// </summary>
internal sealed class ResticJobSync
{
    private readonly Remote _remote;
    private readonly ResticJob _job;

    private ResticJobSync(Remote remote, ResticJob job)
    {
        _remote = remote;
        _job = job;
    }

    public static ResticJobSync For(Remote remote, ResticJob job) => new(remote, job);

    public string ManifestHostPath => _remote.StateDir.PathOf(Rel(ResticJobFiles.Manifest));

    public Task<string?> ReadManifestAsync(CancellationToken ct) => _remote.StateDir.ReadFileAsync(Rel(ResticJobFiles.Manifest), ct);

    /// <summary>
    /// Stages the repository/password/environment files beside the live ones, proves that they
    /// open the repository (initialising it when missing and allowed, rotating the password when
    /// only the live one opens it), and only then swaps them in and writes the other files, the
    /// units and the manifest. A refused apply leaves every live file as it was. Returns the new
    /// state, or null with error diagnostics.
    /// </summary>
    public async Task<TfValue?> ApplyAsync(TfValue planned, TfValue config, DiagnosticBag diags, CancellationToken ct)
    {
        var units = await UnitsAsync(ct).ConfigureAwait(false);
        var state = _remote.StateDir;

        // Secrets come from the configuration (write-only: never in plan or state) and are written
        // on every apply, so a deleted or edited file heals; their content travels on stdin.
        var staged = new Dictionary<string, string>(StringComparer.Ordinal) { [ResticJobFiles.Repository] = _job.Repository + "\n" };
        string? password = null;
        if (_job.PasswordFile is null)
        {
            var value = config.GetString("password_wo");
            if (!value.IsKnown)
            {
                diags.AddError("Missing repository password", "`password_wo` has no value at apply time. Set it (Terraform/OpenTofu >= 1.11), or use `password_file`.", AttrPath.Attribute("password_wo"));
                return null;
            }
            password = value.Value!;
            staged[ResticJobFiles.Password] = password;
        }
        if (_job.InlineEnvironment)
        {
            var environment = config.GetStringMap("environment_wo");
            if (!environment.IsKnown)
            {
                diags.AddError("Missing backend credentials", "`environment_wo` has no value at apply time.", AttrPath.Attribute("environment_wo"));
                return null;
            }
            staged[ResticJobFiles.Environment] = EnvironmentFile.Render(environment.Value!);
        }

        string? id;
        try
        {
            foreach (var (file, content) in staged)
            {
                await state.WriteFileAsync(Rel(file + ResticJobFiles.StagedSuffix), content, secret: true, ct).ConfigureAwait(false);
            }
            id = await new ResticOpener(_remote, _job, units).OpenAsync(await RotateFromAsync(password, ct).ConfigureAwait(false), diags, ct).ConfigureAwait(false);
            if (id is null)
            {
                return null;
            }
            // Proven: swap in (each write is atomic), and drop what the job no longer uses.
            foreach (var (file, content) in staged)
            {
                await state.WriteFileAsync(Rel(file), content, secret: true, ct).ConfigureAwait(false);
            }
            foreach (var file in new[] { ResticJobFiles.Password, ResticJobFiles.Environment }.Where(f => !staged.ContainsKey(f)))
            {
                await state.RemoveFileAsync(Rel(file), ct).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var file in staged.Keys)
            {
                await state.RemoveFileAsync(Rel(file + ResticJobFiles.StagedSuffix), CancellationToken.None).ConfigureAwait(false);
            }
        }

        await state.WriteFileAsync(Rel(ResticJobFiles.Paths), ResticJobFiles.RenderLines(_job.Paths), secret: false, ct).ConfigureAwait(false);
        if (_job.Exclude.Count > 0)
        {
            await state.WriteFileAsync(Rel(ResticJobFiles.Excludes), ResticJobFiles.RenderLines(_job.Exclude), secret: false, ct).ConfigureAwait(false);
        }
        else
        {
            await state.RemoveFileAsync(Rel(ResticJobFiles.Excludes), ct).ConfigureAwait(false);
        }

        var files = units.Files();
        var systemd = new SystemdUnits(_remote);
        var wanted = files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var obsolete = new List<string>();
        foreach (var name in ResticUnits.AllFileNames(_job.Name).Where(n => !wanted.Contains(n)))
        {
            if (await systemd.ReadAsync(name, ct).ConfigureAwait(false) is not null)
            {
                obsolete.Add(name);
            }
        }
        if (obsolete.Count > 0)
        {
            await systemd.RemoveAsync(obsolete, ct).ConfigureAwait(false);
        }
        if (await systemd.InstallAsync(files, ResticUnits.Timers(files), ct).ConfigureAwait(false) is { } warning)
        {
            diags.AddWarning("Units written but not started", warning);
        }

        var result = planned
            .With("repository_id", TfValue.String(id))
            .With("unit_name", TfValue.String(ResticUnits.BackupUnit(_job.Name) + ".service"))
            .With("in_sync", TfValue.True);
        var manifest = Encoding.UTF8.GetString(CtyJson.Encode(result, result.Type)) + "\n";
        await state.WriteFileAsync(Rel(ResticJobFiles.Manifest), manifest, secret: true, ct).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// The state rebuilt from the host: the manifest's settings, <c>in_sync = false</c> when a
    /// file or unit differs from what they render or the repository id changed. Null when the
    /// job is gone (no manifest).
    /// </summary>
    public static async Task<TfValue?> ReadAsync(Remote remote, string name, string? remoteName, TfType type, DiagnosticBag diags, CancellationToken ct)
    {
        var text = await remote.StateDir.ReadFileAsync(ResticJobFiles.PathOf(name, ResticJobFiles.Manifest), ct).ConfigureAwait(false);
        if (text is null)
        {
            return null;
        }
        TfValue stored;
        try
        {
            stored = CtyJson.Decode(Encoding.UTF8.GetBytes(text), type, ignoreUndefinedAttributes: true);
        }
        catch (ValueCodecException ex)
        {
            diags.AddError("Unreadable job manifest", $"{remote.StateDir.PathOf(ResticJobFiles.PathOf(name, ResticJobFiles.Manifest))} is not a valid job manifest ({ex.Message}). Remove the job's directory and apply again, or restore the file.");
            return null;
        }
        stored = stored.With("remote", TfValueAccessors.StringOrNull(remoteName)).With("name", TfValue.String(name));
        var job = ResticJob.From(stored);
        var sync = new ResticJobSync(remote, job);
        var drift = await sync.DriftAsync(diags, ct).ConfigureAwait(false);
        return stored.With("in_sync", TfValue.Bool(drift.Count == 0));
    }

    /// <summary>Removes the units and every file of the job; never touches the repository. Returns a no-systemd warning, if any.</summary>
    public async Task<string?> RemoveAsync(CancellationToken ct)
    {
        var warning = await new SystemdUnits(_remote).RemoveAsync(ResticUnits.AllFileNames(_job.Name), ct).ConfigureAwait(false);
        var dir = ResticJobFiles.DirOf(_job.Name);
        foreach (var file in await _remote.StateDir.ListAsync(dir, ct).ConfigureAwait(false))
        {
            await _remote.StateDir.RemoveFileAsync($"{dir}/{file}", ct).ConfigureAwait(false);
        }
        // The emptied directory itself; best effort (another writer may be using it this instant).
        await _remote.Connection.RunAsync(new HostCommand(["rmdir", "--", _remote.StateDir.PathOf(dir)]), ct).ConfigureAwait(false);
        return warning;
    }

    /// <summary>What differs on the host from what the job's settings render (empty: in sync).</summary>
    private async Task<IReadOnlyList<string>> DriftAsync(DiagnosticBag diags, CancellationToken ct)
    {
        var drift = new List<string>();
        var state = _remote.StateDir;
        async Task Expect(string file, string? content)
        {
            var actual = await state.ReadFileAsync(Rel(file), ct).ConfigureAwait(false);
            if (actual != content)
            {
                drift.Add(state.PathOf(Rel(file)));
            }
        }
        await Expect(ResticJobFiles.Repository, _job.Repository + "\n").ConfigureAwait(false);
        await Expect(ResticJobFiles.Paths, ResticJobFiles.RenderLines(_job.Paths)).ConfigureAwait(false);
        await Expect(ResticJobFiles.Excludes, _job.Exclude.Count > 0 ? ResticJobFiles.RenderLines(_job.Exclude) : null).ConfigureAwait(false);
        // Secret files: only their presence can be checked (their values are write-only).
        if (_job.PasswordFile is null && await state.ReadFileAsync(Rel(ResticJobFiles.Password), ct).ConfigureAwait(false) is null)
        {
            drift.Add(state.PathOf(Rel(ResticJobFiles.Password)));
        }
        if (_job.InlineEnvironment && await state.ReadFileAsync(Rel(ResticJobFiles.Environment), ct).ConfigureAwait(false) is null)
        {
            drift.Add(state.PathOf(Rel(ResticJobFiles.Environment)));
        }

        var units = await UnitsAsync(ct).ConfigureAwait(false);
        var systemd = new SystemdUnits(_remote);
        var expected = units.Files().ToDictionary(f => f.Name, f => (string?)f.Content, StringComparer.Ordinal);
        foreach (var name in ResticUnits.AllFileNames(_job.Name))
        {
            if (await systemd.ReadAsync(name, ct).ConfigureAwait(false) != expected.GetValueOrDefault(name))
            {
                drift.Add(state.PathOf(UnitNames.Directory + "/" + name));
            }
        }
        if (drift.Count > 0)
        {
            diags.AddWarning("restic job changed on the host", $"Job \"{_job.Name}\": {string.Join(", ", drift)} differ from the configuration or are missing; the next apply rewrites them.");
            return drift;
        }

        // The repository itself: still there, still the one the job was created with?
        var recorded = await state.ReadFileAsync(Rel(ResticJobFiles.Manifest), ct).ConfigureAwait(false);
        var probe = await ResticProbeCache.For(_remote).ProbeAsync(new ResticRepository(_remote, units.Access(staged: false)), ct).ConfigureAwait(false);
        var recordedId = recorded is null ? null : CtyJson.Decode(Encoding.UTF8.GetBytes(recorded), ResticJobSchema.Schema.ImpliedType, ignoreUndefinedAttributes: true).GetString("repository_id").OrNull();
        switch (probe.Status)
        {
            case RepositoryStatus.Ok when probe.Id != recordedId:
                diags.AddWarning("restic repository replaced", $"Job \"{_job.Name}\": the repository now has id {probe.Id}, not {recordedId} as when the job was applied: it was re-created, or `repository` now reaches another one. Apply to accept it.");
                drift.Add("repository id");
                break;
            case RepositoryStatus.Missing:
                diags.AddWarning("restic repository missing", $"Job \"{_job.Name}\": the repository does not exist any more. Apply to initialise it again (with `initialize = true`). {probe.Detail}");
                drift.Add("repository");
                break;
            case RepositoryStatus.Ok:
                break;
            default:
                // Transient (network) or a password problem: say so, but do not plan a change for it.
                diags.AddWarning("restic repository not verified", $"Job \"{_job.Name}\": refresh could not open the repository ({probe.Status}): {probe.Detail}");
                break;
        }
        return drift;
    }

    /// <summary>
    /// The live password when <paramref name="password"/> is a new <c>password_wo</c> for the
    /// repository the job already uses: only then may a refused new password be rotated in.
    /// </summary>
    private async Task<string?> RotateFromAsync(string? password, CancellationToken ct)
    {
        if (password is null
            || await _remote.StateDir.ReadFileAsync(Rel(ResticJobFiles.Repository), ct).ConfigureAwait(false) != _job.Repository + "\n"
            || await _remote.StateDir.ReadFileAsync(Rel(ResticJobFiles.Password), ct).ConfigureAwait(false) is not { } live
            || live == password)
        {
            return null;
        }
        return live;
    }

    private async Task<ResticUnits> UnitsAsync(CancellationToken ct)
    {
        var restic = await _remote.Tools.GetAsync("restic", ct).ConfigureAwait(false);
        var flock = await _remote.Tools.GetAsync("flock", ct).ConfigureAwait(false);
        return new ResticUnits(_job, _remote.StateDir.PathOf, restic, flock);
    }

    private string Rel(string file) => ResticJobFiles.PathOf(_job.Name, file);
}
