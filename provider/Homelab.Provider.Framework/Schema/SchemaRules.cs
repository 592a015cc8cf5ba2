using Homelab.Provider.Framework.Resources;

namespace Homelab.Provider.Framework.Schema;

/// <summary>
/// Checks every attribute of a provider's schemas against <see cref="Attribute.Validate"/>: a
/// schema the client would reject, or one whose plans the client would refuse, is a programmer
/// error best reported once, with the attribute named.
/// </summary>
public static class SchemaRules
{
    /// <summary>One sentence per problem, e.g. "homelab_x.size: default of type string does not match number."</summary>
    public static IReadOnlyList<string> Check(IProvider provider)
    {
        var problems = new List<string>();
        Walk("provider", provider.Schema.Block, problems);
        foreach (var r in provider.Resources)
        {
            Walk(r.TypeName, r.Schema.Block, problems);
        }
        foreach (var d in provider.DataSources)
        {
            Walk("data." + d.TypeName, d.Schema.Block, problems);
        }
        return problems;
    }

    private static void Walk(string owner, Block block, List<string> problems)
    {
        foreach (var a in block.Attributes)
        {
            try
            {
                a.Validate();
            }
            catch (InvalidOperationException ex)
            {
                problems.Add($"{owner}: {ex.Message}");
            }
            if (a.Nested is { } nested)
            {
                Walk($"{owner}.{a.Name}", new Block { Attributes = nested.Attributes }, problems);
            }
        }
        foreach (var b in block.Blocks)
        {
            Walk($"{owner}.{b.TypeName}", b.Block, problems);
        }
    }
}
