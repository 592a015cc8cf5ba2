using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Docs;

/// <summary>Type labels as the registry docs write them: <c>String</c>, <c>Map of String</c>, <c>Block List, Min: 1</c>.</summary>
internal static class TypeNames
{
    public static string Of(TfType type) => type.Kind switch
    {
        TypeKind.String => "String",
        TypeKind.Number => "Number",
        TypeKind.Bool => "Boolean",
        TypeKind.Dynamic => "Dynamic",
        TypeKind.List => "List of " + Of(type.Element!),
        TypeKind.Set => "Set of " + Of(type.Element!),
        TypeKind.Map => "Map of " + Of(type.Element!),
        TypeKind.Object => "Object",
        TypeKind.Tuple => "Tuple",
        _ => type.Kind.ToString(),
    };

    public static string Of(NestedAttributes nested) => "Attributes" + Suffix(nested.Nesting);

    public static string Of(NestedBlock block)
    {
        var label = "Block" + Suffix(block.Nesting);
        if (block.MinItems > 0)
        {
            label += $", Min: {block.MinItems}";
        }
        if (block.MaxItems > 0)
        {
            label += $", Max: {block.MaxItems}";
        }
        return label;
    }

    private static string Suffix(NestingMode nesting) => nesting switch
    {
        NestingMode.List => " List",
        NestingMode.Set => " Set",
        NestingMode.Map => " Map",
        _ => "",
    };
}
