using System.Text;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Docs;

/// <summary>
/// The <c>## Import</c> section: the written id grammar (the resource description's paragraph
/// starting "Import id:", else the house default), the CLI form from import.sh, and the same
/// import as an <c>import {}</c> block; for a resource that declares an identity, the import by
/// identity (Terraform 1.12+, OpenTofu 1.12+) and the identity's attributes.
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

    public static string Render(string typeName, string? grammar, string? script, IdentitySchema? identity = null)
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
        if (identity is not null)
        {
            Identity(sb, address, id, identity);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The example sets the attributes required for import. With exactly one, a string, it takes
    /// the CLI example's id (whose first command the house writes without a remote prefix, so the
    /// id is the name); otherwise each gets a placeholder.
    /// </summary>
    private static void Identity(StringBuilder sb, string address, string id, IdentitySchema identity)
    {
        var required = identity.Attributes.Where(a => a.RequiredForImport).ToList();
        var single = required is [{ Type.Kind: TypeKind.String }];
        sb.Append("\n### Import by identity\n\n");
        sb.Append("With Terraform 1.12+ or OpenTofu 1.12+, an `import` block can name the object by its identity instead of an id:\n\n```terraform\n");
        sb.Append("import {\n").Append($"  to = {address}\n").Append("  identity = {\n");
        var width = required.Count == 0 ? 0 : required.Max(a => a.Name.Length);
        foreach (var a in required)
        {
            sb.Append($"    {a.Name.PadRight(width)} = {(single ? Markdown.HclString(id) : Markdown.HclString($"<{a.Name}>"))}\n");
        }
        sb.Append("  }\n}\n```\n\nIdentity attributes:\n\n");
        foreach (var a in identity.Attributes.OrderBy(a => a.RequiredForImport ? 0 : 1))
        {
            sb.Append($"- `{a.Name}` ({TypeNames.Of(a.Type)}, {(a.RequiredForImport ? "Required" : "Optional")}) {a.Description}\n");
        }
    }
}
