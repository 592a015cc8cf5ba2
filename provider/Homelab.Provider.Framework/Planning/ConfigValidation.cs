using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Planning;

/// <summary>Runs attribute validators and deprecation warnings over a configuration value.</summary>
internal static class ConfigValidation
{
    public static void Validate(Block block, TfValue config, DiagnosticBag diagnostics) =>
        ValidateBlock(block, config, AttrPath.Root, diagnostics);

    /// <summary>True when the block (recursively) declares a write-only attribute with a non-null value in <paramref name="config"/>.</summary>
    public static bool UsesWriteOnly(Block block, TfValue config, out AttrPath? path)
    {
        path = FindWriteOnly(block, config, AttrPath.Root);
        return path is not null;
    }

    private static AttrPath? FindWriteOnly(Block block, TfValue value, AttrPath path)
    {
        if (!value.IsKnown)
        {
            return null;
        }
        AttrPath? found = null;
        foreach (var a in block.Attributes)
        {
            var v = value[a.Name];
            if (a.WriteOnly && !v.IsNull)
            {
                return path.Attr(a.Name);
            }
            if (a.Nested is { } nested)
            {
                var inner = new Block { Attributes = nested.Attributes };
                ForEachObject(nested.Nesting, v, path.Attr(a.Name), (o, p) => found ??= FindWriteOnly(inner, o, p));
                if (found is not null)
                {
                    return found;
                }
            }
        }
        foreach (var b in block.Blocks)
        {
            ForEachObject(b.Nesting, value[b.TypeName], path.Attr(b.TypeName), (o, p) => found ??= FindWriteOnly(b.Block, o, p));
            if (found is not null)
            {
                return found;
            }
        }
        return null;
    }

    private static void ValidateBlock(Block block, TfValue value, AttrPath path, DiagnosticBag diagnostics)
    {
        if (!value.IsKnown)
        {
            return;
        }
        foreach (var a in block.Attributes)
        {
            ValidateAttribute(a, value[a.Name], path.Attr(a.Name), diagnostics);
        }
        foreach (var b in block.Blocks)
        {
            ForEachObject(b.Nesting, value[b.TypeName], path.Attr(b.TypeName), (v, p) => ValidateBlock(b.Block, v, p, diagnostics));
        }
    }

    private static void ValidateAttribute(Schema.Attribute a, TfValue value, AttrPath path, DiagnosticBag diagnostics)
    {
        if (value.IsNull)
        {
            return;
        }
        if (a.DeprecationMessage is not null)
        {
            diagnostics.AddWarning($"Argument \"{a.Name}\" is deprecated", a.DeprecationMessage, path);
        }
        if (!value.IsKnown)
        {
            return;
        }
        foreach (var validator in a.Validators)
        {
            validator.Validate(value, path, diagnostics);
        }
        if (a.Nested is { } nested)
        {
            var inner = new Block { Attributes = nested.Attributes };
            ForEachObject(nested.Nesting, value, path, (v, p) => ValidateBlock(inner, v, p, diagnostics));
        }
    }

    /// <summary>Visits each object of a nested block or nested attribute value with its path; skips null and unknown.</summary>
    internal static void ForEachObject(NestingMode nesting, TfValue value, AttrPath path, Action<TfValue, AttrPath> visit)
    {
        if (!value.IsKnown)
        {
            return;
        }
        switch (nesting)
        {
            case NestingMode.Single or NestingMode.Group:
                visit(value, path);
                break;
            case NestingMode.Map:
                foreach (var (key, v) in value.Entries)
                {
                    visit(v, path.Key(key));
                }
                break;
            default:
                for (var i = 0; i < value.Elements.Length; i++)
                {
                    visit(value.Elements[i], path.Index(i));
                }
                break;
        }
    }
}
