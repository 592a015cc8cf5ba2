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

    /// <summary>
    /// Checks <paramref name="value"/> and reports each problem with
    /// <see cref="DiagnosticBag.AddError"/> on <paramref name="path"/>, so the client points at the
    /// attribute. Report rather than throw: an exception ends the rest of the configuration's validation.
    /// </summary>
    /// <param name="value">The configured value: known and not null (a collection may still contain unknown elements).</param>
    /// <param name="path">Where the value is, e.g. <c>rules[0].port</c>; pass it to the diagnostics.</param>
    /// <param name="diagnostics">The diagnostics of the validate call.</param>
    void Validate(TfValue value, AttrPath path, DiagnosticBag diagnostics);
}
