using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Sanoid;

/// <summary>
/// <c>homelab_sanoid_policy</c>: a template + module sections in <c>&lt;state&gt;/sanoid/sanoid.conf</c>.
/// State is always what the file holds (<see cref="SanoidConf.ParseBlock"/>); <c>rendered</c> is
/// planned from configuration, so any difference in the file shows up in the plan.
/// </summary>
internal sealed partial class SanoidPolicyResource : IResource, IValidateResourceConfig, IModifyPlan, IImportState
{
    public string TypeName => "homelab_sanoid_policy";

    public ResourceSchema Schema => SanoidPolicySchema.Schema;

    public void ValidateConfig(TfValue config, DiagnosticBag diagnostics) => SanoidPolicyRules.Check(config, diagnostics);

    public async Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        var remote = RemoteAttribute.Plan(request, response);
        if (response.Planned is not { } planned || SanoidPolicyModel.From(planned) is not { } policy)
        {
            return;
        }
        response.Planned = planned.With("rendered", TfValue.String(SanoidConf.RenderBlock(policy)));
        if (remote is null)
        {
            return;
        }
        if (request.Prior is null)
        {
            var store = SanoidConfigStore.For(remote);
            if (SanoidConf.FindBlock(await store.ReadAsync(cancellationToken).ConfigureAwait(false), policy.Name) is not null)
            {
                response.Diagnostics.Add(Exists(store, policy.Name, remote.Name, request.ProviderData).ToDiagnostic());
            }
        }
        await CheckKeysAsync(remote, policy, response.Diagnostics, cancellationToken).ConfigureAwait(false);
        foreach (var problem in await SanoidDatasets.ProblemsAsync(remote, policy, requireExist: false, cancellationToken).ConfigureAwait(false))
        {
            response.Diagnostics.AddError("Dataset not allowed in a sanoid policy", problem, AttrPath.Attribute("datasets"));
        }
    }

    public Task CreateAsync(CreateRequest request, ResourceResponse response, CancellationToken cancellationToken) =>
        WriteAsync(request.Planned, request.ProviderData, create: true, response, cancellationToken);

    public Task UpdateAsync(UpdateRequest request, ResourceResponse response, CancellationToken cancellationToken) =>
        WriteAsync(request.Planned, request.ProviderData, create: false, response, cancellationToken);

    public async Task ReadAsync(ReadRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var name = request.State.GetString("name").Get();
        var remote = RemoteAttribute.Of(request.State, request.ProviderData);
        var content = await SanoidConfigStore.For(remote).ReadAsync(cancellationToken).ConfigureAwait(false);
        var block = SanoidConf.FindBlock(content, name);
        var policy = block is null ? null : SanoidConf.ParseBlock(name, block);
        response.State = policy is null ? null : SanoidPolicyModel.ToValue(policy, remote.Name, block!, request.State);
    }

    public async Task DeleteAsync(DeleteRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var name = request.Prior.GetString("name").Get();
        var remote = RemoteAttribute.Of(request.Prior, request.ProviderData);
        // Removes this policy's block only; sections outside it (hand-written, other policies) stay.
        await SanoidConfigStore.For(remote).UpdateAsync(name, null, [], null, cancellationToken).ConfigureAwait(false);
    }

    public Task ImportAsync(ImportRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        if (!NamedImportId.TryParse(request.Id, HostRegistry.From(request.ProviderData), n => SanoidKeys.PolicyName().IsMatch(n), "policy name", "persistent",
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

    private static async Task WriteAsync(TfValue planned, object? providerData, bool create, ResourceResponse response, CancellationToken ct)
    {
        var policy = SanoidPolicyModel.From(planned) ?? throw new InvalidOperationException("Apply got an unknown value.");
        var remote = RemoteAttribute.Of(planned, providerData);
        await CheckKeysAsync(remote, policy, response.Diagnostics, ct).ConfigureAwait(false);
        foreach (var problem in await SanoidDatasets.ProblemsAsync(remote, policy, requireExist: true, ct).ConfigureAwait(false))
        {
            response.Diagnostics.AddError("Dataset not allowed in a sanoid policy", problem, AttrPath.Attribute("datasets"));
        }
        if (response.Diagnostics.HasErrors)
        {
            return;
        }
        var block = SanoidConf.RenderBlock(policy);
        var store = SanoidConfigStore.For(remote);
        await store.UpdateAsync(policy.Name, block, policy.Datasets, create ? () => Exists(store, policy.Name, remote.Name, providerData) : null, ct).ConfigureAwait(false);
        response.State = planned.With("rendered", TfValue.String(block));
    }

    private static DiagnosticException Exists(SanoidConfigStore store, string name, string remote, object? providerData) =>
        Ownership.AlreadyExists("homelab_sanoid_policy", "Sanoid policy", $"block `# BEGIN homelab_sanoid_policy {name}` in {store.HostPath}", name, remote, providerData);

    /// <summary>Every key must be one the host's sanoid knows (it refuses to start otherwise).</summary>
    private static async Task CheckKeysAsync(Remote remote, SanoidPolicy policy, DiagnosticBag diagnostics, CancellationToken ct)
    {
        var defaults = SanoidDefaults.For(remote);
        var known = await defaults.KeysAsync(ct).ConfigureAwait(false);
        var written = policy.TemplateKeys.Keys.Concat(["use_template"])
            .Concat(policy.Recursive is null ? [] : ["recursive"])
            .Concat(policy.SkipChildren is null ? [] : ["skip_children"]);
        foreach (var key in written.Where(k => !known.Contains(k)))
        {
            var path = SanoidKeys.IsDedicated(key) ? AttrPath.Attribute(key)
                : SanoidKeys.IsThreshold(key) ? AttrPath.Attribute("monitor_thresholds").Key(key)
                : AttrPath.Attribute("settings").Key(key);
            diagnostics.AddError("Unknown sanoid setting",
                $"The host's sanoid does not know `{key}` ({await defaults.PathAsync(ct).ConfigureAwait(false)} on remote \"{remote.Name}\" does not list it), and sanoid refuses to start on a key it does not know. Check the spelling against that file, or upgrade sanoid on the host.",
                path);
        }
    }
}
