using System.Text;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Framework.Values.Codec;
using static Homelab.Provider.Framework.Tests.Values.Codec.Samples;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Values.Codec;

[Trait(Tier.Name, Tier.Unit)]
public sealed class CtyJsonTests
{
    private static readonly TfType Snapshot = TfType.Object(new Dictionary<string, TfType>
    {
        ["name"] = TfType.String,
        ["created"] = TfType.Number,
    });

    /// <summary>The schema of a dataset resource as its state is stored.</summary>
    private static readonly TfType Dataset = TfType.Object(new Dictionary<string, TfType>
    {
        ["id"] = TfType.String,
        ["name"] = TfType.String,
        ["properties"] = TfType.Map(TfType.String),
        ["quota"] = TfType.Number,
        ["readonly"] = TfType.Bool,
        ["snapshots"] = TfType.List(Snapshot),
        ["labels"] = TfType.Set(TfType.String),
    });

    /// <summary>State from an older provider version: no readonly/labels, plus since-removed keys.</summary>
    private static readonly byte[] OldRawState = """
        {
          "id": "tank/data",
          "name": "tank/data",
          "mountpoint": "/tank/data",
          "properties": {"compression": "zstd", "atime": "off"},
          "quota": 1e400,
          "snapshots": [
            {"name": "daily-1", "created": 1700000000, "retention_days": 7},
            {"name": "daily-2", "created": 1700086400.5}
          ]
        }
        """u8.ToArray();

    [Fact]
    public void Raw_state_with_missing_keys_decodes_them_as_null()
    {
        var state = CtyJson.Decode(OldRawState, Dataset, ignoreUndefinedAttributes: true);

        Assert.Equal(TfValue.Null(TfType.Bool), state["readonly"]);
        Assert.Equal(TfValue.Null(TfType.Set(TfType.String)), state["labels"]);
        Assert.Equal(Str("tank/data"), state["id"]);
        Assert.Equal(MapOf(TfType.String, ("atime", Str("off")), ("compression", Str("zstd"))), state["properties"]);
        Assert.Equal(TfNumber.Parse("1e400"), state["quota"].AsNumber());
        Assert.Equal(Obj(Snapshot, ("name", Str("daily-2")), ("created", Num("1700086400.5"))), state["snapshots"].Elements[1]);
    }

    [Fact]
    public void Raw_state_with_extra_keys_is_refused_by_default()
    {
        var ex = Assert.Throws<ValueCodecException>(() => CtyJson.Decode(OldRawState, Dataset));

        Assert.Equal(".mountpoint", ex.AttributePath);
        Assert.Contains("unsupported attribute", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignoring_undefined_attributes_applies_at_every_depth()
    {
        var json = """{"snapshots":[{"name":"a","created":1,"retention_days":{"nested":[1,2]}}],"mountpoint":null}"""u8.ToArray();

        var state = CtyJson.Decode(json, Dataset, ignoreUndefinedAttributes: true);

        Assert.Equal(Obj(Snapshot, ("name", Str("a")), ("created", Num("1"))), state["snapshots"].Elements[0]);
        var ex = Assert.Throws<ValueCodecException>(() => CtyJson.Decode(json, Dataset));
        Assert.Equal(".snapshots[0].retention_days", ex.AttributePath);
    }

    public static TheoryData<string, TfValue, TfType> Values() => new()
    {
        { "string", Str("a \"quoted\" <tag> & ✓"), TfType.String },
        { "number 1e400", Num("1e400"), TfType.Number },
        { "number -1e-400", Num("-1e-400"), TfType.Number },
        { "number 0.1", Num("0.1"), TfType.Number },
        { "uint64 max", TfValue.Number(TfNumber.FromUInt64(ulong.MaxValue)), TfType.Number },
        { "bool", TfValue.False, TfType.Bool },
        { "list", TfValue.List(TfType.String, [Str("a"), TfValue.Null(TfType.String)]), StringList },
        { "set", TfValue.Set(TfType.Number, [Num("2"), Num("1")]), NumberSet },
        { "map", MapOf(TfType.Bool, ("x", TfValue.True)), BoolMap },
        { "object with nulls", Obj(SmallObject, ("a", Num("1"))), SmallObject },
        { "tuple", TfValue.Tuple([Str("a"), Num("2")]), Pair },
        { "dynamic object", Obj(SmallObject, ("b", Str("x"))), TfType.Dynamic },
        { "dynamic typed null", TfValue.Null(TfType.String), TfType.Dynamic },
        { "dynamic null", TfValue.Null(TfType.Dynamic), TfType.Dynamic },
        { "null object", TfValue.Null(Dataset), Dataset },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Values_survive_encode_then_decode(string name, TfValue value, TfType type)
    {
        var json = CtyJson.Encode(value, type);

        var decoded = CtyJson.Decode(json, type);

        Assert.True(value.Equals(decoded), $"{name}: {value} came back as {decoded} from {Encoding.UTF8.GetString(json)}");
    }

    public static TheoryData<string, TfValue, TfType, string> Vectors() => new()
    {
        { "object {a=1,b=null}", Obj(SmallObject, ("a", Num("1"))), SmallObject, """{"a":1,"b":null}""" },
        { "1e400 in plain notation", Num("1e400"), TfType.Number, "1" + new string('0', 400) },
        { "0.1", Num("0.1"), TfType.Number, "0.1" },
        { "html characters escaped like Go", Str("<a&b>"), TfType.String, "\"\\u003ca\\u0026b\\u003e\"" },
        { "control characters", Str("\t\u0001\n"), TfType.String, "\"\\t\\u0001\\n\"" },
        { "dynamic string", Str("hi"), TfType.Dynamic, """{"value":"hi","type":"string"}""" },
        { "dynamic list", TfValue.List(TfType.Number, [Num("1")]), TfType.Dynamic, """{"value":[1],"type":["list","number"]}""" },
        { "tuple", TfValue.Tuple([Str("a"), Num("2")]), Pair, """["a",2]""" },
        { "map in key order", MapOf(TfType.Bool, ("b", TfValue.True), ("a", TfValue.False)), BoolMap, """{"a":false,"b":true}""" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Encodes_to_the_json_cty_writes(string name, TfValue value, TfType type, string json)
    {
        Assert.True(json == Encoding.UTF8.GetString(CtyJson.Encode(value, type)), name);
    }

    [Fact]
    public void Dynamic_value_may_list_type_before_value()
    {
        var decoded = CtyJson.Decode("""{"type":["list","number"],"value":[1, 2.5]}"""u8, TfType.Dynamic);

        Assert.Equal(TfValue.List(TfType.Number, [Num("1"), Num("2.5")]), decoded);
    }

    [Fact]
    public void Dynamic_value_with_string_token_value_is_sliced_correctly()
    {
        var decoded = CtyJson.Decode("""{"value" : "a\"b" , "type":"string"}"""u8, TfType.Dynamic);

        Assert.Equal(Str("a\"b"), decoded);
    }

    public static TheoryData<string, TfType, TfValue> LenientInputs() => new()
    {
        { "5", TfType.String, Str("5") },
        { "1.50", TfType.String, Str("1.50") },
        { "true", TfType.String, Str("true") },
        { "\"12.5\"", TfType.Number, Num("12.5") },
        { "\"1\"", TfType.Bool, TfValue.True },
        { "\"false\"", TfType.Bool, TfValue.False },
        { "null", SmallObject, TfValue.Null(SmallObject) },
        { "{}", SmallObject, Obj(SmallObject) },
        { "1e-400", TfType.Number, Num("1e-400") },
    };

    [Theory]
    [MemberData(nameof(LenientInputs))]
    public void Decodes_the_conversions_cty_accepts(string json, TfType type, TfValue expected)
    {
        Assert.Equal(expected, CtyJson.Decode(Encoding.UTF8.GetBytes(json), type));
    }

    public static TheoryData<string, TfType, string, string> Failures() => new()
    {
        { "", TfType.String, "", "malformed" },
        { "[1,", StringList, "", "malformed" },
        { "\"a\" \"b\"", TfType.String, "", "malformed" },
        { "{\"tags\":{\"x\":[]}}", TfType.Object(new Dictionary<string, TfType> { ["tags"] = TfType.Map(TfType.String) }), ".tags[\"x\"]", "a string is required, found an array" },
        { "\"abc\"", TfType.Number, "", "not a decimal number" },
        { "\"yes\"", TfType.Bool, "", "a bool is required" },
        { "[\"a\"]", Pair, "", "2 element(s) is required (1 given)" },
        { "[\"a\",1,2]", Pair, "[2]", "more given" },
        { "{\"value\":1}", TfType.Dynamic, "", "no \"type\"" },
        { "{\"type\":\"number\"}", TfType.Dynamic, "", "no \"value\"" },
        { "{\"type\":\"number\",\"value\":1,\"other\":2}", TfType.Dynamic, "", "only \"value\" and \"type\"" },
        { "{\"type\":\"nope\",\"value\":1}", TfType.Dynamic, "", "type is unusable" },
        { "[{\"value\":[\"x\"],\"type\":[\"list\",\"number\"]}]", TfType.List(TfType.Dynamic), "[0][0]", "not a decimal number" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Bad_json_raises_a_codec_error_naming_the_path(string json, TfType type, string path, string detail)
    {
        var ex = Assert.Throws<ValueCodecException>(() => CtyJson.Decode(Encoding.UTF8.GetBytes(json), type));

        Assert.True(path == ex.AttributePath, $"{json}: path was '{ex.AttributePath}' ({ex.Message})");
        Assert.Contains(detail, ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_values_cannot_be_encoded()
    {
        var value = Obj(SmallObject, ("b", TfValue.Unknown(TfType.String)));

        var ex = Assert.Throws<ArgumentException>(() => CtyJson.Encode(value, SmallObject));

        Assert.StartsWith("At .b:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_of_another_type_is_a_programmer_error()
    {
        Assert.Throws<ArgumentException>(() => CtyJson.Encode(Str("1"), TfType.Number));
    }
}
