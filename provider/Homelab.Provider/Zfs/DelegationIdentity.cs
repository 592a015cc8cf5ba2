using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Zfs;

/// <summary>
/// The identity of <c>homelab_zfs_delegation</c>: the parts of its import id — <c>remote</c>
/// (optional for import), <c>dataset</c>, <c>who</c> (<c>user:NAME</c>, <c>group:NAME</c> or
/// <c>everyone</c>) and <c>scope</c> (<c>local</c>, <c>descendants</c>, or null for both).
/// </summary>
internal sealed partial class DelegationResource : IResourceIdentity
{
    private static readonly IdentitySchema Identity = new(0,
    [
        new IdentityAttribute(RemoteAttribute.Name, TfType.String,
            "Name of the provider `remote` that holds the dataset. Default for import: the provider's `default_remote`.") { OptionalForImport = true },
        new IdentityAttribute("dataset", TfType.String, "Full dataset name, e.g. `tank/backup`.") { RequiredForImport = true },
        new IdentityAttribute("who", TfType.String, "`user:<name>`, `group:<name>` or `everyone`.") { RequiredForImport = true },
        new IdentityAttribute("scope", TfType.String, "`local` or `descendants` when only one applies; null for both.") { OptionalForImport = true },
    ]);

    public IdentitySchema IdentitySchema => Identity;

    public TfValue IdentityOf(TfValue state, object? providerData)
    {
        // The same who and scope the model reads (a null scope flag is its default, true).
        var who = DelegationModel.Who(state) is { } w ? TfValue.String(w.Id) : TfValue.Unknown(TfType.String);
        var suffix = DelegationModel.Scope(state).IdSuffix;
        var scope = state["local"].IsUnknown || state["descendants"].IsUnknown ? TfValue.Unknown(TfType.String)
            : suffix.Length == 0 ? TfValue.Null(TfType.String)
            : TfValue.String(suffix[1..]);
        return TfValue.Object(Identity.ImpliedType,
        [
            KeyValuePair.Create(RemoteAttribute.Name, RemoteNameIdentity.RemoteOf(state, providerData)),
            KeyValuePair.Create("dataset", state["dataset"]),
            KeyValuePair.Create("who", who),
            KeyValuePair.Create("scope", scope),
        ]);
    }

    public string? ImportIdOf(TfValue identity, object? providerData, DiagnosticBag diagnostics)
    {
        if (RemoteNameIdentity.ImportRemote(identity, providerData, diagnostics) is not { } remote)
        {
            return null;
        }
        var scope = identity.GetString("scope").OrNull();
        if (scope is not (null or "local" or "descendants"))
        {
            diagnostics.AddError("Invalid import identity", $"`scope` is \"{scope}\"; use `local`, `descendants`, or leave it unset for both.", AttrPath.Attribute("scope"));
            return null;
        }
        return $"{remote}:{identity.GetString("dataset").Get()}:{identity.GetString("who").Get()}{(scope is null ? "" : ":" + scope)}";
    }
}
