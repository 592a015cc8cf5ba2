using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Zfs;

namespace Homelab.Provider.Kit;

/// <summary>
/// The remote setting <c>incus_datasets</c>, which <see cref="DatasetPlacement"/> compares by
/// exact name. An entry that is not a plain dataset or pool name (<c>"rpool/incus/"</c>,
/// <c>" rpool/incus"</c>) would match nothing and silently switch the guard off, so each element
/// is checked like a dataset name when the provider configuration is validated, and again when it
/// is built.
/// </summary>
internal static class PlacementSettings
{
    public const string Attribute = "incus_datasets";

    /// <summary>Plan-time check of every element, on the element's path.</summary>
    public static IValueValidator Validator { get; } = Validators.Custom("Each element is a dataset or pool name, e.g. `rpool/incus`.", (v, p, d) =>
    {
        var elements = v.Elements;
        for (var i = 0; i < elements.Length; i++)
        {
            if (elements[i].IsKnown)
            {
                Check(elements[i].AsString(), p.Index(i), d);
            }
        }
    });

    /// <summary>
    /// The declared datasets of a remote block, each checked (errors on <paramref name="path"/>[i]),
    /// duplicates removed. Invalid entries are reported, never dropped silently.
    /// </summary>
    public static IReadOnlyList<string> Read(TfValue block, AttrPath path, DiagnosticBag diagnostics)
    {
        var list = block.GetStrings(Attribute).ValueOr([]);
        for (var i = 0; i < list.Count; i++)
        {
            Check(list[i], path.Attr(Attribute).Index(i), diagnostics);
        }
        return [.. list.Distinct(StringComparer.Ordinal)];
    }

    private static void Check(string name, AttrPath path, DiagnosticBag diagnostics)
    {
        if (DatasetName.Check(name, allowPool: true) is { } problem)
        {
            diagnostics.AddError("Invalid Incus dataset",
                $"{problem} `{Attribute}` entries are compared by exact name, so this one would protect nothing. Write the dataset's full name as `zfs list` prints it, e.g. `rpool/incus`.",
                path);
        }
    }
}
