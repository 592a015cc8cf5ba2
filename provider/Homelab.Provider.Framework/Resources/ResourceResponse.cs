using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>What a resource call answers: the new state, private bytes, diagnostics.</summary>
public sealed class ResourceResponse
{
    /// <summary>
    /// The object as it now is, of the resource's schema type and wholly known. Null means: after
    /// read, the object is gone (the client drops it from state); after import, nothing matches;
    /// after create or update, nothing usable was made (without an error the framework reports a
    /// provider bug). Ignored by delete.
    /// </summary>
    public TfValue? State { get; set; }

    /// <summary>Opaque bytes the client stores beside the state and hands back on the next call.</summary>
    public byte[]? Private { get; set; }

    /// <summary>Errors and warnings for the client; an error fails the call. A <see cref="DiagnosticException"/> thrown by the call lands here.</summary>
    public DiagnosticBag Diagnostics { get; } = new();
}
