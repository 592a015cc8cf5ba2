using System.Text.RegularExpressions;

namespace Homelab.Testing;

/// <summary>
/// Terraform wraps diagnostics to the terminal width and frames them with <c>│</c>: tests compare
/// its output with whitespace runs collapsed to one space.
/// </summary>
public static partial class TerraformText
{
    /// <summary><paramref name="text"/> with every whitespace run collapsed to one space.</summary>
    public static string Flat(string text) => WhiteSpace().Replace(text, " ");

    /// <summary>Like <see cref="Flat"/>, and the diagnostic frame's <c>│</c> counts as whitespace too.</summary>
    public static string FlatUnframed(string text) => WhiteSpaceOrFrame().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"[\s│]+")]
    private static partial Regex WhiteSpaceOrFrame();
}
