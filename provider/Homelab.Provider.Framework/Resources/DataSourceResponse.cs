using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>What a data source read answers: the state, or null with an error.</summary>
public sealed class DataSourceResponse
{
    /// <summary>
    /// The full object of the data source's schema type: configured values as given (the client
    /// requires it), every value known and no write-only value (the framework checks these). Ignored when
    /// <see cref="Diagnostics"/> holds an error.
    /// </summary>
    public TfValue? State { get; set; }

    /// <summary>Errors and warnings for the client; an error fails the read. A <see cref="DiagnosticException"/> thrown by the read lands here.</summary>
    public DiagnosticBag Diagnostics { get; } = new();
}
