using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>The plan being built. <see cref="Planned"/> is null for a destroy.</summary>
public sealed class ModifyPlanResponse
{
    public TfValue? Planned { get; set; }

    public HashSet<AttrPath> RequiresReplace { get; } = [];

    public byte[]? PlannedPrivate { get; set; }

    public DiagnosticBag Diagnostics { get; } = new();
}
