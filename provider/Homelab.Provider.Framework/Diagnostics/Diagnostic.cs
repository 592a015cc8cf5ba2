namespace Homelab.Provider.Framework.Diagnostics;

/// <summary>A problem to report to the user: summary line, a detail that says how to fix it, and where.</summary>
public sealed record Diagnostic(Severity Severity, string Summary, string Detail, AttrPath? Path = null)
{
    /// <summary>One line for logs and test failures: <c>Error: summary (at path): detail</c>; the <c>(at …)</c> part only when <see cref="Path"/> is set.</summary>
    /// <returns>The rendered diagnostic.</returns>
    public override string ToString() =>
        $"{Severity}: {Summary}{(Path is null ? "" : $" (at {Path})")}: {Detail}";
}
