using System.Text;
using Homelab.Provider.Framework.Schema;

namespace Homelab.Provider.Docs;

/// <summary>
/// The <c>## Schema</c> section in the registry shape: Required / Optional / Read-Only lists, then
/// one anchored "Nested Schema for" section per nested block or nested attribute, in the order
/// they were referenced. Attribute order is the schema's declaration order.
/// </summary>
internal sealed class SchemaSection
{
    private readonly StringBuilder _sb = new();
    private readonly Queue<Pending> _nested = new();

    private SchemaSection()
    {
    }

    public static string Render(Block block)
    {
        var section = new SchemaSection();
        section._sb.Append("## Schema\n");
        section.Members(block.Attributes, block.Blocks, "", heading: "### ");
        while (section._nested.TryDequeue(out var next))
        {
            section._sb.Append($"\n<a id=\"{next.Anchor}\"></a>\n### Nested Schema for `{next.Path}`\n");
            section.Members(next.Attributes, next.Blocks, next.Path, heading: null);
        }
        return section._sb.ToString();
    }

    private void Members(IReadOnlyList<SchemaAttribute> attributes, IReadOnlyList<NestedBlock> blocks, string path, string? heading)
    {
        var groups = new (string Title, List<string> Lines)[] { ("Required", []), ("Optional", []), ("Read-Only", []) };
        foreach (var a in attributes)
        {
            groups[a.Required ? 0 : a.Optional ? 1 : 2].Lines.Add(Line(a, path));
        }
        foreach (var b in blocks)
        {
            groups[b.MinItems > 0 ? 0 : IsReadOnly(b.Block) ? 2 : 1].Lines.Add(Line(b, path));
        }
        foreach (var (title, lines) in groups)
        {
            if (lines.Count == 0)
            {
                continue;
            }
            _sb.Append('\n').Append(heading is null ? title + ":" : heading + title).Append("\n\n");
            foreach (var line in lines)
            {
                _sb.Append(line).Append('\n');
            }
        }
    }

    private string Line(SchemaAttribute a, string parent)
    {
        var label = a.Nested is { } nested ? TypeNames.Of(nested) : TypeNames.Of(a.Type);
        var flags = string.Concat(AttributeFacts.Flags(a).Select(f => ", " + f));
        var text = AttributeFacts.Text(a);
        if (a.Nested is { } n)
        {
            var path = Join(parent, a.Name);
            var anchor = "nestedatt--" + path.Replace(".", "--", StringComparison.Ordinal);
            _nested.Enqueue(new Pending(path, anchor, n.Attributes, []));
            text = Markdown.AppendSentence(text, $"(see [below for nested schema](#{anchor}))");
        }
        return $"- `{a.Name}` ({label}{flags}) {Markdown.IndentContinuation(text)}";
    }

    private string Line(NestedBlock b, string parent)
    {
        var path = Join(parent, b.TypeName);
        var anchor = "nestedblock--" + path.Replace(".", "--", StringComparison.Ordinal);
        _nested.Enqueue(new Pending(path, anchor, b.Block.Attributes, b.Block.Blocks));
        var text = Markdown.AppendSentence(AttributeFacts.Text(b), $"(see [below for nested schema](#{anchor}))");
        var flags = b.Block.Deprecated ? ", Deprecated" : "";
        return $"- `{b.TypeName}` ({TypeNames.Of(b)}{flags}) {Markdown.IndentContinuation(text)}";
    }

    private static bool IsReadOnly(Block block) =>
        block.Attributes.All(a => a.Computed && !a.Optional) && block.Blocks.All(b => IsReadOnly(b.Block));

    private static string Join(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    private sealed record Pending(string Path, string Anchor, IReadOnlyList<SchemaAttribute> Attributes, IReadOnlyList<NestedBlock> Blocks);
}
