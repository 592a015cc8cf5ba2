using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>Create: <see cref="Planned"/> is what the plan promised (unknowns are computed values to fill in).</summary>
public sealed record CreateRequest(TfValue Planned, TfValue Config, object? ProviderData);

/// <summary>Update in place from <see cref="Prior"/> to <see cref="Planned"/>.</summary>
public sealed record UpdateRequest(TfValue Prior, TfValue Planned, TfValue Config, byte[]? Private, object? ProviderData);

public sealed record ReadRequest(TfValue State, byte[]? Private, object? ProviderData);

public sealed record DeleteRequest(TfValue Prior, byte[]? Private, object? ProviderData);

public sealed record ImportRequest(string Id, TfType Type, object? ProviderData);

/// <summary>
/// Plan adjustment. <see cref="Prior"/> is null for a create; <see cref="Config"/> is null for a destroy.
/// </summary>
public sealed record ModifyPlanRequest(TfValue? Prior, TfValue? Config, byte[]? PriorPrivate, object? ProviderData);

/// <summary>What a resource call answers: the new state, private bytes, diagnostics.</summary>
public sealed class ResourceResponse
{
    public TfValue? State { get; set; }

    /// <summary>Opaque bytes the client stores beside the state and hands back on the next call.</summary>
    public byte[]? Private { get; set; }

    public DiagnosticBag Diagnostics { get; } = new();
}

/// <summary>The plan being built. <see cref="Planned"/> is null for a destroy.</summary>
public sealed class ModifyPlanResponse
{
    public TfValue? Planned { get; set; }

    public HashSet<AttrPath> RequiresReplace { get; } = [];

    public byte[]? PlannedPrivate { get; set; }

    public DiagnosticBag Diagnostics { get; } = new();
}
