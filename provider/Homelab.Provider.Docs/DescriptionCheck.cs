using Homelab.Provider.Framework.Schema;

namespace Homelab.Provider.Docs;

/// <summary>
/// Finds descriptions that would show nothing on hover: empty, or empty once the Markdown is
/// stripped to plain text (<c>terraform providers schema -json</c> carries them to editors).
/// </summary>
internal static class DescriptionCheck
{
    /// <summary>One line per problem, e.g. <c>resource homelab_x: attribute remote.name has an empty description</c>.</summary>
    public static IEnumerable<string> Problems(string owner, Block block)
    {
        if (IsEmpty(block.Description))
        {
            yield return $"{owner}: has an empty description";
        }
        foreach (var p in Members(owner, block, ""))
        {
            yield return p;
        }
    }

    private static IEnumerable<string> Members(string owner, Block block, string parent)
    {
        foreach (var a in block.Attributes)
        {
            var path = Join(parent, a.Name);
            if (IsEmpty(a.Description))
            {
                yield return $"{owner}: attribute {path} has an empty description";
            }
            if (a.Nested is { } nested)
            {
                foreach (var p in Members(owner, new Block { Attributes = nested.Attributes, Description = "-" }, path))
                {
                    yield return p;
                }
            }
        }
        foreach (var b in block.Blocks)
        {
            var path = Join(parent, b.TypeName);
            if (IsEmpty(b.Block.Description))
            {
                yield return $"{owner}: block {path} has an empty description";
            }
            foreach (var p in Members(owner, b.Block, path))
            {
                yield return p;
            }
        }
    }

    private static bool IsEmpty(string? description) =>
        description is null || Markdown.ToPlainText(description).Length == 0;

    private static string Join(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;
}
