using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Planning;

/// <summary>
/// The default plan, following the protocol's rules: configured values are planned as configured;
/// computed attributes the configuration leaves null get their default, or stay at the prior value
/// when nothing changes, or become unknown (the provider will decide during apply); write-only
/// attributes are never planned; a change of a replace-forcing attribute is reported as a
/// requires-replace path.
/// </summary>
internal static class Planner
{
    /// <summary>Plans a create (prior null) or update. Returns the planned object and replacement paths.</summary>
    public static (TfValue Planned, IReadOnlyList<AttrPath> RequiresReplace) Plan(
        Block block, TfValue? prior, TfValue proposed, TfValue config)
    {
        // First pass keeps prior values for unset computed attributes; if the result still differs
        // from the prior state, the update may change them, so the second pass plans them unknown.
        var planned = PlanBlock(block, prior, proposed, config, markUnknown: prior is null);
        if (prior is not null && !planned.Equals(prior))
        {
            planned = PlanBlock(block, prior, proposed, config, markUnknown: true);
        }
        var replace = new List<AttrPath>();
        if (prior is not null)
        {
            CollectReplace(block, prior, planned, AttrPath.Root, replace);
        }
        return (planned, replace);
    }

    private static TfValue PlanBlock(Block block, TfValue? prior, TfValue proposed, TfValue config, bool markUnknown)
    {
        if (!proposed.IsKnown)
        {
            return proposed;
        }
        var attrs = new List<KeyValuePair<string, TfValue>>(block.Attributes.Count + block.Blocks.Count);
        foreach (var a in block.Attributes)
        {
            var pri = prior is { IsKnown: true } ? prior[a.Name] : null;
            attrs.Add(KeyValuePair.Create(a.Name, PlanAttribute(a, pri, proposed[a.Name], config.IsKnown ? config[a.Name] : TfValue.Unknown(a.Type), markUnknown)));
        }
        foreach (var b in block.Blocks)
        {
            var pri = prior is { IsKnown: true } ? prior[b.TypeName] : null;
            var cfg = config.IsKnown ? config[b.TypeName] : TfValue.Unknown(b.ImpliedType);
            attrs.Add(KeyValuePair.Create(b.TypeName, PlanNested(b.Nesting, b.Block, pri, proposed[b.TypeName], cfg, markUnknown)));
        }
        return TfValue.Object(proposed.Type, attrs);
    }

    private static TfValue PlanAttribute(SchemaAttribute a, TfValue? prior, TfValue proposed, TfValue config, bool markUnknown)
    {
        if (a.WriteOnly)
        {
            return TfValue.Null(a.Type);
        }
        if (a.Computed && config.IsNull)
        {
            if (a.Default is not null)
            {
                return a.Default;
            }
            if (prior is null)
            {
                // Created now (the object or its enclosing element is new): only apply knows.
                return TfValue.Unknown(a.Type);
            }
            return markUnknown && !a.UseStateForUnknown ? TfValue.Unknown(a.Type) : proposed;
        }
        if (a.Nested is { } nested)
        {
            var asBlock = new Block { Attributes = nested.Attributes };
            return PlanNested(nested.Nesting, asBlock, prior, proposed, config, markUnknown);
        }
        return proposed;
    }

    private static TfValue PlanNested(NestingMode nesting, Block block, TfValue? prior, TfValue proposed, TfValue config, bool markUnknown)
    {
        if (!proposed.IsKnown)
        {
            return proposed;
        }
        switch (nesting)
        {
            case NestingMode.Single or NestingMode.Group:
                return PlanBlock(block, prior, proposed, config, markUnknown);
            case NestingMode.List:
            {
                var items = proposed.Elements;
                var priorItems = prior is { IsKnown: true } ? prior.Elements : [];
                var cfgItems = config.IsKnown ? config.Elements : [];
                var planned = new List<TfValue>(items.Length);
                for (var i = 0; i < items.Length; i++)
                {
                    var cfg = i < cfgItems.Length ? cfgItems[i] : TfValue.Unknown(block.ImpliedType);
                    planned.Add(PlanBlock(block, i < priorItems.Length ? priorItems[i] : null, items[i], cfg, markUnknown));
                }
                return TfValue.List(block.ImpliedType, planned);
            }
            case NestingMode.Map:
            {
                var priorMap = prior is { IsKnown: true } ? prior.Entries : null;
                var cfgMap = config.IsKnown ? config.Entries : null;
                return TfValue.Map(block.ImpliedType, proposed.Entries.Select(kv => KeyValuePair.Create(kv.Key, PlanBlock(
                    block,
                    priorMap is not null && priorMap.TryGetValue(kv.Key, out var p) ? p : null,
                    kv.Value,
                    cfgMap is not null && cfgMap.TryGetValue(kv.Key, out var c) ? c : TfValue.Unknown(block.ImpliedType),
                    markUnknown))));
            }
            default:
                // Set elements have no identity to match prior values against; the client's
                // proposal is already the best plan for them.
                return proposed;
        }
    }

    private static void CollectReplace(Block block, TfValue prior, TfValue planned, AttrPath path, List<AttrPath> replace)
    {
        if (!prior.IsKnown || !planned.IsKnown)
        {
            return;
        }
        foreach (var a in block.Attributes)
        {
            var p = path.Attr(a.Name);
            if (a.RequiresReplace && !planned[a.Name].Equals(prior[a.Name]))
            {
                replace.Add(p);
            }
            else if (a.Nested is { Nesting: NestingMode.Single } nested)
            {
                CollectReplace(new Block { Attributes = nested.Attributes }, prior[a.Name], planned[a.Name], p, replace);
            }
        }
        foreach (var b in block.Blocks)
        {
            if (b.Nesting is NestingMode.Single or NestingMode.Group)
            {
                CollectReplace(b.Block, prior[b.TypeName], planned[b.TypeName], path.Attr(b.TypeName), replace);
            }
        }
    }
}
