using System.Text;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Zfs;

/// <summary>
/// <c>homelab_zfs_dataset</c>: create/set/inherit/rename/destroy of one ZFS filesystem or volume.
/// State is always derived from a fresh host read (<see cref="ZfsDatasetModel.Sync"/>).
/// </summary>
internal sealed partial class ZfsDatasetResource : IResource, IValidateResourceConfig, IModifyPlan, IImportState
{
    private static readonly byte[] ImportMarker = "homelab:import"u8.ToArray();

    public string TypeName => "homelab_zfs_dataset";

    public ResourceSchema Schema => ZfsDatasetSchema.Schema;

    public void ValidateConfig(TfValue config, DiagnosticBag diagnostics)
    {
        var type = config.GetString("type");
        var volsize = config["volsize"];
        var sparse = config.GetBool("sparse");
        var isVolume = type.IsKnown && type.Value == "volume";
        if (isVolume && volsize.IsNull)
        {
            diagnostics.AddError("Missing volume size", "A volume needs `volsize`, e.g. `volsize = \"10G\"`.", AttrPath.Attribute("volsize"));
        }
        if (!isVolume && (type.IsKnown || type.IsNull))
        {
            if (!volsize.IsNull)
            {
                diagnostics.AddError("volsize on a filesystem", "`volsize` applies to volumes only. Set `type = \"volume\"`, or limit a filesystem with `properties = { quota = \"10G\" }`.", AttrPath.Attribute("volsize"));
            }
            if (sparse.IsKnown && sparse.Value)
            {
                diagnostics.AddError("sparse on a filesystem", "`sparse` applies to volumes only; remove it or set `type = \"volume\"`.", AttrPath.Attribute("sparse"));
            }
        }
    }

    public async Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        var remote = RemoteAttribute.Plan(request, response);
        if (response.Planned is not { } planned)
        {
            return;
        }
        var name = planned.GetString("name");
        var commands = remote is null ? null : ZfsCommands.For(remote);
        if (request.Prior is not { } prior)
        {
            if (commands is not null && name.IsKnown)
            {
                await CheckNewNameAsync(commands, name.Value!, response.Diagnostics, cancellationToken).ConfigureAwait(false);
            }
            return;
        }
        var priorName = prior.GetString("name").Get();
        if (name.IsKnown && DatasetName.Pool(priorName) != DatasetName.Pool(name.Value!))
        {
            response.RequiresReplace.Add(AttrPath.Attribute("name"));
        }
        else if (commands is not null && name.IsKnown && priorName != name.Value && RemoteAttribute.NameIn(prior, request.ProviderData) == remote!.Name)
        {
            await CheckNewNameAsync(commands, name.Value!, response.Diagnostics, cancellationToken).ConfigureAwait(false);
            await CheckMovableAsync(commands, priorName, response.Diagnostics, cancellationToken).ConfigureAwait(false);
        }
        await PlanCreationOnlyAsync(commands, priorName, prior, planned, response, cancellationToken).ConfigureAwait(false);
        await DataLossGuard.CheckAsync(request, response, prior, planned, cancellationToken).ConfigureAwait(false);
    }

    public async Task CreateAsync(CreateRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var m = ZfsDatasetModel.From(request.Planned);
        var commands = ZfsCommands.For(RemoteAttribute.Of(request.Planned, request.ProviderData));
        if (await commands.Placement.CreateProblemAsync(m.Name, requireParent: true, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            response.Diagnostics.AddError("Dataset not allowed here", problem, AttrPath.Attribute("name"));
            return;
        }
        var props = new List<KeyValuePair<string, string>>(m.Properties ?? new Dictionary<string, string>());
        if (m.Description is { } description)
        {
            props.Add(KeyValuePair.Create(ZfsProperties.DescriptionKey, description));
        }
        await commands.CreateAsync(m.Name, m.Type, m.Volsize, m.Sparse, props, cancellationToken).ConfigureAwait(false);
        response.State = await AppliedStateAsync(commands, m, response.Diagnostics, cancellationToken).ConfigureAwait(false);
    }

    public async Task ReadAsync(ReadRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var m = ZfsDatasetModel.From(request.State);
        var importing = request.Private is { } p && p.AsSpan().SequenceEqual(ImportMarker);
        var remote = RemoteAttribute.Of(request.State, request.ProviderData);
        var info = await ZfsReader.For(remote).ReadAsync(m.Name, cancellationToken).ConfigureAwait(false);
        response.State = info is null ? null : (m.Sync(info, importing) with { Remote = remote.Name }).ToValue();
        if (importing)
        {
            response.Private = [];
        }
    }

    public async Task UpdateAsync(UpdateRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var prior = ZfsDatasetModel.From(request.Prior);
        var m = ZfsDatasetModel.From(request.Planned);
        var commands = ZfsCommands.For(RemoteAttribute.Of(request.Planned, request.ProviderData));
        if (prior.Name != m.Name)
        {
            if (await commands.Placement.CreateProblemAsync(m.Name, requireParent: true, cancellationToken).ConfigureAwait(false) is { } problem)
            {
                response.Diagnostics.AddError("Dataset not allowed here", problem, AttrPath.Attribute("name"));
                return;
            }
            if (!await CheckMovableAsync(commands, prior.Name, response.Diagnostics, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
            await commands.RenameAsync(prior.Name, m.Name, cancellationToken).ConfigureAwait(false);
        }
        var before = prior.Properties ?? new Dictionary<string, string>();
        var after = m.Properties ?? new Dictionary<string, string>();
        foreach (var (key, value) in after)
        {
            if (!ZfsProperties.CreationOnly.Contains(key) && (!before.TryGetValue(key, out var old) || old != value))
            {
                await commands.SetAsync(m.Name, key, value, cancellationToken).ConfigureAwait(false);
            }
        }
        foreach (var key in before.Keys.Where(k => !after.ContainsKey(k) && !ZfsProperties.CreationOnly.Contains(k)))
        {
            await commands.ResetAsync(m.Name, key, cancellationToken).ConfigureAwait(false);
        }
        if (prior.Description != m.Description)
        {
            await (m.Description is null
                ? commands.ResetAsync(m.Name, ZfsProperties.DescriptionKey, cancellationToken)
                : commands.SetAsync(m.Name, ZfsProperties.DescriptionKey, m.Description, cancellationToken)).ConfigureAwait(false);
        }
        if (m.Type == "volume" && m.Volsize is not null && prior.Volsize != m.Volsize)
        {
            await commands.SetAsync(m.Name, "volsize", m.Volsize, cancellationToken).ConfigureAwait(false);
        }
        response.State = await AppliedStateAsync(commands, m, response.Diagnostics, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(DeleteRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var m = ZfsDatasetModel.From(request.Prior);
        var commands = ZfsCommands.For(RemoteAttribute.Of(request.Prior, request.ProviderData));
        if (await commands.Placement.ContentsAsync(m.Name, cancellationToken).ConfigureAwait(false) is not { } contents)
        {
            return;
        }
        if (contents.IncusProblem is { } incus)
        {
            response.Diagnostics.AddError("Refusing to destroy an Incus-owned dataset",
                $"{incus} Nothing was destroyed. The provider never destroys what Incus owns, even with `force_destroy = true`: remove it with Incus, or, if Incus no longer uses it, clear the mark first (`zfs inherit {ZfsProperties.OwnerKey} <dataset>`, or drop it from the remote's `incus_datasets`).");
            return;
        }
        var dependents = contents.Dependents;
        if (dependents.Count > 0 && !m.ForceDestroy)
        {
            response.Diagnostics.AddError("Refusing to destroy a dataset that is not empty",
                $"{m.Name} has {dependents.Count} child dataset(s) or snapshot(s): {DatasetContents.Shown(dependents)}. Nothing was destroyed. Remove them first, or set `force_destroy = true` and apply it before destroying, to destroy them along with it (`zfs destroy -r`).");
            return;
        }
        await commands.DestroyAsync(m.Name, recursive: dependents.Count > 0, cancellationToken).ConfigureAwait(false);
    }

    public Task ImportAsync(ImportRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var registry = HostRegistry.From(request.ProviderData);
        var (remote, name) = ImportId.Parse(request.Id, registry.Contains);
        if (DatasetName.Check(name) is { } problem)
        {
            response.Diagnostics.AddError("Invalid import id", $"{problem} The id is `[<remote>:]<dataset name>`, e.g. `tank/media` or `atlas:tank/media`.");
            return Task.CompletedTask;
        }
        response.State = new ZfsDatasetModel { Name = name, Remote = RemoteAttribute.Imported(remote, request.ProviderData) }.ToValue();
        response.Private = ImportMarker;
        return Task.CompletedTask;
    }

    /// <summary>
    /// A new name must lie outside Incus-owned datasets. (Whether it is free cannot be decided
    /// here: the create half of a replacement is planned while the old dataset still exists.)
    /// </summary>
    private static async Task CheckNewNameAsync(ZfsCommands commands, string name, DiagnosticBag diagnostics, CancellationToken ct)
    {
        if (await commands.Placement.CreateProblemAsync(name, requireParent: false, ct).ConfigureAwait(false) is { } problem)
        {
            diagnostics.AddError("Dataset not allowed here", problem, AttrPath.Attribute("name"));
        }
    }

    /// <summary>A rename moves the whole subtree: refused when Incus owns the dataset or anything in it.</summary>
    private static async Task<bool> CheckMovableAsync(ZfsCommands commands, string name, DiagnosticBag diagnostics, CancellationToken ct)
    {
        if (await commands.Placement.ContentsAsync(name, ct).ConfigureAwait(false) is { IncusProblem: { } incus })
        {
            diagnostics.AddError("Refusing to move an Incus-owned dataset",
                $"Renaming would move it: {incus} Incus keeps track of its datasets by name; leave the name as it is, or rename it with Incus.",
                AttrPath.Attribute("name"));
            return false;
        }
        return true;
    }

    /// <summary>
    /// A changed creation-only property forces replacement, unless the host already has the new
    /// value (e.g. a key added after import that only states the current value). Removing such a
    /// key only stops tracking it. Without a reachable remote (settings known only after apply) a
    /// changed key is taken as a replacement.
    /// </summary>
    private static async Task PlanCreationOnlyAsync(ZfsCommands? commands, string priorName, TfValue prior, TfValue planned, ModifyPlanResponse response, CancellationToken ct)
    {
        var before = prior.GetStringMap("properties").OrNull() ?? new Dictionary<string, string>();
        var after = planned.GetStringMap("properties");
        if (!after.IsKnown && !after.IsNull)
        {
            return;
        }
        DatasetInfo? host = null;
        foreach (var (key, value) in after.Value ?? new Dictionary<string, string>())
        {
            if (!ZfsProperties.CreationOnly.Contains(key) || (before.TryGetValue(key, out var old) && old == value))
            {
                continue;
            }
            host ??= commands is null ? null : await commands.Reader.ReadAsync(priorName, ct).ConfigureAwait(false);
            if (host is null || ZfsDatasetModel.TrackedValue(host, key, value) != value)
            {
                response.RequiresReplace.Add(AttrPath.Attribute("properties").Key(key));
            }
        }
    }

    /// <summary>
    /// After a write: the planned values (so apply returns exactly what was planned) plus the
    /// computed ones from a fresh read. A value the host stores differently warns, since the next
    /// refresh will show it as a change.
    /// </summary>
    private static async Task<TfValue?> AppliedStateAsync(ZfsCommands commands, ZfsDatasetModel planned, DiagnosticBag diagnostics, CancellationToken ct)
    {
        // Exactly what Sync keeps of a written dataset: the configured keys and the description.
        var info = await commands.Reader.ReadFreshAsync(planned.Name, [ZfsProperties.DescriptionKey, .. (planned.Properties ?? new Dictionary<string, string>()).Keys], ct).ConfigureAwait(false);
        if (info is null)
        {
            diagnostics.AddError("Dataset vanished", $"{planned.Name} was written but cannot be read back. Check the host (`zfs list {planned.Name}`).");
            return null;
        }
        var synced = planned.Sync(info, importing: false);
        var different = new StringBuilder();
        foreach (var (key, value) in planned.Properties ?? new Dictionary<string, string>())
        {
            var stored = synced.Properties?.GetValueOrDefault(key);
            if (stored != value)
            {
                different.Append($" `{key}`: configured \"{value}\", host has \"{stored ?? "(not set locally)"}\".");
            }
        }
        if (different.Length > 0)
        {
            diagnostics.AddWarning("The host normalised some property values",
                $"ZFS stored some values of {planned.Name} differently than written, so the next plan will show them as changes:{different} Write them the way the host stores them.");
        }
        return (planned with { Guid = synced.Guid, Creation = synced.Creation }).ToValue();
    }
}
