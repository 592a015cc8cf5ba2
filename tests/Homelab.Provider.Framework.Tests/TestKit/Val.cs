using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Tests.TestKit;

/// <summary>Short constructors for values in test tables.</summary>
internal static class Val
{
    public static TfValue Str(string s) => TfValue.String(s);

    public static TfValue Num(long n) => TfValue.Number(n);

    public static TfValue NullStr => TfValue.Null(TfType.String);

    public static TfValue UnknownStr => TfValue.Unknown(TfType.String);

    public static TfValue Strings(params TfValue[] items) => TfValue.List(TfType.String, items);

    public static TfValue StrMap(params (string Key, TfValue Value)[] entries) =>
        TfValue.Map(TfType.String, entries.Select(e => KeyValuePair.Create(e.Key, e.Value)));

    /// <summary>An object of <paramref name="type"/>; attributes not named are null.</summary>
    public static TfValue Obj(TfType type, params (string Name, TfValue Value)[] attributes) =>
        TfValue.Object(type, attributes.Select(a => KeyValuePair.Create(a.Name, a.Value)));

    /// <summary>
    /// An object of the block's type as the client sends configuration: unnamed attributes and
    /// single blocks null, absent list/set/map blocks empty.
    /// </summary>
    public static TfValue Obj(Block block, params (string Name, TfValue Value)[] attributes)
    {
        var given = attributes.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
        foreach (var b in block.Blocks)
        {
            if (!given.ContainsKey(b.TypeName) && b.Nesting is not (NestingMode.Single or NestingMode.Group))
            {
                given[b.TypeName] = b.Nesting switch
                {
                    NestingMode.Map => TfValue.Map(b.Block.ImpliedType, []),
                    NestingMode.Set => TfValue.Set(b.Block.ImpliedType, []),
                    _ => TfValue.List(b.Block.ImpliedType, []),
                };
            }
        }
        return TfValue.Object(block.ImpliedType, given);
    }
}
