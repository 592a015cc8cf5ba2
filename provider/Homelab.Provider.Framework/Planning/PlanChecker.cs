using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Planning;

/// <summary>
/// Checks our own answers against the rules the client enforces, before we reply. A violation is
/// a provider bug; reporting it here names the attribute path and the rule, which is far more
/// useful than the client's generic "Provider produced invalid plan/inconsistent result".
/// </summary>
internal static class PlanChecker
{
    private const string BugSummary = "Provider produced an invalid answer";

    /// <summary>Plan rules: non-computed attributes equal config; configured values are not replaced; write-only attributes are null.</summary>
    public static void CheckPlan(Block block, TfValue config, TfValue planned, DiagnosticBag diagnostics) =>
        CheckPlanBlock(block, config, planned, AttrPath.Root, diagnostics);

    /// <summary>Apply rules: known planned values come back exactly, nothing stays unknown, write-only attributes are null.</summary>
    public static void CheckApply(Block block, TfValue planned, TfValue applied, DiagnosticBag diagnostics)
    {
        CheckWhollyKnown(applied, AttrPath.Root, "after apply", diagnostics);
        CheckKept(planned, applied, AttrPath.Root, diagnostics);
        CheckWriteOnlyNull(block, applied, AttrPath.Root, diagnostics);
    }

    /// <summary>Read rules: a state is wholly known and holds no write-only value.</summary>
    public static void CheckRead(Block block, TfValue state, DiagnosticBag diagnostics)
    {
        CheckWhollyKnown(state, AttrPath.Root, "after read", diagnostics);
        CheckWriteOnlyNull(block, state, AttrPath.Root, diagnostics);
    }

    /// <summary>
    /// Identity rules (what Terraform 1.12+ checks of every identity it is sent, plus ours): the
    /// identity is a known object of the identity schema's type; <paramref name="requireKnown"/>
    /// (read, apply, import) also wants it wholly known with every <c>required_for_import</c>
    /// attribute set, since a stored identity must be able to import its object again.
    /// </summary>
    /// <param name="schema">The resource's identity schema.</param>
    /// <param name="identity">The identity the resource returned.</param>
    /// <param name="requireKnown">Whether the identity must be wholly known (every call but a plan).</param>
    /// <param name="when">"after read", "after apply", "in the plan", "after import".</param>
    /// <param name="diagnostics">Where a broken identity is reported.</param>
    public static void CheckIdentity(IdentitySchema schema, TfValue identity, bool requireKnown, string when, DiagnosticBag diagnostics)
    {
        if (!identity.Type.Equals(schema.ImpliedType))
        {
            IdentityBug(diagnostics, $"the identity {when} has type {identity.Type}, but the identity schema (version {schema.Version}) implies {schema.ImpliedType}");
            return;
        }
        if (!identity.IsKnown)
        {
            IdentityBug(diagnostics, $"the identity {when} is {(identity.IsNull ? "null" : "unknown")}; it must be an object");
            return;
        }
        if (!requireKnown)
        {
            return;
        }
        foreach (var a in schema.Attributes)
        {
            var v = identity[a.Name];
            if (!v.IsWhollyKnown)
            {
                IdentityBug(diagnostics, $"identity attribute \"{a.Name}\" is still unknown {when}; a stored identity must be wholly known");
            }
            else if (a.RequiredForImport && v.IsNull)
            {
                IdentityBug(diagnostics, $"identity attribute \"{a.Name}\" is null {when}, but it is required for import");
            }
        }
    }

    private static void CheckPlanBlock(Block block, TfValue config, TfValue planned, AttrPath path, DiagnosticBag diagnostics)
    {
        if (!config.IsKnown || !planned.IsKnown)
        {
            return;
        }
        foreach (var a in block.Attributes)
        {
            var p = path.Attr(a.Name);
            var cfg = config[a.Name];
            var plan = planned[a.Name];
            if (a.WriteOnly)
            {
                if (!plan.IsNull)
                {
                    Bug(diagnostics, p, "a write-only attribute was planned with a value; it must be null in plans and state");
                }
                continue;
            }
            if (!a.Computed || !cfg.IsNull)
            {
                if (cfg.IsUnknown)
                {
                    // The client accepts only an unknown plan here, computed or not (objchange.assertPlannedValueValid).
                    if (!plan.IsUnknown)
                    {
                        Bug(diagnostics, p, "the configuration value is unknown but the plan has a known value");
                    }
                    continue;
                }
                if (a.Nested is { } nested && cfg.IsKnown)
                {
                    CheckPlanNested(nested.Nesting, new Block { Attributes = nested.Attributes }, cfg, plan, p, diagnostics);
                    continue;
                }
                if (!cfg.Equals(plan))
                {
                    Bug(diagnostics, p, $"planned value {plan} differs from the configured value {cfg}");
                }
            }
        }
        foreach (var b in block.Blocks)
        {
            CheckPlanNested(b.Nesting, b.Block, config[b.TypeName], planned[b.TypeName], path.Attr(b.TypeName), diagnostics);
        }
    }

    /// <summary>
    /// Objects of a nested block or nested attribute: list elements by index and map elements by key,
    /// with the same count as configured. Set elements have no identity to pair them by, so they are left to the client.
    /// </summary>
    private static void CheckPlanNested(NestingMode nesting, Block block, TfValue config, TfValue planned, AttrPath path, DiagnosticBag diagnostics)
    {
        if (!config.IsKnown || !planned.IsKnown)
        {
            return;
        }
        switch (nesting)
        {
            case NestingMode.Single or NestingMode.Group:
                CheckPlanBlock(block, config, planned, path, diagnostics);
                break;
            case NestingMode.List:
                if (config.Elements.Length != planned.Elements.Length)
                {
                    Bug(diagnostics, path, $"the plan has {planned.Elements.Length} elements but the configuration has {config.Elements.Length}");
                    return;
                }
                for (var i = 0; i < config.Elements.Length; i++)
                {
                    CheckPlanBlock(block, config.Elements[i], planned.Elements[i], path.Index(i), diagnostics);
                }
                break;
            case NestingMode.Map:
                if (!config.Entries.Keys.SequenceEqual(planned.Entries.Keys, StringComparer.Ordinal))
                {
                    Bug(diagnostics, path, $"the plan has the keys {string.Join(", ", planned.Entries.Keys)} but the configuration has {string.Join(", ", config.Entries.Keys)}");
                    return;
                }
                foreach (var (key, value) in config.Entries)
                {
                    CheckPlanBlock(block, value, planned.Entries[key], path.Key(key), diagnostics);
                }
                break;
        }
    }

    private static void CheckKept(TfValue planned, TfValue applied, AttrPath path, DiagnosticBag diagnostics)
    {
        if (planned.IsUnknown)
        {
            return;
        }
        if (planned.IsWhollyKnown)
        {
            if (!planned.Equals(applied))
            {
                Bug(diagnostics, path, $"the plan promised {planned} but apply produced {applied}");
            }
            return;
        }
        // Partly unknown: compare what is known, attribute by attribute or element by element.
        // A known collection or object may neither turn null nor change its length or keys.
        if (!applied.IsKnown)
        {
            Bug(diagnostics, path, $"the plan promised {planned} but apply produced {applied}");
            return;
        }
        if (planned.Type.Kind == TypeKind.Object)
        {
            foreach (var (name, value) in planned.Entries)
            {
                CheckKept(value, applied[name], path.Attr(name), diagnostics);
            }
        }
        else if (planned.Type.Kind is TypeKind.List or TypeKind.Tuple)
        {
            if (planned.Elements.Length != applied.Elements.Length)
            {
                Bug(diagnostics, path, $"the plan promised {planned.Elements.Length} elements but apply produced {applied.Elements.Length}");
                return;
            }
            for (var i = 0; i < planned.Elements.Length; i++)
            {
                CheckKept(planned.Elements[i], applied.Elements[i], path.Index(i), diagnostics);
            }
        }
        else if (planned.Type.Kind == TypeKind.Map)
        {
            foreach (var (key, value) in planned.Entries)
            {
                if (applied.Entries.TryGetValue(key, out var got))
                {
                    CheckKept(value, got, path.Key(key), diagnostics);
                }
                else
                {
                    Bug(diagnostics, path.Key(key), "a planned map element is missing after apply");
                }
            }
            var added = applied.Entries.Keys.Where(k => !planned.Entries.ContainsKey(k)).ToList();
            if (added.Count > 0)
            {
                Bug(diagnostics, path, $"apply added map elements the plan did not have: {string.Join(", ", added)}");
            }
        }
    }

    private static void CheckWhollyKnown(TfValue value, AttrPath path, string when, DiagnosticBag diagnostics)
    {
        if (value.IsUnknown)
        {
            Bug(diagnostics, path, $"the value is still unknown {when}; every computed attribute must be set");
            return;
        }
        if (!value.IsKnown || value.IsWhollyKnown)
        {
            return;
        }
        switch (value.Type.Kind)
        {
            case TypeKind.Object or TypeKind.Map:
                foreach (var (name, v) in value.Entries)
                {
                    CheckWhollyKnown(v, value.Type.Kind == TypeKind.Object ? path.Attr(name) : path.Key(name), when, diagnostics);
                }
                break;
            default:
                for (var i = 0; i < value.Elements.Length; i++)
                {
                    CheckWhollyKnown(value.Elements[i], path.Index(i), when, diagnostics);
                }
                break;
        }
    }

    private static void CheckWriteOnlyNull(Block block, TfValue value, AttrPath path, DiagnosticBag diagnostics)
    {
        if (!value.IsKnown)
        {
            return;
        }
        foreach (var a in block.Attributes)
        {
            if (a.WriteOnly && !value[a.Name].IsNull)
            {
                Bug(diagnostics, path.Attr(a.Name), "a write-only attribute has a value in state; it must always be null there");
            }
            else if (a.Nested is { } nested)
            {
                var inner = new Block { Attributes = nested.Attributes };
                ConfigValidation.ForEachObject(nested.Nesting, value[a.Name], path.Attr(a.Name), (v, p) => CheckWriteOnlyNull(inner, v, p, diagnostics));
            }
        }
        foreach (var b in block.Blocks)
        {
            ConfigValidation.ForEachObject(b.Nesting, value[b.TypeName], path.Attr(b.TypeName), (v, p) => CheckWriteOnlyNull(b.Block, v, p, diagnostics));
        }
    }

    private static void IdentityBug(DiagnosticBag diagnostics, string what) =>
        diagnostics.AddError("Provider produced an invalid identity", $"{char.ToUpperInvariant(what[0])}{what[1..]}. This is a bug in the provider; please report it.");

    private static void Bug(DiagnosticBag diagnostics, AttrPath path, string what) =>
        diagnostics.AddError(BugSummary, $"At {path}: {what}. This is a bug in the provider; please report it with the plan output.", path);
}
