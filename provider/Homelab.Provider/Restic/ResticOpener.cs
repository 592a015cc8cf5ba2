using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Host;
using Homelab.Provider.Units;

namespace Homelab.Provider.Restic;

/// <summary>
/// Proves at apply that a job's staged files open its repository (initialising it under the
/// repository's host lock when it is missing and allowed, rotating the password when only the
/// live one opens it), and turns every failure into a diagnostic on the attribute to fix. The
/// caller swaps the staged files in only when this returns an id (docs/design/restic-jobs.md).
/// </summary>
internal sealed class ResticOpener
{
    private readonly Remote _remote;
    private readonly ResticJob _job;
    private readonly ResticRepository _staged;
    private readonly ResticRepository _live;

    public ResticOpener(Remote remote, ResticJob job, ResticUnits units)
    {
        _remote = remote;
        _job = job;
        _staged = new ResticRepository(remote, units.Access(staged: true));
        _live = new ResticRepository(remote, units.Access(staged: false));
    }

    private string Location => ResticRepositoryText.Redact(_job.Repository);

    /// <summary>The repository id, or null with an error in <paramref name="diags"/>.</summary>
    /// <param name="rotateFrom">The live password when a new <c>password_wo</c> for the same repository is being applied (rotation is possible), else null.</param>
    public async Task<string?> OpenAsync(string? rotateFrom, DiagnosticBag diags, CancellationToken ct)
    {
        var probe = await _staged.ProbeAsync(locked: false, ct).ConfigureAwait(false);
        if (probe.Status is RepositoryStatus.Missing or RepositoryStatus.WrongPassword or RepositoryStatus.Unreachable)
        {
            // Another job may be initialising this repository right now; its half-written state
            // looks missing, keyless or broken. Wait for its lock, then look again.
            probe = await _staged.ProbeAsync(locked: true, ct).ConfigureAwait(false);
        }
        if (probe.Status == RepositoryStatus.Missing)
        {
            if (!_job.Initialize)
            {
                diags.AddError("Repository does not exist",
                    $"There is no restic repository at \"{Location}\" and `initialize = false`. Create it (`restic init`), fix `repository`, or set `initialize = true`. {probe.Detail}", AttrPath.Attribute("repository"));
                return null;
            }
            var initProblem = await _staged.InitAsync(ct).ConfigureAwait(false);
            probe = await _staged.ProbeAsync(locked: false, ct).ConfigureAwait(false);
            if (initProblem is not null && probe.Status != RepositoryStatus.Ok)
            {
                diags.AddError("Cannot initialise the repository", $"`restic init` of \"{Location}\" failed: {initProblem}", AttrPath.Attribute("repository"));
                return null;
            }
        }
        var passwordPath = AttrPath.Attribute(_job.PasswordFile is null ? "password_wo" : "password_file");
        switch (probe.Status)
        {
            case RepositoryStatus.Ok:
                return probe.Id;
            case RepositoryStatus.WrongPassword when rotateFrom is not null:
                return await RotateAsync(rotateFrom, probe, diags, ct).ConfigureAwait(false);
            case RepositoryStatus.WrongPassword:
                diags.AddError("Wrong repository password",
                    $"The repository \"{Location}\" exists, but the password does not open it (no key matches). Supply the repository's password. The job's files on the host are unchanged. {probe.Detail}", passwordPath);
                return null;
            case RepositoryStatus.PasswordUnusable:
                diags.AddError("Unusable password file",
                    $"restic could not read a password from {_staged.Access.PasswordFile}: the file is missing, unreadable or empty. {probe.Detail}", passwordPath);
                return null;
            case RepositoryStatus.EnvironmentUnusable:
                diags.AddError("Unusable environment file", probe.Detail + " Fix the file or `environment_file`.", AttrPath.Attribute("environment_file"));
                return null;
            case RepositoryStatus.Missing:
                diags.AddError("Repository still missing after init", $"`restic init` succeeded but the repository does not open: {probe.Detail}", AttrPath.Attribute("repository"));
                return null;
            default:
                diags.AddError("Repository unreachable",
                    $"restic could not reach the repository \"{Location}\" (network, DNS, TLS, backend credentials or permissions; the password was not checked). The job's files on the host are unchanged. {probe.Detail}", AttrPath.Attribute("repository"));
                return null;
        }
    }

    /// <summary>
    /// The new password does not open the repository but the live one does: add the new key,
    /// prove it, and remove the old key unless another job on this host still opens the
    /// repository with it.
    /// </summary>
    private async Task<string?> RotateAsync(string oldPassword, RepositoryProbe refused, DiagnosticBag diags, CancellationToken ct)
    {
        var path = AttrPath.Attribute("password_wo");
        var old = await _live.ProbeAsync(locked: false, ct).ConfigureAwait(false);
        if (old.Status != RepositoryStatus.Ok)
        {
            diags.AddError("Wrong repository password",
                $"The repository \"{Location}\" exists, but neither the new password nor the job's current one opens it, so the password cannot be rotated. Supply the repository's password. The job's files on the host are unchanged. {refused.Detail}", path);
            return null;
        }
        var (oldKey, keyProblem) = await _live.CurrentKeyAsync(ct).ConfigureAwait(false);
        if (oldKey is null)
        {
            diags.AddError("Cannot rotate the repository password", $"`restic key list` failed: {keyProblem} The job's files on the host are unchanged.", path);
            return null;
        }
        if (await _live.AddKeyAsync(_staged.Access.PasswordFile, ct).ConfigureAwait(false) is { } addProblem)
        {
            diags.AddError("Cannot rotate the repository password", $"`restic key add` failed: {addProblem} The job's files on the host are unchanged.", path);
            return null;
        }
        var opened = await _staged.ProbeAsync(locked: false, ct).ConfigureAwait(false);
        if (opened.Status != RepositoryStatus.Ok)
        {
            diags.AddError("Cannot rotate the repository password", $"The new key was added but the new password does not open the repository: {opened.Detail}. Both passwords may open it now; the job's files on the host are unchanged.", path);
            return null;
        }
        var sharers = await JobsSharingAsync(oldPassword, ct).ConfigureAwait(false);
        if (sharers.Count > 0)
        {
            diags.AddWarning("Old repository key kept",
                $"The new password was added to \"{Location}\", but the old key ({oldKey}) was kept because job(s) {string.Join(", ", sharers)} on this host still use the old password. Rotate them too, then remove it with `restic key remove {oldKey}`.");
        }
        else if (await _staged.RemoveKeyAsync(oldKey, ct).ConfigureAwait(false) is { } removeProblem)
        {
            diags.AddWarning("Old repository key kept", $"The new password opens \"{Location}\", but removing the old key {oldKey} failed: {removeProblem} Remove it with `restic key remove {oldKey}`.");
        }
        return opened.Id;
    }

    /// <summary>Other jobs of this host whose repository is this one and that may open it with <paramref name="password"/> (a <c>password_file</c> counts: it cannot be compared cheaply).</summary>
    private async Task<IReadOnlyList<string>> JobsSharingAsync(string password, CancellationToken ct)
    {
        var state = _remote.StateDir;
        var sharers = new List<string>();
        foreach (var name in await state.ListAsync(ResticJobFiles.Directory, ct).ConfigureAwait(false))
        {
            if (name == _job.Name || !UnitNames.IsValidName(name)
                || await state.ReadFileAsync(ResticJobFiles.PathOf(name, ResticJobFiles.Repository), ct).ConfigureAwait(false) != _job.Repository + "\n")
            {
                continue;
            }
            var theirs = await state.ReadFileAsync(ResticJobFiles.PathOf(name, ResticJobFiles.Password), ct).ConfigureAwait(false);
            if (theirs is null || theirs == password)
            {
                sharers.Add(name);
            }
        }
        return sharers;
    }
}
