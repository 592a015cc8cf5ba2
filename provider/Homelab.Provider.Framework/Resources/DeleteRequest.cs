using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>Destroy <see cref="Prior"/>.</summary>
public sealed record DeleteRequest(TfValue Prior, byte[]? Private, object? ProviderData);
