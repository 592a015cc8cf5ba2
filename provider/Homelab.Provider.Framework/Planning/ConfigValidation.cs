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

    private static void ValidateAttribute(SchemaAttribute a, TfValue value, AttrPath path, DiagnosticBag diagnostics)
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
        // A validator's message may quote the value; for a sensitive or write-only attribute the
        // quote is masked, so a secret never reaches the client's output or logs.
        var target = a.Sensitive || a.WriteOnly ? new DiagnosticBag() : diagnostics;
        foreach (var validator in a.Validators)
        {
            validator.Validate(value, path, target);
        }
        if (!ReferenceEquals(target, diagnostics))
        {
            var secrets = SecretTexts(value);
            foreach (var d in target)
            {
                diagnostics.Add(d with { Summary = Mask(d.Summary, secrets), Detail = Mask(d.Detail, secrets) });
            }
        }
        if (a.Nested is { } nested)
        {
            var inner = new Block { Attributes = nested.Attributes };
            ForEachObject(nested.Nesting, value, path, (v, p) => ValidateBlock(inner, v, p, diagnostics));
        }
    }

    /// <summary>The text forms a message could quote a sensitive value by: each string or number in it, raw and as <see cref="Validators.Printable"/> shows it; longest first.</summary>
    private static List<string> SecretTexts(TfValue value)
    {
        var texts = new HashSet<string>(StringComparer.Ordinal);
        void Visit(TfValue v)
        {
            if (!v.IsKnown)
            {
                return;
            }
            switch (v.Type.Kind)
            {
                case TypeKind.String:
                    texts.Add(v.AsString());
                    texts.Add(Validators.Printable(v.AsString()));
                    break;
                case TypeKind.Number:
                    texts.Add(v.AsNumber().ToString());
                    break;
                case TypeKind.List or TypeKind.Set or TypeKind.Tuple:
                    foreach (var e in v.Elements)
                    {
                        Visit(e);
                    }
                    break;
                case TypeKind.Map or TypeKind.Object:
                    foreach (var (_, e) in v.Entries)
                    {
                        Visit(e);
                    }
                    break;
            }
        }
        Visit(value);
        texts.Remove("");
        return [.. texts.OrderByDescending(t => t.Length)];
    }

    private static string Mask(string text, List<string> secrets)
    {
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, "(sensitive value)", StringComparison.Ordinal);
        }
        return text;
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
