using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Zfs;

/// <summary>
/// <c>homelab_zfs_delegation</c>: <c>zfs allow</c> of a permission set for a user, a group or
/// everyone on a dataset. The host is the source of truth: state holds the requested permissions
/// actually held; <c>preexisting_*</c> record what the who held before this resource granted
/// anything, and <see cref="DelegationPlanner"/> never unallows those.
/// </summary>
internal sealed partial class DelegationResource : IResource, IValidateResourceConfig, IModifyPlan, IImportState
{
    public string TypeName => "homelab_zfs_delegation";

    public ResourceSchema Schema => DelegationSchema.Schema;

    public void ValidateConfig(TfValue config, DiagnosticBag diagnostics)
    {
        var user = config["user"];
        var group = config["group"];
        var everyone = config["everyone"];
        if (!user.IsUnknown && !group.IsUnknown && !everyone.IsUnknown)
        {
            var count = (user.IsNull ? 0 : 1) + (group.IsNull ? 0 : 1) + (everyone.IsKnown && everyone.AsBool() ? 1 : 0);
            if (count != 1)
            {
                diagnostics.AddError("Whom to grant to",
                    count == 0
                        ? "Set exactly one of `user`, `group` or `everyone = true`: the permissions need someone to be granted to."
                        : "Set exactly one of `user`, `group` or `everyone = true`; one delegation grants to one who (use one resource per user or group).",
                    AttrPath.Attribute(user.IsNull ? group.IsNull ? "everyone" : "group" : "user"));
            }
        }
        if (config["local"] is { IsKnown: true } local && !local.AsBool() && config["descendants"] is { IsKnown: true } descendants && !descendants.AsBool())
        {
            diagnostics.AddError("Empty scope", "`local = false` with `descendants = false` grants nothing. Leave one of them (or both, the default) true.", AttrPath.Attribute("descendants"));
        }
    }

    public async Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        var remote = RemoteAttribute.Plan(request, response);
        if (response.Planned is not { } planned || DelegationModel.From(planned) is not { } delegation)
        {
            return;
        }
        response.Planned = planned.With("id", TfValue.String(delegation.Id));
        if (remote is null)
        {
            return;
        }
        var known = await DelegationCommands.For(remote).PermissionsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var unknown in delegation.Permissions.Where(p => !known.Contains(p)).Order(StringComparer.Ordinal))
        {
            response.Diagnostics.AddError("Unknown ZFS permission",
                $"The zfs on remote \"{remote.Name}\" does not know the permission `{unknown}` (`zfs allow -h` lists the ones it has, e.g. `send`, `hold`, `snapshot`, `mount`). Check the spelling, or upgrade ZFS on the host.",
                AttrPath.Attribute("permissions"));
        }
        foreach (var problem in await PlacementProblemsAsync(remote, delegation, requireExist: false, cancellationToken).ConfigureAwait(false))
        {
            response.Diagnostics.AddError("Dataset not allowed for delegation", problem, AttrPath.Attribute("dataset"));
        }
    }

    public async Task CreateAsync(CreateRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var delegation = DelegationModel.From(request.Planned) ?? throw new InvalidOperationException("Apply got an unknown value.");
        var remote = RemoteAttribute.Of(request.Planned, request.ProviderData);
        if (!await CheckPlacementAsync(remote, delegation, response.Diagnostics, cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        var commands = DelegationCommands.For(remote);
        var present = await ReadExistingAsync(commands, remote, delegation.Dataset, cancellationToken).ConfigureAwait(false);
        var (preexisting, allow) = DelegationPlanner.Grant(delegation.Permissions, delegation.Scope, present.GrantsOf(delegation.Who));
        await commands.ApplyAsync(delegation.Dataset, delegation.Who, allow, unallow: false, cancellationToken).ConfigureAwait(false);
        response.Private = DelegationModel.EncodeGranted(DelegationGrants.Of(allow));
        await ReadBackAsync(commands, remote, request.Planned, delegation, preexisting, response, cancellationToken).ConfigureAwait(false);
    }

    public async Task ReadAsync(ReadRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var state = request.State;
        var remote = RemoteAttribute.Of(state, request.ProviderData);
        var imported = state["permissions"].IsNull;
        var delegation = DelegationModel.From(state) ?? throw new InvalidOperationException("The state names no dataset or who.");
        var listing = await DelegationCommands.For(remote).ReadAsync(delegation.Dataset, cancellationToken).ConfigureAwait(false);
        if (listing is null)
        {
            response.State = null;
            return;
        }
        var grants = listing.GrantsOf(delegation.Who);
        if (imported)
        {
            // Import: everything the who holds in this scope, all of it pre-existing (never unallowed).
            var all = grants.Local.Concat(grants.Descendants).Where(p => !p.StartsWith('@')).Distinct(StringComparer.Ordinal);
            var held = DelegationPlanner.Held(all, delegation.Scope, grants);
            response.State = DelegationModel.ToState(state, delegation, remote.Name, held, grants.Within(held, delegation.Scope));
            return;
        }
        response.State = DelegationModel.ToState(state, delegation, remote.Name,
            DelegationPlanner.Held(delegation.Permissions, delegation.Scope, grants), DelegationModel.Preexisting(state));
    }

    public async Task UpdateAsync(UpdateRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var delegation = DelegationModel.From(request.Planned) ?? throw new InvalidOperationException("Apply got an unknown value.");
        var before = DelegationModel.From(request.Prior)?.Permissions ?? new HashSet<string>(StringComparer.Ordinal);
        var remote = RemoteAttribute.Of(request.Prior, request.ProviderData);
        if (!await CheckPlacementAsync(remote, delegation, response.Diagnostics, cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        var commands = DelegationCommands.For(remote);
        var present = await ReadExistingAsync(commands, remote, delegation.Dataset, cancellationToken).ConfigureAwait(false);
        var granted = DelegationModel.DecodeGranted(request.Private);
        var (preexisting, allow, unallow) = DelegationPlanner.Update(before, delegation.Permissions, delegation.Scope,
            DelegationModel.Preexisting(request.Prior), granted, present.GrantsOf(delegation.Who));
        await commands.ApplyAsync(delegation.Dataset, delegation.Who, unallow, unallow: true, cancellationToken).ConfigureAwait(false);
        await commands.ApplyAsync(delegation.Dataset, delegation.Who, allow, unallow: false, cancellationToken).ConfigureAwait(false);
        response.Private = DelegationModel.EncodeGranted(granted.Union(DelegationGrants.Of(allow)).Except(DelegationGrants.Of(unallow))
            .Within(delegation.Permissions, delegation.Scope).Except(preexisting));
        await ReadBackAsync(commands, remote, request.Planned, delegation, preexisting, response, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(DeleteRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var delegation = DelegationModel.From(request.Prior) ?? throw new InvalidOperationException("The state names no dataset or who.");
        var remote = RemoteAttribute.Of(request.Prior, request.ProviderData);
        var commands = DelegationCommands.For(remote);
        if (await commands.ReadAsync(delegation.Dataset, cancellationToken).ConfigureAwait(false) is not { } listing)
        {
            return; // the dataset is gone, and its delegations with it
        }
        var revoke = DelegationPlanner.Revoke(delegation.Permissions, delegation.Scope, DelegationModel.Preexisting(request.Prior), listing.GrantsOf(delegation.Who));
        await commands.ApplyAsync(delegation.Dataset, delegation.Who, revoke, unallow: true, cancellationToken).ConfigureAwait(false);
    }

    public Task ImportAsync(ImportRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var registry = HostRegistry.From(request.ProviderData);
        if (DelegationImportId.Parse(request.Id, registry.Contains) is not var (remote, dataset, who, scope))
        {
            response.Diagnostics.AddError("Invalid import id", $"\"{Validators.Printable(request.Id)}\" is not a valid id. {DelegationImportId.Grammar}");
            return Task.CompletedTask;
        }
        var delegation = new Delegation(dataset, who, scope, new HashSet<string>(StringComparer.Ordinal));
        response.State = TfValue.Object(Schema.ImpliedType, Schema.Block.Attributes.Select(a => KeyValuePair.Create(a.Name,
            a.Name switch
            {
                "dataset" => TfValue.String(dataset),
                "remote" => TfValue.String(RemoteAttribute.Imported(remote, request.ProviderData)),
                "user" => who.Kind == DelegationWhoKind.User ? TfValue.String(who.Name!) : TfValue.Null(TfType.String),
                "group" => who.Kind == DelegationWhoKind.Group ? TfValue.String(who.Name!) : TfValue.Null(TfType.String),
                "everyone" => who.Kind == DelegationWhoKind.Everyone ? TfValue.Bool(true) : TfValue.Null(TfType.Bool),
                "local" => TfValue.Bool(scope.Local),
                "descendants" => TfValue.Bool(scope.Descendants),
                "id" => TfValue.String(delegation.Id),
                _ => TfValue.Null(a.Type),
            })));
        return Task.CompletedTask;
    }

    /// <summary>Through <see cref="DatasetPlacement"/>: not Incus-owned (nor containing Incus-owned datasets when granting to descendants), and existing when <paramref name="requireExist"/>.</summary>
    private static async Task<IReadOnlyList<string>> PlacementProblemsAsync(Remote remote, Delegation delegation, bool requireExist, CancellationToken ct)
    {
        var check = await new DatasetPlacement(remote, AttrPath.Attribute("dataset")).ManageCheckAsync([delegation.Dataset], delegation.Scope.Descendants, ct).ConfigureAwait(false);
        var problems = check.Problems.Select(p => p + " Incus manages permissions on its own datasets; delegate on datasets outside them.").ToList();
        if (requireExist)
        {
            problems.AddRange(check.Missing.Select(m => $"{m} does not exist on remote \"{remote.Name}\". Create it first (e.g. a homelab_zfs_dataset whose `name` this delegation references, so it is created before)."));
        }
        return problems;
    }

    private static async Task<bool> CheckPlacementAsync(Remote remote, Delegation delegation, DiagnosticBag diagnostics, CancellationToken ct)
    {
        foreach (var problem in await PlacementProblemsAsync(remote, delegation, requireExist: true, ct).ConfigureAwait(false))
        {
            diagnostics.AddError("Dataset not allowed for delegation", problem, AttrPath.Attribute("dataset"));
        }
        return !diagnostics.HasErrors;
    }

    private static async Task<DatasetDelegations> ReadExistingAsync(DelegationCommands commands, Remote remote, string dataset, CancellationToken ct) =>
        await commands.ReadAsync(dataset, ct).ConfigureAwait(false)
            ?? throw new HostException("Dataset not found", $"{dataset} does not exist on remote \"{remote.Name}\".", AttrPath.Attribute("dataset"));

    /// <summary>Returns the state read back from the host; a requested permission zfs did not grant is an error, not a silent diff.</summary>
    private static async Task ReadBackAsync(DelegationCommands commands, Remote remote, TfValue planned, Delegation delegation, DelegationGrants preexisting, ResourceResponse response, CancellationToken ct)
    {
        var after = await ReadExistingAsync(commands, remote, delegation.Dataset, ct).ConfigureAwait(false);
        var held = DelegationPlanner.Held(delegation.Permissions, delegation.Scope, after.GrantsOf(delegation.Who));
        response.State = DelegationModel.ToState(planned, delegation, remote.Name, held, preexisting);
        var missing = delegation.Permissions.Where(p => !held.Contains(p)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            response.Diagnostics.AddError("Permissions not granted",
                $"`zfs allow` succeeded on remote \"{remote.Name}\", but `zfs allow {delegation.Dataset}` does not list {string.Join(", ", missing.Select(m => $"`{m}`"))} for {delegation.Who} afterwards.",
                AttrPath.Attribute("permissions"));
        }
    }
}
