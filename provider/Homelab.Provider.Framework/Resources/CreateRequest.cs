using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>
/// Create: <see cref="Planned"/> is what the plan promised (unknowns are computed values to fill
/// in); <see cref="Private"/> holds the bytes the plan (ModifyPlan) set, if any.
/// </summary>
public sealed record CreateRequest(TfValue Planned, TfValue Config, object? ProviderData, byte[]? Private = null);
