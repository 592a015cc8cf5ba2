using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;
using Homelab.Provider.Units;

namespace Homelab.Provider.Syncoid;

/// <summary>
/// <c>homelab_syncoid_job</c>: a syncoid service + timer through <see cref="SystemdUnits"/>. The unit
/// texts are planned from configuration (with the host's tool paths), and Read recovers the job
/// from the files, so hand edits and removed files show up in the plan.
/// </summary>
internal sealed partial class SyncoidJobResource : IResource, IValidateResourceConfig, IModifyPlan, IImportState
{
    public string TypeName => "homelab_syncoid_job";

    public ResourceSchema Schema => SyncoidJobSchema.Schema;

    public void ValidateConfig(TfValue config, DiagnosticBag diagnostics)
    {
        var recursive = config.GetBool("recursive");
        if (config.GetBool("skip_parent") is { IsKnown: true, Value: true } && recursive is not { IsKnown: true, Value: true } && !recursive.IsUnknown)
        {
            diagnostics.AddError("skip_parent without recursive", "syncoid ignores `--skip-parent` unless `--recursive` is given. Set `recursive = true`, or remove `skip_parent`.", AttrPath.Attribute("skip_parent"));
        }
        if (config.GetBool("create_bookmark") is { IsKnown: true, Value: true } && config.GetBool("sync_snapshot") is { IsKnown: true, Value: true } or { IsNull: true })
        {
            diagnostics.AddError("create_bookmark needs sync_snapshot = false", "syncoid only creates bookmarks together with `--no-sync-snap`. Set `sync_snapshot = false`.", AttrPath.Attribute("create_bookmark"));
        }
        if (config.GetBool("keep_sync_snapshot") is { IsKnown: true, Value: true } && config.GetBool("sync_snapshot") is { IsKnown: true, Value: false })
        {
            diagnostics.AddWarning("keep_sync_snapshot has no effect", "With `sync_snapshot = false` syncoid takes no sync snapshots to keep.", AttrPath.Attribute("keep_sync_snapshot"));
        }
        if (!config["exclude_datasets"].IsNull && config.GetBool("recursive") is { IsKnown: true, Value: false } or { IsNull: true })
        {
            diagnostics.AddWarning("exclude_datasets has no effect", "Exclusions only apply to the children `recursive = true` replicates.", AttrPath.Attribute("exclude_datasets"));
        }
        var user = config.GetString("user");
        if (user.IsKnown && Hardening.IsNonRoot(user.Value) && config.GetBool("privilege_elevation") is { IsKnown: true, Value: true })
        {
            diagnostics.AddError("privilege_elevation with a non-root user", "A job with a non-root `user` runs syncoid with `--no-privilege-elevation` and delegated `zfs allow` permissions (its unit cannot gain privileges through sudo). Remove `privilege_elevation`, or the `user`.", AttrPath.Attribute("privilege_elevation"));
        }
        var source = config.GetString("source");
        var target = config.GetString("target");
        if (source.IsKnown && target.IsKnown && source.Value == target.Value)
        {
            diagnostics.AddError("Source and target are the same", "Replicate into another dataset, ideally on another pool or machine.", AttrPath.Attribute("target"));
        }
    }

    public async Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        if (request.Config is null || response.Planned is not { } planned)
        {
            return;
        }
        var name = planned.GetString("name");
        if (name.IsKnown && UnitNames.IsValidName(name.Value!))
        {
            planned = planned.With("unit_name", TfValue.String(UnitNames.For("syncoid", name.Value!) + ".service"));
            response.Planned = planned;
        }
        if (RemoteAttribute.Plan(request, response) is not { } remote)
        {
            return;
        }
        planned = response.Planned!;
        var user = planned.GetString("user");
        if (user.IsKnown && Hardening.IsNonRoot(user.Value) && request.Config.GetBool("privilege_elevation").IsNull)
        {
            // A non-root job never elevates (see ValidateConfig): the default follows the user.
            planned = planned.With("privilege_elevation", TfValue.False);
        }
        if (user.IsKnown && await JobUser.ProblemAsync(remote, user.Value!, cancellationToken).ConfigureAwait(false) is { } missing)
        {
            response.Diagnostics.AddError("No such user", missing, AttrPath.Attribute("user"));
        }
        var schedule = planned.GetString("schedule");
        if (schedule.IsKnown && await Calendar.ValidateAsync(remote, schedule.Value!, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            response.Diagnostics.AddError("Invalid schedule", $"systemd does not accept `OnCalendar={Validators.Printable(schedule.Value!)}`: {problem} See systemd.time(7), e.g. `*:0/30`, `hourly`, `Mon..Fri 02:00`.", AttrPath.Attribute("schedule"));
        }
        if (SyncoidJobModel.From(planned) is not { } job)
        {
            return;
        }
        if (request.Prior is null && await new SystemdUnits(remote).ReadAsync(job.UnitName + ".service", cancellationToken).ConfigureAwait(false) is not null)
        {
            response.Diagnostics.Add(Exists(remote, job.Name, request.ProviderData).ToDiagnostic());
        }
        var host = await SyncoidHost.ForAsync(remote, cancellationToken).ConfigureAwait(false);
        foreach (var flag in SyncoidArgs.Flags(job).Where(f => !host.Supports(f)))
        {
            response.Diagnostics.AddError("syncoid does not support this option",
                $"The host's syncoid ({host.SyncoidPath} on remote \"{remote.Name}\") does not list `{flag}` in `syncoid --help`; it would refuse to run. Upgrade syncoid on the host or drop the option.");
        }
        foreach (var problemText in await SyncoidHost.TargetProblemsAsync(remote, job, cancellationToken).ConfigureAwait(false))
        {
            response.Diagnostics.AddError("Target not allowed", problemText, AttrPath.Attribute("target"));
        }
        response.Planned = planned
            .With("service_content", TfValue.String(SyncoidUnitFiles.Service(job, host.SyncoidPath, host.SearchPath, host.ZfsMountsInProcess)))
            .With("timer_content", TfValue.String(SyncoidUnitFiles.Timer(job)));
    }

    public Task CreateAsync(CreateRequest request, ResourceResponse response, CancellationToken cancellationToken) =>
        WriteAsync(request.Planned, request.ProviderData, create: true, response, cancellationToken);

    public Task UpdateAsync(UpdateRequest request, ResourceResponse response, CancellationToken cancellationToken) =>
        WriteAsync(request.Planned, request.ProviderData, create: false, response, cancellationToken);

    public async Task ReadAsync(ReadRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var name = request.State.GetString("name").Get();
        var remote = RemoteAttribute.Of(request.State, request.ProviderData);
        var units = new SystemdUnits(remote);
        var unit = UnitNames.For("syncoid", name);
        var service = await units.ReadAsync(unit + ".service", cancellationToken).ConfigureAwait(false);
        var timer = await units.ReadAsync(unit + ".timer", cancellationToken).ConfigureAwait(false);
        if (service is null || SyncoidUnitFiles.Parse(name, service, timer) is not { } job)
        {
            response.State = null;
            return;
        }
        response.State = SyncoidJobModel.ToValue(job, remote.Name, service, timer ?? "", request.State);
    }

    public async Task DeleteAsync(DeleteRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var name = request.Prior.GetString("name").Get();
        var units = new SystemdUnits(RemoteAttribute.Of(request.Prior, request.ProviderData));
        var unit = UnitNames.For("syncoid", name);
        if (await units.RemoveAsync([unit + ".timer", unit + ".service"], cancellationToken).ConfigureAwait(false) is { } warning)
        {
            response.Diagnostics.AddWarning("systemd is not running", warning);
        }
    }

    public Task ImportAsync(ImportRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        if (!NamedImportId.TryParse(request.Id, HostRegistry.From(request.ProviderData), UnitNames.IsValidName, "job name", "replica",
                response.Diagnostics, out var remote, out var name))
        {
            return Task.CompletedTask;
        }
        response.State = TfValue.Object(Schema.ImpliedType, Schema.Block.Attributes.Select(a => KeyValuePair.Create(a.Name,
            a.Name switch
            {
                "name" => TfValue.String(name),
                "remote" => TfValue.String(RemoteAttribute.Imported(remote, request.ProviderData)),
                _ => TfValue.Null(a.Type),
            })));
        return Task.CompletedTask;
    }

    private static DiagnosticException Exists(Remote remote, string name, object? providerData) =>
        Ownership.AlreadyExists("homelab_syncoid_job", "Syncoid job", $"{remote.StateDir.PathOf(UnitNames.Directory)}/{UnitNames.For("syncoid", name)}.service", name, remote.Name, providerData);

    private static async Task WriteAsync(TfValue planned, object? providerData, bool create, ResourceResponse response, CancellationToken ct)
    {
        var job = SyncoidJobModel.From(planned)
            ?? throw new InvalidOperationException("Apply got an unknown value.");
        var remote = RemoteAttribute.Of(planned, providerData);
        var host = await SyncoidHost.ForAsync(remote, ct).ConfigureAwait(false);
        var (local, dataset) = SyncoidValues.Split(job.Source);
        if (local && !await SyncoidHost.ExistsAsync(remote, dataset, ct).ConfigureAwait(false))
        {
            response.Diagnostics.AddError("Source dataset not found", $"{dataset} does not exist on remote \"{remote.Name}\". Create it first (reference a homelab_zfs_dataset's `name` so it is created before the job).", AttrPath.Attribute("source"));
            return;
        }
        var service = SyncoidUnitFiles.Service(job, host.SyncoidPath, host.SearchPath, host.ZfsMountsInProcess);
        var timer = SyncoidUnitFiles.Timer(job);
        var units = new SystemdUnits(remote);
        var warning = await units.InstallAsync(
            [new UnitFile(job.UnitName + ".service", service), new UnitFile(job.UnitName + ".timer", timer)],
            [job.UnitName + ".timer"], ct, create ? () => Exists(remote, job.Name, providerData) : null).ConfigureAwait(false);
        if (warning is not null)
        {
            response.Diagnostics.AddWarning("systemd is not running", warning);
        }
        response.State = planned
            .With("unit_name", TfValue.String(job.UnitName + ".service"))
            .With("service_content", TfValue.String(service))
            .With("timer_content", TfValue.String(timer));
    }
}
