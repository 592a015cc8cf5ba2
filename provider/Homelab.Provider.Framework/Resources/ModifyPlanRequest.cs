using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>
/// Plan adjustment. <see cref="Prior"/> is null for a create; <see cref="Config"/> is null for a destroy.
/// </summary>
public sealed record ModifyPlanRequest(TfValue? Prior, TfValue? Config, byte[]? PriorPrivate, object? ProviderData);
