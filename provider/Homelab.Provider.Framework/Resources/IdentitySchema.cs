using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>
/// One attribute of a resource identity. Exactly one of <see cref="RequiredForImport"/> and
/// <see cref="OptionalForImport"/> is set: an <c>import { identity = { … } }</c> block must give
/// the first and may give the second (the provider fills it in, e.g. a default).
/// </summary>
public sealed record IdentityAttribute(string Name, TfType Type, string Description)
{
    /// <summary>An <c>import { identity = … }</c> must give this attribute, non-null; every identity needs at least one.</summary>
    public bool RequiredForImport { get; init; }

    /// <summary>An <c>import { identity = … }</c> may leave this attribute null; <see cref="IResourceIdentity.ImportIdOf"/> then decides.</summary>
    public bool OptionalForImport { get; init; }
}

/// <summary>
/// The identity schema of a resource type (protocol 6.9, Terraform 1.12+, OpenTofu 1.12+): a flat
/// object that names the remote object, versioned separately from the resource schema.
/// </summary>
public sealed record IdentitySchema(long Version, IReadOnlyList<IdentityAttribute> Attributes)
{
    /// <summary>The object type identity values are encoded against.</summary>
    public TfType ImpliedType { get; } = TfType.Object(Attributes.Select(a => KeyValuePair.Create(a.Name, a.Type)));
}
