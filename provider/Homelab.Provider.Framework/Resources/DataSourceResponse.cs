using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>What a data source read answers: the state, or null with an error.</summary>
public sealed class DataSourceResponse
{
    public TfValue? State { get; set; }

    public DiagnosticBag Diagnostics { get; } = new();
}
