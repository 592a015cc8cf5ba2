namespace Homelab.Provider.Tests.Restic;

/// <summary>HCL string literals for hostile test values.</summary>
internal static class Hcl
{
    public static string Str(string s) =>
        "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("${", "$${", StringComparison.Ordinal)
            .Replace("%{", "%%{", StringComparison.Ordinal) + "\"";

    public static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Str)) + "]";
}
