using System.Text.RegularExpressions;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests;

/// <summary>
/// The framework is a reusable SDK: nothing in its sources may know about the homelab provider.
/// Its assembly/namespace name (<c>Homelab.Provider.Framework</c>) and <c>namespace</c>/<c>using</c>
/// lines are the only places the word may appear.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed partial class FrameworkBoundaryTests
{
    private const string AssemblyName = "Homelab.Provider.Framework";

    [Fact]
    public void The_framework_sources_say_nothing_homelab_specific()
    {
        var root = RepositoryRoot.Combine("provider", AssemblyName);
        var files = SourceFiles(root).ToList();
        Assert.Contains(files, f => f.EndsWith("PluginHost.cs", StringComparison.Ordinal));

        var offending = (
            from file in files
            from line in File.ReadLines(file).Select((text, index) => (Text: text, Number: index + 1))
            where Mentions(line.Text)
            select $"{Path.GetRelativePath(root, file)}:{line.Number}: {line.Text.Trim()}").ToList();

        Assert.True(offending.Count == 0,
            "Homelab-specific text in the framework (pass it in through PluginHostOptions or the provider instead):\n"
            + string.Join('\n', offending));
    }

    [Theory]
    [InlineData("namespace Homelab.Provider.Framework.Hosting;", false)]
    [InlineData("using Homelab.Provider.Framework.Values;", false)]
    [InlineData("global using Homelab.Provider.Framework.Values;", false)]
    [InlineData("option csharp_namespace = \"Homelab.Provider.Framework.Protocol\";", false)]
    [InlineData("<InternalsVisibleTo Include=\"Homelab.Provider.Framework.Tests\" />", false)]
    [InlineData("var x = \"plugin\";", false)]
    [InlineData("json.WriteString(\"@module\", \"homelab\");", true)]
    [InlineData("\"HOMELAB_PLUGIN_TRANSPORT\"", true)]
    [InlineData("O=Homelab.Providers", true)]
    [InlineData("see Homelab.Provider.Framework and homelab_x", true)]
    [InlineData("using var x = Homelab();", true)]
    public void What_counts_as_a_mention(string line, bool mentions)
    {
        Assert.Equal(mentions, Mentions(line));
    }

    private static bool Mentions(string line)
    {
        if (NamespaceOrUsing().IsMatch(line))
        {
            return false;
        }
        return line.Replace(AssemblyName, "", StringComparison.Ordinal).Contains("homelab", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every file under the project but build output (obj/, bin/).</summary>
    private static IEnumerable<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"));

    /// <summary>A C# <c>namespace</c> or <c>using</c> directive naming a Homelab.Provider.Framework namespace.</summary>
    [GeneratedRegex(@"\A\s*(global\s+)?(namespace|using)\s+(static\s+)?(\w+\s*=\s*)?Homelab\.Provider\.Framework(\.\w+)*\s*;?\s*\z")]
    private static partial Regex NamespaceOrUsing();
}
