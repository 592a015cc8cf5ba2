using Homelab.Provider.Framework.Values;
using Homelab.Provider.Framework.Values.Codec;
using static Homelab.Provider.Framework.Tests.Values.Codec.Samples;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Values.Codec;

[Trait(Tier.Name, Tier.Unit)]
public sealed class CtyMsgPackRoundTripTests
{
    private static readonly TfType[] AllTypes =
    [
        TfType.String, TfType.Number, TfType.Bool, StringList, NumberSet, BoolMap, SmallObject, Pair,
        TfType.Dynamic, Nested, TfType.List(TfType.Dynamic),
    ];

    public static TheoryData<TfType> EveryType()
    {
        var data = new TheoryData<TfType>();
        foreach (var type in AllTypes)
        {
            data.Add(type);
        }
        return data;
    }

    public static TheoryData<string, TfValue, TfType> Values() => new()
    {
        { "empty string", Str(""), TfType.String },
        { "unicode string", Str("zfs ✓ 𝄞 \"quoted\""), TfType.String },
        { "long string (str16)", Str(new string('x', 70_000)), TfType.String },
        { "zero", Num("0"), TfType.Number },
        { "minus one", Num("-1"), TfType.Number },
        { "0.1", Num("0.1"), TfType.Number },
        { "1.5", Num("1.5"), TfType.Number },
        { "123.456", Num("123.456"), TfType.Number },
        { "1e400", Num("1e400"), TfType.Number },
        { "-1e-400", Num("-1e-400"), TfType.Number },
        { "0.1 plus a tiny bit", Num("0.10000000000000000000001"), TfType.Number },
        { "int64 min", TfValue.Number(long.MinValue), TfType.Number },
        { "int64 max", TfValue.Number(long.MaxValue), TfType.Number },
        { "2^63", TfValue.Number(TfNumber.FromUInt64(1UL << 63)), TfType.Number },
        { "uint64 max", TfValue.Number(TfNumber.FromUInt64(ulong.MaxValue)), TfType.Number },
        { "2^64", Num("18446744073709551616"), TfType.Number },
        { "1e20", Num("1e20"), TfType.Number },
        { "true", TfValue.True, TfType.Bool },
        { "false", TfValue.False, TfType.Bool },
        { "list", TfValue.List(TfType.String, [Str("a"), Str("b"), TfValue.Null(TfType.String), TfValue.Unknown(TfType.String)]), StringList },
        { "empty list", TfValue.List(TfType.String, []), StringList },
        { "set", TfValue.Set(TfType.Number, [Num("3"), Num("1"), Num("2.5")]), NumberSet },
        { "map", MapOf(TfType.Bool, ("x", TfValue.True), ("y", TfValue.Null(TfType.Bool)), ("z", TfValue.Unknown(TfType.Bool))), BoolMap },
        { "empty map", MapOf(TfType.Bool), BoolMap },
        { "object", Obj(SmallObject, ("a", Num("1")), ("b", Str("x"))), SmallObject },
        { "object with null attributes", Obj(SmallObject), SmallObject },
        { "object with unknown attribute", Obj(SmallObject, ("b", TfValue.Unknown(TfType.String))), SmallObject },
        { "empty object", TfValue.Object(TfType.Object([]), []), TfType.Object([]) },
        { "tuple", TfValue.Tuple([Str("a"), Num("2")]), Pair },
        { "tuple with null", TfValue.Tuple([TfValue.Null(TfType.String), Num("2")]), Pair },
        { "dynamic string", Str("hi"), TfType.Dynamic },
        { "dynamic number", Num("1e400"), TfType.Dynamic },
        { "dynamic object", Obj(SmallObject, ("a", Num("1"))), TfType.Dynamic },
        { "dynamic list", TfValue.List(TfType.String, [Str("a")]), TfType.Dynamic },
        { "dynamic typed null", TfValue.Null(TfType.String), TfType.Dynamic },
        { "dynamic typed unknown", TfValue.Unknown(SmallObject), TfType.Dynamic },
        { "list of dynamic", TfValue.List(TfType.Dynamic, [Str("a"), Num("1"), TfValue.Null(TfType.Dynamic)]), TfType.List(TfType.Dynamic) },
        { "nested", SampleNested(), Nested },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Known_values_survive_encode_then_decode(string name, TfValue value, TfType type)
    {
        var bytes = CtyMsgPack.Encode(value, type);

        var decoded = CtyMsgPack.Decode(bytes, type);

        Assert.True(value.Equals(decoded), $"{name}: {value} came back as {decoded} from {Hex.Of(bytes)}");
        Assert.Equal(Hex.Of(bytes), Hex.Of(CtyMsgPack.Encode(decoded, type)));
    }

    [Theory]
    [MemberData(nameof(EveryType))]
    public void Null_round_trips_as_nil_at_every_type(TfType type)
    {
        var bytes = CtyMsgPack.Encode(TfValue.Null(type), type);

        Assert.Equal("c0", Hex.Of(bytes));
        Assert.Equal(TfValue.Null(type), CtyMsgPack.Decode(bytes, type));
    }

    [Theory]
    [MemberData(nameof(EveryType))]
    public void Unknown_round_trips_as_extension_zero_at_every_type(TfType type)
    {
        var bytes = CtyMsgPack.Encode(TfValue.Unknown(type), type);

        Assert.Equal("d4 00 00", Hex.Of(bytes));
        Assert.Equal(TfValue.Unknown(type), CtyMsgPack.Decode(bytes, type));
    }

    [Theory]
    [MemberData(nameof(EveryType))]
    public void Refined_unknown_decodes_as_unknown_at_every_type(TfType type)
    {
        // Extension type 12 with a refinement map {1: false} ("definitely not null").
        var refined = Hex.Bytes("c7 03 0c 81 01 c2");

        Assert.Equal(TfValue.Unknown(type), CtyMsgPack.Decode(refined, type));
    }

    [Fact]
    public void Refined_unknown_with_string_prefix_decodes_as_unknown()
    {
        // {1: false, 2: "ab"} — not null, prefix "ab".
        var refined = Hex.Bytes("c7 07 0c 82 01 c2 02 a2 61 62");

        Assert.Equal(TfValue.Unknown(TfType.String), CtyMsgPack.Decode(refined, TfType.String));
    }

    [Fact]
    public void Any_extension_type_decodes_as_unknown_even_nested()
    {
        var type = TfType.Object(new Dictionary<string, TfType> { ["a"] = TfType.String, ["b"] = StringList });
        // {a: ext(5, "xy"), b: [ext(12, {})]}
        var bytes = Hex.Bytes("82 a1 61 d5 05 78 79 a1 62 91 c7 01 0c 80");

        var decoded = CtyMsgPack.Decode(bytes, type);

        Assert.True(decoded["a"].IsUnknown);
        Assert.True(decoded["b"].Elements[0].IsUnknown);
    }

    [Fact]
    public void Unknown_set_elements_round_trip()
    {
        var set = TfValue.Set(TfType.String, [Str("a"), TfValue.Unknown(TfType.String)]);

        Assert.Equal(set, CtyMsgPack.Decode(CtyMsgPack.Encode(set, StringSet), StringSet));
    }

    private static readonly TfType StringSet = TfType.Set(TfType.String);
}
