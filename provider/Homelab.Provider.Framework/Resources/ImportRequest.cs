using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>
/// Import: <see cref="Id"/> as the user wrote it (or, for an import by identity, the id
/// <see cref="IResourceIdentity.ImportIdOf"/> made of <see cref="Identity"/>); answer with an object of <see cref="Type"/>.
/// </summary>
public sealed record ImportRequest(string Id, TfType Type, object? ProviderData)
{
    /// <summary>The identity the user gave in <c>import { identity = … }</c>; null for an import by id.</summary>
    public TfValue? Identity { get; init; }
}
