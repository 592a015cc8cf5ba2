using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Schema;

/// <summary>
/// Checks one known, non-null configuration value. Runs at validate time (and again at plan time),
/// so bad input is reported before any command runs.
/// </summary>
public interface IValueValidator
{
    /// <summary>A Markdown sentence for the docs, e.g. "Must be one of `filesystem`, `volume`."; null when nothing to say.</summary>
    string? Description { get; }

    void Validate(TfValue value, AttrPath path, DiagnosticBag diagnostics);
}
