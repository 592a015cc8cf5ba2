using System.Text;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Framework.Values.Codec;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;
using Homelab.Provider.Units;

namespace Homelab.Provider.Restic;

/// <summary>
/// <c>homelab_restic_job</c>: writes the job's files and units, initialises and verifies the
/// repository. The host is the source of truth: <c>job.json</c> holds the non-secret settings, so
/// refresh and import rebuild the state from it and compare every other file and unit with what
/// those settings render (<see cref="ResticJobSync"/>).
/// </summary>
internal sealed partial class ResticJobResource : IResource, IValidateResourceConfig, IModifyPlan, IImportState
{
    public string TypeName => "homelab_restic_job";

    public ResourceSchema Schema => ResticJobSchema.Schema;

    public void ValidateConfig(TfValue config, DiagnosticBag diagnostics)
    {
        Exclusive(config, "password_wo", "password_file", required: true, diagnostics);
        Exclusive(config, "environment_wo", "environment_file", required: false, diagnostics);
        Versioned(config, "password_wo", diagnostics);
        Versioned(config, "environment_wo", diagnostics);
        var user = config.GetString("user");
        if (config.GetBool("read_all") is { IsKnown: true, Value: true } && (user.IsNull || user is { IsKnown: true } && !Hardening.IsNonRoot(user.Value)))
        {
            diagnostics.AddError("read_all needs a non-root user", "`read_all` keeps `CAP_DAC_READ_SEARCH` for a job that runs as a non-root `user`; root reads every file anyway. Set `user`, or remove `read_all`.", AttrPath.Attribute("read_all"));
        }
        var repository = config.GetString("repository");
        if (repository.IsKnown && config.GetString("hardening").ValueOr(Hardening.Strict) != Hardening.Off
            && ResticUnits.LocalRepositoryPath(repository.Value!) is { } local && Hardening.PathProblem(local) is { } problem)
        {
            // The location is sensitive: never echo it.
            diagnostics.AddError("Repository path cannot be made writable", problem + " Move the repository, or set `hardening = \"off\"`.", AttrPath.Attribute("repository"));
        }
        var retention = config["retention"];
        if (retention.IsKnown && retention.Entries.Where(kv => kv.Key.StartsWith("keep_", StringComparison.Ordinal)).All(kv => kv.Value.IsNull))
        {
            diagnostics.AddError("Retention without a policy", "Set at least one of keep_last, keep_hourly, keep_daily, keep_weekly, keep_monthly, keep_yearly or keep_within, or remove `retention` to keep every snapshot.", AttrPath.Attribute("retention"));
        }
    }

    public async Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        if (request.Config is null || response.Planned is not { } planned)
        {
            return;
        }
        var remote = RemoteAttribute.Plan(request, response);
        planned = response.Planned!;
        var name = planned.GetString("name");
        planned = planned
            .With("in_sync", TfValue.True)
            .With("unit_name", name.IsKnown ? TfValue.String(ResticUnits.BackupUnit(name.Value!) + ".service") : TfValue.Unknown(TfType.String));
        if (request.Prior is { } prior && RepositoryMayChange(prior, planned))
        {
            planned = planned.With("repository_id", TfValue.Unknown(TfType.String));
        }
        response.Planned = planned;

        // Calendars are checked by the host's own systemd (docs/design/units.md): at plan time,
        // because validation runs before the provider (and its remotes) is configured.
        var calendars = new List<(TfValue Value, AttrPath Path)> { (planned["schedule"], AttrPath.Attribute("schedule")) };
        if (planned["retention"].IsKnown)
        {
            calendars.Add((planned["retention"]["schedule"], AttrPath.Attribute("retention").Attr("schedule")));
        }
        if (planned["check"].IsKnown)
        {
            calendars.Add((planned["check"]["schedule"], AttrPath.Attribute("check").Attr("schedule")));
        }
        if (remote is null)
        {
            return;
        }
        if (planned.GetString("user") is { IsKnown: true } user && await JobUser.ProblemAsync(remote, user.Value!, cancellationToken).ConfigureAwait(false) is { } missing)
        {
            response.Diagnostics.AddError("No such user", missing, AttrPath.Attribute("user"));
        }
        foreach (var (value, path) in calendars.Where(c => c.Value.IsKnown))
        {
            if (await Calendar.ValidateAsync(remote, value.AsString(), cancellationToken).ConfigureAwait(false) is { } problem)
            {
                response.Diagnostics.AddError("Invalid schedule", $"\"{Validators.Printable(value.AsString())}\" is not a systemd calendar expression (see systemd.time(7), e.g. `daily`, `*-*-* 03:15`, `Mon..Fri 22:00`): {problem}", path);
            }
        }
    }

    public async Task CreateAsync(CreateRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var job = ResticJob.From(request.Planned);
        var sync = ResticJobSync.For(RemoteAttribute.Of(request.Planned, request.ProviderData), job);
        if (await sync.ReadManifestAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            throw Ownership.AlreadyExists(TypeName, "Restic job", sync.ManifestHostPath, job.Name, RemoteAttribute.NameIn(request.Planned, request.ProviderData), request.ProviderData);
        }
        var created = false;
        try
        {
            response.State = await sync.ApplyAsync(request.Planned, request.Config, response.Diagnostics, cancellationToken).ConfigureAwait(false);
            created = response.State is not null;
        }
        finally
        {
            if (!created)
            {
                // Leave nothing behind, least of all a secret file, for a job that does not exist.
                try
                {
                    await sync.RemoveAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (HostException ex)
                {
                    response.Diagnostics.AddWarning("Cleanup after a failed create", ex.Message);
                }
            }
        }
    }

    public async Task ReadAsync(ReadRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var name = request.State.GetString("name").Get();
        var remote = RemoteAttribute.Of(request.State, request.ProviderData);
        response.State = await ResticJobSync.ReadAsync(remote, name, remote.Name, Schema.ImpliedType, response.Diagnostics, cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateAsync(UpdateRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var job = ResticJob.From(request.Planned);
        var sync = ResticJobSync.For(RemoteAttribute.Of(request.Planned, request.ProviderData), job);
        response.State = await sync.ApplyAsync(request.Planned, request.Config, response.Diagnostics, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(DeleteRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var job = ResticJob.From(request.Prior);
        var sync = ResticJobSync.For(RemoteAttribute.Of(request.Prior, request.ProviderData), job);
        if (await sync.RemoveAsync(cancellationToken).ConfigureAwait(false) is { } warning)
        {
            response.Diagnostics.AddWarning("Units removed without systemd", warning);
        }
    }

    public Task ImportAsync(ImportRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        if (!NamedImportId.TryParse(request.Id, HostRegistry.From(request.ProviderData), UnitNames.IsValidName, "job name", "offsite",
                response.Diagnostics, out var remote, out var name))
        {
            return Task.CompletedTask;
        }
        response.State = TfValue.Object(request.Type,
        [
            KeyValuePair.Create("name", TfValue.String(name)),
            KeyValuePair.Create("remote", TfValue.String(RemoteAttribute.Imported(remote, request.ProviderData))),
        ]);
        return Task.CompletedTask;
    }

    /// <summary>The id is re-read when anything that decides which repository is opened, and how, changes.</summary>
    private static bool RepositoryMayChange(TfValue prior, TfValue planned) =>
        !prior["in_sync"].Equals(TfValue.True)
        || new[] { "repository", "password_wo_version", "password_file", "environment_wo_version", "environment_file", "options", "initialize" }
            .Any(a => !prior[a].Equals(planned[a]));

    private static void Exclusive(TfValue config, string inline, string file, bool required, DiagnosticBag diagnostics)
    {
        var a = config[inline];
        var b = config[file];
        if (!a.IsNull && !b.IsNull)
        {
            diagnostics.AddError($"Both {inline} and {file}", $"Set either `{inline}` (written to the host by the provider) or `{file}` (a file already on the host), not both.", AttrPath.Attribute(file));
        }
        else if (required && a.IsNull && b.IsNull)
        {
            diagnostics.AddError("Missing repository password", $"Set `{inline}` (with `{inline}_version`; needs Terraform/OpenTofu >= 1.11) or `{file}` (the path of a file on the host).", AttrPath.Attribute(inline));
        }
    }

    private static void Versioned(TfValue config, string inline, DiagnosticBag diagnostics)
    {
        var value = config[inline];
        var version = config[inline + "_version"];
        if (!value.IsNull && version.IsNull)
        {
            diagnostics.AddError($"Missing {inline}_version", $"Set `{inline}_version` (e.g. `1`) together with `{inline}`; bump it to write a new value to the host.", AttrPath.Attribute(inline + "_version"));
        }
        else if (value.IsNull && !version.IsNull)
        {
            diagnostics.AddError($"{inline}_version without {inline}", $"`{inline}_version` versions the write-only `{inline}`; set `{inline}` too, or remove the version.", AttrPath.Attribute(inline + "_version"));
        }
    }
}
