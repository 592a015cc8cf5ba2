using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Tests.Values.Codec;

/// <summary>Types and values shared by the codec tests.</summary>
internal static class Samples
{
    public static readonly TfType StringList = TfType.List(TfType.String);

    public static readonly TfType NumberSet = TfType.Set(TfType.Number);

    public static readonly TfType BoolMap = TfType.Map(TfType.Bool);

    /// <summary>object({a = number, b = string}) — deliberately declared out of order.</summary>
    public static readonly TfType SmallObject = TfType.Object(new Dictionary<string, TfType>
    {
        ["b"] = TfType.String,
        ["a"] = TfType.Number,
    });

    public static readonly TfType Pair = TfType.Tuple([TfType.String, TfType.Number]);

    /// <summary>A dataset-like nested type: list of objects holding a map, a set and a dynamic.</summary>
    public static readonly TfType Nested = TfType.List(TfType.Object(new Dictionary<string, TfType>
    {
        ["name"] = TfType.String,
        ["properties"] = TfType.Map(TfType.String),
        ["snapshots"] = TfType.Set(TfType.Object(new Dictionary<string, TfType> { ["keep"] = TfType.Number })),
        ["extra"] = TfType.Dynamic,
    }));

    public static TfValue Str(string s) => TfValue.String(s);

    public static TfValue Num(string s) => TfValue.Number(TfNumber.Parse(s));

    public static TfValue Obj(TfType type, params (string Name, TfValue Value)[] attributes) =>
        TfValue.Object(type, attributes.Select(a => KeyValuePair.Create(a.Name, a.Value)));

    public static TfValue MapOf(TfType element, params (string Key, TfValue Value)[] entries) =>
        TfValue.Map(element, entries.Select(e => KeyValuePair.Create(e.Key, e.Value)));

    public static TfValue SampleNested()
    {
        var item = Nested.Element!;
        var snapshot = item.AttributeType("snapshots").Element!;
        return TfValue.List(item,
        [
            Obj(item,
                ("name", Str("tank/data")),
                ("properties", MapOf(TfType.String, ("compression", Str("zstd")), ("atime", Str("off")))),
                ("snapshots", TfValue.Set(snapshot, [Obj(snapshot, ("keep", Num("7"))), Obj(snapshot, ("keep", TfValue.Unknown(TfType.Number)))])),
                ("extra", TfValue.Tuple([Str("x"), TfValue.True]))),
            Obj(item,
                ("name", TfValue.Unknown(TfType.String)),
                ("properties", TfValue.Null(TfType.Map(TfType.String))),
                ("snapshots", TfValue.Set(snapshot, [])),
                ("extra", TfValue.Null(TfType.Dynamic))),
        ]);
    }
}
