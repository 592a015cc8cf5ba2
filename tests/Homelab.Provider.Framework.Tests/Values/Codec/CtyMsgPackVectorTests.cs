using Homelab.Provider.Framework.Values;
using Homelab.Provider.Framework.Values.Codec;
using static Homelab.Provider.Framework.Tests.Values.Codec.Samples;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Values.Codec;

/// <summary>
/// Hand-derived bytes (msgpack spec + go-cty cty/msgpack): what we write must be what Terraform
/// writes, and what Terraform writes must decode.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class CtyMsgPackVectorTests
{
    private static readonly string OneE400 = "da 01 91 31" + string.Concat(Enumerable.Repeat(" 30", 400));

    public static TheoryData<string, TfValue, TfType, string> Vectors() => new()
    {
        { "fixstr", Str("hello"), TfType.String, "a5 68 65 6c 6c 6f" },
        { "str8 from 32 bytes (not the old-spec raw16)", Str(new string('a', 32)), TfType.String, "d9 20" + string.Concat(Enumerable.Repeat(" 61", 32)) },
        { "null", TfValue.Null(TfType.String), TfType.String, "c0" },
        { "unknown", TfValue.Unknown(TfType.String), TfType.String, "d4 00 00" },
        { "true", TfValue.True, TfType.Bool, "c3" },
        { "false", TfValue.False, TfType.Bool, "c2" },
        { "positive fixint", Num("0"), TfType.Number, "00" },
        { "127", Num("127"), TfType.Number, "7f" },
        { "128 as uint8", Num("128"), TfType.Number, "cc 80" },
        { "300 as uint16", Num("300"), TfType.Number, "cd 01 2c" },
        { "70000 as uint32", Num("70000"), TfType.Number, "ce 00 01 11 70" },
        { "negative fixint", Num("-1"), TfType.Number, "ff" },
        { "-32", Num("-32"), TfType.Number, "e0" },
        { "-33 as int8", Num("-33"), TfType.Number, "d0 df" },
        { "-200 as int16", Num("-200"), TfType.Number, "d1 ff 38" },
        { "int64 min", TfValue.Number(long.MinValue), TfType.Number, "d3 80 00 00 00 00 00 00 00" },
        { "int64 max as uint64", TfValue.Number(long.MaxValue), TfType.Number, "cf 7f ff ff ff ff ff ff ff" },
        { "2^63", TfValue.Number(TfNumber.FromUInt64(1UL << 63)), TfType.Number, "cf 80 00 00 00 00 00 00 00" },
        { "uint64 max", TfValue.Number(TfNumber.FromUInt64(ulong.MaxValue)), TfType.Number, "cf ff ff ff ff ff ff ff ff" },
        { "0.1 as float64", Num("0.1"), TfType.Number, "cb 3f b9 99 99 99 99 99 9a" },
        { "1.5 as float64", Num("1.5"), TfType.Number, "cb 3f f8 00 00 00 00 00 00" },
        { "-2.5 as float64", Num("-2.5"), TfType.Number, "cb c0 04 00 00 00 00 00 00" },
        // Integers beyond uint64 go as strings even when a double holds them exactly (go-cty f41ae52).
        { "2^64 as string", Num("18446744073709551616"), TfType.Number, "b4 31 38 34 34 36 37 34 34 30 37 33 37 30 39 35 35 31 36 31 36" },
        { "1e400 as string", Num("1e400"), TfType.Number, OneE400 },
        { "inexact fraction as string", Num("0.10000000000000000001"), TfType.Number, "b6 30 2e 31 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 31" },
        { "object {a=1,b=null}", Obj(SmallObject, ("a", Num("1"))), SmallObject, "82 a1 61 01 a1 62 c0" },
        { "list", TfValue.List(TfType.String, [Str("a"), Str("b")]), StringList, "92 a1 61 a1 62" },
        { "map", MapOf(TfType.Bool, ("x", TfValue.True)), BoolMap, "81 a1 78 c3" },
        { "tuple", TfValue.Tuple([Str("a"), Num("2")]), Pair, "92 a1 61 02" },
        { "dynamic string", Str("hi"), TfType.Dynamic, "92 c4 08 22 73 74 72 69 6e 67 22 a2 68 69" },
        { "dynamic list", TfValue.List(TfType.Bool, [TfValue.True]), TfType.Dynamic,
            "92 c4 0f 5b 22 6c 69 73 74 22 2c 22 62 6f 6f 6c 22 5d 91 c3" },
        { "dynamic null of unspecified type", TfValue.Null(TfType.Dynamic), TfType.Dynamic, "c0" },
        { "dynamic unknown of unspecified type", TfValue.Unknown(TfType.Dynamic), TfType.Dynamic, "d4 00 00" },
        { "dynamic typed null keeps its type", TfValue.Null(TfType.Bool), TfType.Dynamic, "92 c4 06 22 62 6f 6f 6c 22 c0" },
        { "dynamic typed unknown keeps its type", TfValue.Unknown(TfType.Bool), TfType.Dynamic, "92 c4 06 22 62 6f 6f 6c 22 d4 00 00" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Encodes_to_the_bytes_cty_writes(string name, TfValue value, TfType type, string hex)
    {
        Assert.True(Hex.Normalize(hex) == Hex.Of(CtyMsgPack.Encode(value, type)), name);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Decodes_the_bytes_cty_writes(string name, TfValue value, TfType type, string hex)
    {
        var decoded = CtyMsgPack.Decode(Hex.Bytes(hex), type);

        Assert.True(value.Equals(decoded), $"{name}: expected {value}, got {decoded}");
    }

    public static TheoryData<string, string, string> NumberInputs() => new()
    {
        { "decimal string", "a7 31 32 33 2e 34 35 36", "123.456" },
        { "decimal string with exponent", "a5 31 65 34 30 30", "1e400" },
        { "negative tiny string", "a7 2d 31 65 2d 34 30 30", "-1e-400" },
        { "float32", "ca 3f c0 00 00", "1.5" },
        { "float64 integral", "cb 40 59 00 00 00 00 00 00", "100" },
        { "int8", "d0 9c", "-100" },
        { "int64 written wide", "d3 00 00 00 00 00 00 00 05", "5" },
        { "uint16", "cd ff ff", "65535" },
        { "uint64 max", "cf ff ff ff ff ff ff ff ff", "18446744073709551615" },
    };

    [Theory]
    [MemberData(nameof(NumberInputs))]
    public void Decodes_every_number_form(string name, string hex, string expected)
    {
        var decoded = CtyMsgPack.Decode(Hex.Bytes(hex), TfType.Number);

        Assert.True(TfNumber.Parse(expected) == decoded.AsNumber(), $"{name}: got {decoded}");
    }

    [Fact]
    public void Object_attributes_are_written_in_sorted_order_whatever_the_declaration_order()
    {
        var type = TfType.Object(new Dictionary<string, TfType> { ["zeta"] = TfType.Bool, ["Alpha"] = TfType.Bool, ["beta"] = TfType.Bool });

        var bytes = CtyMsgPack.Encode(TfValue.Object(type, []), type);

        // Ordinal: "Alpha" < "beta" < "zeta".
        Assert.Equal(Hex.Normalize("83 a5 41 6c 70 68 61 c0 a4 62 65 74 61 c0 a4 7a 65 74 61 c0"), Hex.Of(bytes));
    }

    [Fact]
    public void Object_attributes_may_arrive_in_any_order()
    {
        var decoded = CtyMsgPack.Decode(Hex.Bytes("82 a1 62 a1 78 a1 61 01"), SmallObject);

        Assert.Equal(Obj(SmallObject, ("a", Num("1")), ("b", Str("x"))), decoded);
    }

    [Fact]
    public void Dynamic_type_json_is_accepted_as_str_as_well_as_bin()
    {
        var asStr = Hex.Bytes("92 a8 22 73 74 72 69 6e 67 22 a2 68 69");

        Assert.Equal(Str("hi"), CtyMsgPack.Decode(asStr, TfType.Dynamic));
    }

    [Fact]
    public void Dynamic_object_carries_its_type_json()
    {
        var bytes = CtyMsgPack.Encode(Obj(SmallObject, ("a", Num("1"))), TfType.Dynamic);

        var typeJson = """["object",{"a":"number","b":"string"}]"""u8.ToArray();
        Assert.Equal(0x92, bytes[0]);
        Assert.Equal(0xc4, bytes[1]);
        Assert.Equal(typeJson.Length, bytes[2]);
        Assert.Equal(typeJson, bytes[3..(3 + typeJson.Length)]);
        Assert.Equal("82 a1 61 01 a1 62 c0", Hex.Of(bytes.AsSpan(3 + typeJson.Length)));
    }
}
