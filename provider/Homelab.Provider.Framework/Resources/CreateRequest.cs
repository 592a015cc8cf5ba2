using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>Create: <see cref="Planned"/> is what the plan promised (unknowns are computed values to fill in).</summary>
public sealed record CreateRequest(TfValue Planned, TfValue Config, object? ProviderData);
