using System.Text;

namespace Homelab.Provider.Docs;

/// <summary>
/// The <c>## Import</c> section: the written id grammar (the resource description's paragraph
/// starting "Import id:", else the house default), the CLI form from import.sh, and the same
/// import as an <c>import {}</c> block.
/// </summary>
internal static class ImportSection
{
    public const string GrammarPrefix = "Import id:";

    /// <summary>The house grammar (docs/design/plugin-protocol.md: import ids of the form <c>[&lt;remote&gt;:]&lt;id&gt;</c>).</summary>
    public const string DefaultGrammar = "Import id: `[<remote>:]<name>`: the object's name, optionally prefixed by the name of a configured provider `remote` and a colon.";

    /// <summary>Splits the description into the text for the top of the page and the grammar paragraph.</summary>
    public static (string Description, string? Grammar) SplitGrammar(string description)
    {
        var paragraphs = Markdown.Paragraphs(description);
        var grammar = paragraphs.FirstOrDefault(p => p.StartsWith(GrammarPrefix, StringComparison.Ordinal));
        return grammar is null
            ? (Markdown.NormalizeBlock(description), null)
            : (string.Join("\n\n", paragraphs.Where(p => !ReferenceEquals(p, grammar))), grammar);
    }

    public static string Render(string typeName, string? grammar, string? script)
    {
        var command = script is null ? null : ImportCommand.Find(script);
        var address = command?.Address ?? typeName + ".example";
        var id = command?.Id ?? "example";
        var sb = new StringBuilder("## Import\n\n");
        sb.Append(grammar ?? DefaultGrammar).Append("\n\n");
        sb.Append("Import with the CLI (`tofu import` takes the same arguments):\n\n```shell\n");
        sb.Append(script ?? $"terraform import {address} {id}").Append("\n```\n\n");
        sb.Append("Or, with Terraform 1.5+ or OpenTofu 1.5+, declare an `import` block and run `plan`/`apply`:\n\n```terraform\n");
        sb.Append("import {\n")
            .Append($"  to = {address}\n")
            .Append($"  id = {Markdown.HclString(id)}\n")
            .Append("}\n```\n");
        return sb.ToString();
    }
}
