using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;
using Homelab.Provider.Units;

namespace Homelab.Provider.Ntfy;

/// <summary>
/// <c>homelab_ntfy_alert</c>: an ntfy target for failure alerts (schema and documentation in
/// <see cref="NtfyAlertSchema"/>). The host side is nixgen's <c>failure-notify.sh</c>, which reads
/// the env file this resource writes (docs/nixgen.md, "failure-notify contract").
/// </summary>
internal sealed partial class NtfyAlertResource : IResource, IValidateResourceConfig, IModifyPlan, IImportState
{
    public string TypeName => "homelab_ntfy_alert";

    public ResourceSchema Schema => NtfyAlertSchema.Schema;

    public void ValidateConfig(TfValue config, DiagnosticBag diagnostics) => NtfyValidation.ValidateConfig(config, diagnostics);

    public async Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        if (response.Planned is not { } planned)
        {
            return;
        }
        var remote = RemoteAttribute.Plan(request, response);
        planned = response.Planned!;
        if (planned.GetString("remote") is { IsKnown: true } r && planned.GetString("name") is { IsKnown: true } n)
        {
            planned = planned.With("id", TfValue.String($"{r.Value}:{n.Value}"));
        }
        response.Planned = planned;
        if (remote is null)
        {
            return;
        }
        foreach (var attribute in new[] { "token_file", "password_file" })
        {
            if (planned.GetString(attribute) is { IsKnown: true, Value: { } path }
                && await SecretFileProblemAsync(remote, path, cancellationToken).ConfigureAwait(false) is { } problem)
            {
                response.Diagnostics.AddError("Secret file not usable", problem, AttrPath.Attribute(attribute));
            }
        }
    }

    public async Task CreateAsync(CreateRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var alert = NtfyAlert.From(request.Planned);
        var remote = RemoteAttribute.Of(request.Planned, request.ProviderData);
        await RefuseForeignAsync(remote, alert, prior: null, request.ProviderData, cancellationToken).ConfigureAwait(false);
        // Claim the name: the env file is created only if absent, under the host lock, so of two
        // workspaces creating the same alert at once exactly one wins, before either writes a secret.
        var sd = remote.StateDir;
        if (!await sd.CreateFileAsync(NtfyEnvFile.EnvPath(alert.Name), NtfyEnvFile.Render(alert, sd.PathOf), secret: true, cancellationToken).ConfigureAwait(false))
        {
            throw AlreadyExists(remote, alert, request.ProviderData);
        }
        try
        {
            await WriteAsync(remote, alert, request.Config, prior: null, response.Diagnostics, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A failed create leaves nothing behind: no claimed name, no secret, no drop-in it wrote.
            await CleanUpFailedCreateAsync(remote, alert, response.Diagnostics).ConfigureAwait(false);
            throw;
        }
        response.State = alert.ToState(Schema.ImpliedType);
        if (alert.SendTest)
        {
            await SendTestAsync(remote, alert, request.Config, response.Diagnostics, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task ReadAsync(ReadRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var name = request.State.GetString("name").Get();
        var remote = RemoteAttribute.Of(request.State, request.ProviderData);
        var text = await remote.StateDir.ReadFileAsync(NtfyEnvFile.EnvPath(name), cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            response.State = null;
            return;
        }
        var files = await remote.StateDir.ListAsync(NtfyEnvFile.Directory, cancellationToken).ConfigureAwait(false);
        var alert = NtfyEnvFile.Parse(name, remote.Name, text, files, remote.StateDir.PathOf);
        if (alert.Units is { } units)
        {
            // A unit whose drop-in is gone or altered is not watched any more: leaving it out of
            // the state makes the next plan put it back.
            var systemd = new SystemdUnits(remote);
            var watched = new List<string>();
            foreach (var unit in units)
            {
                if (!NtfyDropIns.NeedsDropIn(unit)
                    || await systemd.ReadAsync(NtfyDropIns.FileName(unit, name), cancellationToken).ConfigureAwait(false) == NtfyDropIns.Content(name))
                {
                    watched.Add(unit);
                }
            }
            alert = alert with { Units = watched };
        }
        response.State = alert.ToState(Schema.ImpliedType);
    }

    public async Task UpdateAsync(UpdateRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var prior = NtfyAlert.From(request.Prior);
        var alert = NtfyAlert.From(request.Planned);
        var remote = RemoteAttribute.Of(request.Planned, request.ProviderData);
        await RefuseForeignAsync(remote, alert, prior, request.ProviderData, cancellationToken).ConfigureAwait(false);
        await WriteAsync(remote, alert, request.Config, prior, response.Diagnostics, cancellationToken).ConfigureAwait(false);
        response.State = alert.ToState(Schema.ImpliedType);
        if (alert.SendTest && (!prior.SendTest || !alert.SameTargetAs(prior)))
        {
            await SendTestAsync(remote, alert, request.Config, response.Diagnostics, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(DeleteRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var alert = NtfyAlert.From(request.Prior);
        var remote = RemoteAttribute.Of(request.Prior, request.ProviderData);
        // Drop-ins first, then the env file, then the secrets it names: a destroy cut short leaves
        // the env file, so the alert can still be imported (or destroyed again), and never a
        // dangling secret path.
        var systemd = new SystemdUnits(remote);
        if (await OwnDropInsAsync(systemd, alert.Name, NtfyDropIns.For(alert.Name, alert.Units), response.Diagnostics, cancellationToken).ConfigureAwait(false) is { Count: > 0 } own)
        {
            await systemd.RemoveAsync(own, cancellationToken).ConfigureAwait(false);
        }
        await RemoveFilesAsync(remote, alert.Name, cancellationToken).ConfigureAwait(false);
    }

    public Task ImportAsync(ImportRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var registry = HostRegistry.From(request.ProviderData);
        if (!NamedImportId.TryParse(request.Id, registry, n => NtfyValidation.NameRegex().IsMatch(n), "alert name", "phone",
                response.Diagnostics, out var given, out var name))
        {
            return Task.CompletedTask;
        }
        var remote = RemoteAttribute.Imported(given, request.ProviderData);
        response.State = TfValue.Object(request.Type,
        [
            KeyValuePair.Create("id", TfValue.String($"{remote}:{name}")),
            KeyValuePair.Create("name", TfValue.String(name)),
            KeyValuePair.Create("remote", TfValue.String(remote)),
        ]);
        return Task.CompletedTask;
    }

    /// <summary>Secrets, env file, drop-ins (and removal of drop-ins the alert no longer needs).</summary>
    private static async Task WriteAsync(Remote remote, NtfyAlert alert, TfValue config, NtfyAlert? prior, DiagnosticBag diagnostics, CancellationToken ct)
    {
        var sd = remote.StateDir;
        // Secret files before the env file that names them, so the notifier never sees a dangling path.
        if (alert.TokenVersion is not null && config.GetString("token_wo") is { IsKnown: true, Value: not null } token)
        {
            await sd.WriteFileAsync(NtfyEnvFile.TokenPath(alert.Name), token.Value!, secret: true, ct).ConfigureAwait(false);
        }
        if (alert.Username is not null && alert.PasswordFile is null && config.GetString("password_wo") is { IsKnown: true, Value: not null } password)
        {
            await sd.WriteFileAsync(NtfyEnvFile.PasswordPath(alert.Name), password.Value!, secret: true, ct).ConfigureAwait(false);
        }
        await sd.WriteFileAsync(NtfyEnvFile.EnvPath(alert.Name), NtfyEnvFile.Render(alert, sd.PathOf), secret: true, ct).ConfigureAwait(false);
        if (alert.TokenVersion is null)
        {
            await sd.RemoveFileAsync(NtfyEnvFile.TokenPath(alert.Name), ct).ConfigureAwait(false);
        }
        // Only the provider's own secret files; a token_file or password_file is the user's and never touched.
        if (alert.Username is null || alert.PasswordFile is not null)
        {
            await sd.RemoveFileAsync(NtfyEnvFile.PasswordPath(alert.Name), ct).ConfigureAwait(false);
        }

        var systemd = new SystemdUnits(remote);
        var wanted = NtfyDropIns.For(alert.Name, alert.Units);
        var stale = prior is null
            ? []
            : NtfyDropIns.For(prior.Name, prior.Units).ExceptBy(wanted.Select(f => f.Name), f => f.Name, StringComparer.Ordinal).ToList();
        if (await OwnDropInsAsync(systemd, alert.Name, stale, diagnostics, ct).ConfigureAwait(false) is { Count: > 0 } own
            && await systemd.RemoveAsync(own, ct).ConfigureAwait(false) is { } removeWarning)
        {
            diagnostics.AddWarning("OnFailure drop-ins removed but systemd not reloaded", removeWarning);
        }
        if (wanted.Count > 0 && await systemd.InstallAsync(wanted, [], ct).ConfigureAwait(false) is { } warning)
        {
            diagnostics.AddWarning("OnFailure drop-ins written but not loaded", warning, AttrPath.Attribute("units"));
        }
    }

    /// <summary>
    /// Refuses to take over what this alert did not write: on create its env file, and on create
    /// or update every drop-in it would add. Such a file belongs to another workspace (or was made
    /// by hand); overwriting it would redirect that alert, and destroying this one would remove it.
    /// Runs before anything is written, so a refused apply changes nothing on the host.
    /// </summary>
    private static async Task RefuseForeignAsync(Remote remote, NtfyAlert alert, NtfyAlert? prior, object? providerData, CancellationToken ct)
    {
        var importHint = $"To manage it with this resource, remove the file or import it: `terraform import homelab_ntfy_alert.<label> {remote.Name}:{alert.Name}`.";
        if (prior is null && await remote.StateDir.ReadFileAsync(NtfyEnvFile.EnvPath(alert.Name), ct).ConfigureAwait(false) is not null)
        {
            throw AlreadyExists(remote, alert, providerData);
        }
        var had = prior is null ? [] : NtfyDropIns.For(prior.Name, prior.Units).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var systemd = new SystemdUnits(remote);
        foreach (var dropIn in NtfyDropIns.For(alert.Name, alert.Units).Where(f => !had.Contains(f.Name)))
        {
            // On update, a drop-in this alert wrote and someone edited is put back (refresh left its
            // unit out of the state for that); on create nothing may exist yet.
            if (await systemd.ReadAsync(dropIn.Name, ct).ConfigureAwait(false) is { } existing
                && (prior is null || !NtfyDropIns.IsWrittenFor(existing, alert.Name)))
            {
                throw new HostException("OnFailure drop-in already exists",
                    $"{remote.StateDir.PathOf(UnitNames.Directory + "/" + dropIn.Name)} already exists on remote \"{remote.Name}\" but this alert did not write it. Remove the unit from `units`, or remove that file. {importHint}",
                    AttrPath.Attribute("units"));
            }
        }
    }

    /// <summary>
    /// Null when the user's secret file at <paramref name="path"/> may be named by the env file:
    /// outside the state dir (whose files the provider writes and removes: destroy must never
    /// delete the user's file) and present on the host. Only its existence is tested, never its content.
    /// </summary>
    private static async Task<string?> SecretFileProblemAsync(Remote remote, string path, CancellationToken ct)
    {
        var root = remote.StateDir.Root.TrimEnd('/');
        if (path == root || path.StartsWith(root + "/", StringComparison.Ordinal))
        {
            return $"{path} is inside the state dir {root} of remote \"{remote.Name}\", whose files the provider writes and removes. Keep the secret elsewhere, e.g. under /run/secrets (sops-nix) or /run/agenix (agenix).";
        }
        var result = await remote.Connection.RunAsync(new HostCommand(["/bin/sh", "-c", "[ -f \"$1\" ] && echo yes || echo no", "sh", path]), ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new HostException("Cannot check the secret file", $"Testing whether {path} exists on remote \"{remote.Name}\" failed: {result.Describe()}");
        }
        return result.Stdout.Trim() == "yes"
            ? null
            : $"{path} does not exist on remote \"{remote.Name}\" (or is not a regular file the provider's user can see). Deploy it first (sops-nix, agenix or `nixos-anywhere --extra-files`), or fix the path.";
    }

    private static DiagnosticException AlreadyExists(Remote remote, NtfyAlert alert, object? providerData) =>
        Ownership.AlreadyExists("homelab_ntfy_alert", "ntfy alert", remote.StateDir.PathOf(NtfyEnvFile.EnvPath(alert.Name)), alert.Name, remote.Name, providerData);

    private static async Task CleanUpFailedCreateAsync(Remote remote, NtfyAlert alert, DiagnosticBag diagnostics)
    {
        try
        {
            var systemd = new SystemdUnits(remote);
            var own = await OwnDropInsAsync(systemd, alert.Name, NtfyDropIns.For(alert.Name, alert.Units), new DiagnosticBag(), CancellationToken.None).ConfigureAwait(false);
            if (own.Count > 0)
            {
                await systemd.RemoveAsync(own, CancellationToken.None).ConfigureAwait(false);
            }
            await RemoveFilesAsync(remote, alert.Name, CancellationToken.None).ConfigureAwait(false);
        }
        catch (HostException ex)
        {
            diagnostics.AddWarning("Cleanup after a failed create", ex.Message);
        }
    }

    /// <summary>The alert's own files in the state dir (env file first, then its secrets); drop-ins are separate.</summary>
    private static async Task RemoveFilesAsync(Remote remote, string name, CancellationToken ct)
    {
        await remote.StateDir.RemoveFileAsync(NtfyEnvFile.EnvPath(name), ct).ConfigureAwait(false);
        await remote.StateDir.RemoveFileAsync(NtfyEnvFile.TokenPath(name), ct).ConfigureAwait(false);
        await remote.StateDir.RemoveFileAsync(NtfyEnvFile.PasswordPath(name), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The drop-ins among <paramref name="files"/> that this alert wrote (<see cref="NtfyDropIns.IsWrittenFor"/>);
    /// a file of that name made by hand is left in place with a warning.
    /// </summary>
    private static async Task<List<string>> OwnDropInsAsync(SystemdUnits systemd, string alertName, IReadOnlyList<UnitFile> files, DiagnosticBag diagnostics, CancellationToken ct)
    {
        var own = new List<string>();
        foreach (var file in files)
        {
            var content = await systemd.ReadAsync(file.Name, ct).ConfigureAwait(false);
            if (content is not null && NtfyDropIns.IsWrittenFor(content, alertName))
            {
                own.Add(file.Name);
            }
            else if (content is not null)
            {
                diagnostics.AddWarning("Drop-in left in place",
                    $"units/{file.Name} in the state dir was not written by this alert, so it is not removed. Delete it by hand if it is no longer wanted.",
                    AttrPath.Attribute("units"));
            }
        }
        return own;
    }

    /// <summary>
    /// Publishes the test message. When it fails, the env file records <c>send_test=false</c>: the
    /// next refresh then reads <c>send_test = false</c>, so the next plan proposes an update that
    /// sends the test again (terraform keeps the state of a failed update, which alone would make
    /// the failure disappear from the next plan). The alert itself stays configured.
    /// </summary>
    private static async Task SendTestAsync(Remote remote, NtfyAlert alert, TfValue config, DiagnosticBag diagnostics, CancellationToken ct)
    {
        var token = alert.TokenVersion is null ? null : config.GetString("token_wo").OrNull();
        var password = alert.Username is null || alert.PasswordFile is not null ? null : config.GetString("password_wo").OrNull();
        if (await NtfyPublisher.SendTestAsync(remote, alert, token, password, ct).ConfigureAwait(false) is { } problem)
        {
            diagnostics.AddError("Test message not delivered", problem + " The next plan retries it.", AttrPath.Attribute("send_test"));
            var sd = remote.StateDir;
            await sd.WriteFileAsync(NtfyEnvFile.EnvPath(alert.Name), NtfyEnvFile.Render(alert with { SendTest = false }, sd.PathOf), secret: true, ct).ConfigureAwait(false);
        }
    }
}
