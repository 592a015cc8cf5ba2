using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;

namespace Homelab.Provider.Kit;

/// <summary>
/// The identity every resource of this provider has (docs/design/resource-anatomy.md): the
/// <c>remote</c> the object lives on and its <c>name</c> there, the two parts of its import id
/// <c>[&lt;remote&gt;:]&lt;name&gt;</c>. <c>remote</c> is optional for import, like the id's
/// prefix (the provider's <c>default_remote</c>); a stored identity always records it.
/// </summary>
internal static class RemoteNameIdentity
{
    public const string NameAttribute = "name";

    /// <summary>The identity schema; <paramref name="what"/> names the object, e.g. "the dataset".</summary>
    public static IdentitySchema Schema(string what, string nameDescription) => new(0,
    [
        new IdentityAttribute(RemoteAttribute.Name, TfType.String,
            $"Name of the provider `remote` that holds {what}. Default for import: the provider's `default_remote`.") { OptionalForImport = true },
        new IdentityAttribute(NameAttribute, TfType.String, nameDescription) { RequiredForImport = true },
    ]);

    /// <summary>
    /// The identity of <paramref name="state"/>: its <c>remote</c> (a legacy null is the default
    /// remote, as everywhere; unknown stays unknown in a plan) and its <c>name</c>.
    /// </summary>
    public static TfValue Of(IdentitySchema schema, TfValue state, object? providerData) => TfValue.Object(schema.ImpliedType,
    [
        KeyValuePair.Create(RemoteAttribute.Name, RemoteOf(state, providerData)),
        KeyValuePair.Create(NameAttribute, state[NameAttribute]),
    ]);

    /// <summary>The <c>remote</c> part of an identity of <paramref name="state"/>: a legacy null is the default remote; unknown stays unknown.</summary>
    public static TfValue RemoteOf(TfValue state, object? providerData) =>
        state[RemoteAttribute.Name] is { IsNull: true } ? TfValue.String(HostRegistry.From(providerData).DefaultRemote) : state[RemoteAttribute.Name];

    /// <summary>
    /// The import id <c>&lt;remote&gt;:&lt;name&gt;</c> of an identity, always with the remote
    /// (so a dataset name holding <c>:</c> is never read as a remote prefix); null with an error
    /// when the remote is not configured.
    /// </summary>
    public static string? ImportIdOf(TfValue identity, object? providerData, DiagnosticBag diagnostics) =>
        ImportRemote(identity, providerData, diagnostics) is { } remote ? $"{remote}:{identity.GetString(NameAttribute).Get()}" : null;

    /// <summary>
    /// The remote an identity names (its <c>remote</c>, else the default remote); null with an
    /// error on <c>remote</c> when that remote is not configured.
    /// </summary>
    public static string? ImportRemote(TfValue identity, object? providerData, DiagnosticBag diagnostics)
    {
        var registry = HostRegistry.From(providerData);
        var remote = identity.GetString(RemoteAttribute.Name).OrNull() ?? registry.DefaultRemote;
        if (!registry.Contains(remote))
        {
            diagnostics.AddError("Invalid import identity", registry.UnknownRemoteDetail(remote), AttrPath.Attribute(RemoteAttribute.Name));
            return null;
        }
        return remote;
    }
}

/// <summary>
/// A resource whose identity is <see cref="RemoteNameIdentity"/>: it declares only its
/// <see cref="IResourceIdentity.IdentitySchema"/> (from <see cref="RemoteNameIdentity.Schema"/>);
/// the identity of a state and the import id of an identity come from here.
/// </summary>
internal interface IRemoteNameIdentity : IResourceIdentity
{
    TfValue IResourceIdentity.IdentityOf(TfValue state, object? providerData) => RemoteNameIdentity.Of(IdentitySchema, state, providerData);

    string? IResourceIdentity.ImportIdOf(TfValue identity, object? providerData, DiagnosticBag diagnostics) =>
        RemoteNameIdentity.ImportIdOf(identity, providerData, diagnostics);
}
