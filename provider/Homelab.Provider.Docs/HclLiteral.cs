using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Docs;

/// <summary>Renders a (default) value as the HCL a user would write for it.</summary>
internal static class HclLiteral
{
    public static string Of(TfValue value)
    {
        if (value.IsNull)
        {
            return "null";
        }
        if (!value.IsKnown)
        {
            return "(known after apply)";
        }
        return value.Type.Kind switch
        {
            TypeKind.String => Markdown.HclString(value.AsString()),
            TypeKind.Number => value.AsNumber().ToString(),
            TypeKind.Bool => value.AsBool() ? "true" : "false",
            TypeKind.List or TypeKind.Set or TypeKind.Tuple => "[" + string.Join(", ", value.Elements.Select(Of)) + "]",
            TypeKind.Map or TypeKind.Object => value.Entries.Count == 0
                ? "{}"
                : "{ " + string.Join(", ", value.Entries.Select(kv => Key(kv.Key) + " = " + Of(kv.Value))) + " }",
            _ => value.ToString(),
        };
    }

    private static string Key(string key) =>
        key.Length > 0 && (char.IsLetter(key[0]) || key[0] == '_') && key.All(c => char.IsLetterOrDigit(c) || c is '_' or '-')
            ? key
            : Markdown.HclString(key);
}
