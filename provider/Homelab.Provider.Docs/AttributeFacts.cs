using Homelab.Provider.Framework.Schema;

namespace Homelab.Provider.Docs;

/// <summary>
/// What the schema itself says about an attribute beyond its description: flags for the type
/// label, and sentences (validators, default, replacement, write-only, sensitive, deprecation)
/// appended to the description. This is the part tfplugindocs cannot render.
/// </summary>
internal static class AttributeFacts
{
    public static IEnumerable<string> Flags(SchemaAttribute a)
    {
        if (a.Sensitive)
        {
            yield return "Sensitive";
        }
        if (a.WriteOnly)
        {
            yield return "Write-only";
        }
        if (a.DeprecationMessage is not null)
        {
            yield return "Deprecated";
        }
    }

    /// <summary>The description followed by the schema-derived sentences, in a fixed order.</summary>
    public static string Text(SchemaAttribute a)
    {
        var text = a.DeprecationMessage is { } deprecation
            ? "**Deprecated:** " + Markdown.AppendSentence(deprecation.Trim(), a.Description.Trim())
            : a.Description.Trim();
        foreach (var v in a.Validators)
        {
            if (v.Description is { Length: > 0 } sentence && !a.Description.Contains(sentence.Trim(), StringComparison.Ordinal))
            {
                text = Markdown.AppendSentence(text, sentence.Trim());
            }
        }
        if (a.Default is { } value && !MentionsDefault(a.Description, value))
        {
            text = Markdown.AppendSentence(text, $"Default: `{HclLiteral.Of(value)}`.");
        }
        if (a.RequiresReplace)
        {
            text = Markdown.AppendSentence(text, "**Forces replacement** when changed.");
        }
        if (a.WriteOnly)
        {
            text = Markdown.AppendSentence(text, "**Write-only:** sent on every plan and apply but never stored in the plan or state (Terraform 1.11+, OpenTofu 1.11+).");
        }
        if (a.Sensitive)
        {
            text = Markdown.AppendSentence(text, "**Sensitive:** hidden in plan output.");
        }
        return text;
    }

    /// <summary>
    /// True when the author already wrote the default, e.g. "Default `high`." for <c>"high"</c>:
    /// the word "Default" plus the value in a code span, quoted or not.
    /// </summary>
    private static bool MentionsDefault(string description, Framework.Values.TfValue value)
    {
        if (!description.Contains("Default", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var literal = HclLiteral.Of(value);
        var bare = value.IsKnown && value.Type.Kind == Framework.Values.TypeKind.String ? value.AsString() : literal;
        return description.Contains($"`{literal}`", StringComparison.Ordinal) || description.Contains($"`{bare}`", StringComparison.Ordinal);
    }

    /// <summary>Block-level sentences for a nested block's entry.</summary>
    public static string Text(NestedBlock b)
    {
        var text = b.Block.Description.Trim();
        if (b.Block.Deprecated)
        {
            text = "**Deprecated.** " + text;
        }
        return text;
    }
}
