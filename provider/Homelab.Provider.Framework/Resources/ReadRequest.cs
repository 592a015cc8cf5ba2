using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>Refresh: <see cref="State"/> is what the client stored; <see cref="Private"/> its private bytes.</summary>
public sealed record ReadRequest(TfValue State, byte[]? Private, object? ProviderData);
