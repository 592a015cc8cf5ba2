using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>What a resource call answers: the new state, private bytes, diagnostics.</summary>
public sealed class ResourceResponse
{
    public TfValue? State { get; set; }

    /// <summary>Opaque bytes the client stores beside the state and hands back on the next call.</summary>
    public byte[]? Private { get; set; }

    public DiagnosticBag Diagnostics { get; } = new();
}
