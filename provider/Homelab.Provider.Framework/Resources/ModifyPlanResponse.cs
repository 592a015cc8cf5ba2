using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>The plan being built. <see cref="Planned"/> is null for a destroy.</summary>
public sealed class ModifyPlanResponse
{
    /// <summary>
    /// The planned state, set to the default plan on entry: configured values as configured,
    /// unconfigured computed attributes at their default, their prior value, or unknown (to be filled
    /// in by create or update). Mark a value unknown when apply will change it; keep configured
    /// values as they are. Must not be null for a create or update; ignored for a destroy.
    /// </summary>
    public TfValue? Planned { get; set; }

    /// <summary>
    /// Attribute paths whose change forces a replacement (delete and create) instead of an update;
    /// holds the changed replace-forcing attributes on entry. Add or remove paths; unused for a destroy.
    /// </summary>
    public HashSet<AttrPath> RequiresReplace { get; } = [];

    /// <summary>
    /// Opaque bytes carried to the apply (<see cref="CreateRequest.Private"/>,
    /// <see cref="UpdateRequest.Private"/>, <see cref="DeleteRequest.Private"/>); the prior private
    /// bytes on entry. Null keeps the prior bytes; for a destroy the prior bytes are always kept.
    /// </summary>
    public byte[]? PlannedPrivate { get; set; }

    /// <summary>Errors and warnings for the client; an error fails the plan. A <see cref="DiagnosticException"/> thrown by the modifier lands here.</summary>
    public DiagnosticBag Diagnostics { get; } = new();
}
