using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>Update in place from <see cref="Prior"/> to <see cref="Planned"/>.</summary>
public sealed record UpdateRequest(TfValue Prior, TfValue Planned, TfValue Config, byte[]? Private, object? ProviderData);
