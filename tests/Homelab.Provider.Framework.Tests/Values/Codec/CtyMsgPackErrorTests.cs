using Homelab.Provider.Framework.Values;
using Homelab.Provider.Framework.Values.Codec;
using static Homelab.Provider.Framework.Tests.Values.Codec.Samples;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Values.Codec;

[Trait(Tier.Name, Tier.Unit)]
public sealed class CtyMsgPackErrorTests
{
    private static readonly TfType Dataset = TfType.Object(new Dictionary<string, TfType>
    {
        ["name"] = TfType.String,
        ["tags"] = TfType.Map(TfType.String),
        ["rules"] = TfType.List(TfType.Object(new Dictionary<string, TfType> { ["port"] = TfType.Number })),
        ["payload"] = TfType.Dynamic,
    });

    /// <summary>A valid encoding of Dataset with the given hex spliced in for one attribute.</summary>
    private static byte[] DatasetWith(string name = "c0", string tags = "c0", string rules = "c0", string payload = "c0") =>
        Hex.Bytes($"84 a4 6e 61 6d 65 {name} a7 70 61 79 6c 6f 61 64 {payload} a5 72 75 6c 65 73 {rules} a4 74 61 67 73 {tags}");

    public static TheoryData<string, byte[], TfType, string, string> Failures() => new()
    {
        { "empty input", [], TfType.String, "", "ends" },
        { "truncated string", Hex.Bytes("a5 68 65"), TfType.String, "", "truncated" },
        { "truncated float", Hex.Bytes("cb 3f b9"), TfType.Number, "", "truncated" },
        { "truncated extension", Hex.Bytes("d4 00"), TfType.String, "", "truncated" },
        { "truncated map value", DatasetWith(tags: "81 a1 78 a5 68"), Dataset, ".tags[\"x\"]", "truncated" },
        { "array header promising more than the data holds", Hex.Bytes("93 01 02"), NumberSet, "", "truncated" },
        { "truncated element", Hex.Bytes("92 01 cd 01"), NumberSet, "[1]", "truncated" },
        { "trailing bytes", Hex.Bytes("c0 c0"), TfType.String, "", "unexpected byte" },
        { "bool slot given an integer", Hex.Bytes("01"), TfType.Bool, "", "a bool is required, found an integer" },
        { "string slot given a bool", DatasetWith(name: "c3"), Dataset, ".name", "a string is required" },
        { "wrong kind in a list", DatasetWith(rules: "92 81 a4 70 6f 72 74 01 81 a4 70 6f 72 74 a1 78"), Dataset, ".rules[1].port", "not a decimal number" },
        { "map key not a string", DatasetWith(tags: "81 01 a1 78"), Dataset, ".tags", "must be strings" },
        { "number slot given an array", Hex.Bytes("90"), TfType.Number, "", "a number is required, found an array" },
        { "list slot given a map", Hex.Bytes("80"), StringList, "", "a list is required, found a map" },
        { "missing object attribute", Hex.Bytes("81 a1 61 01"), SmallObject, "", "2 attribute(s) is required (1 given)" },
        { "empty map for an object", Hex.Bytes("80"), SmallObject, "", "2 attribute(s) is required (0 given)" },
        { "extra object attribute", Hex.Bytes("82 a1 61 01 a1 7a c0"), SmallObject, ".z", "unsupported attribute" },
        { "duplicate object attribute", Hex.Bytes("82 a1 61 01 a1 61 02"), SmallObject, ".a", "twice" },
        { "tuple of wrong length", Hex.Bytes("91 a1 61"), Pair, "", "2 element(s) is required (1 given)" },
        { "dynamic not an array", DatasetWith(payload: "a1 78"), Dataset, ".payload", "dynamic value" },
        { "dynamic with three elements", Hex.Bytes("93 c4 08 22 73 74 72 69 6e 67 22 a1 78 c0"), TfType.Dynamic, "", "two-element" },
        { "dynamic with bad type json", Hex.Bytes("92 c4 06 22 73 74 72 22 20 a1 78"), TfType.Dynamic, "", "type is unusable" },
        { "dynamic with type that is not bin or str", Hex.Bytes("92 01 a1 78"), TfType.Dynamic, "", "bin or str" },
        { "dynamic value not of its declared type", Hex.Bytes("92 c4 08 22 73 74 72 69 6e 67 22 01"), TfType.Dynamic, "", "a string is required" },
        { "infinite float", Hex.Bytes("cb 7f f0 00 00 00 00 00 00"), TfType.Number, "", "finite" },
        { "non-numeric string", Hex.Bytes("a3 61 62 63"), TfType.Number, "", "not a decimal number" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Bad_input_raises_a_codec_error_naming_the_path(string name, byte[] bytes, TfType type, string path, string detail)
    {
        var ex = Assert.Throws<ValueCodecException>(() => CtyMsgPack.Decode(bytes, type));

        Assert.True(path == ex.AttributePath, $"{name}: path was '{ex.AttributePath}' ({ex.Message})");
        Assert.Contains(detail, ex.Detail, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_names_the_attribute_path()
    {
        var ex = Assert.Throws<ValueCodecException>(() => CtyMsgPack.Decode(DatasetWith(tags: "81 a1 78 01"), Dataset));

        Assert.StartsWith("At .tags[\"x\"]: a string is required, found an integer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_nesting_of_dynamic_values_is_refused_not_a_stack_overflow()
    {
        // ["dynamic", ["dynamic", ...]] a thousand levels deep.
        var level = Hex.Bytes("92 c4 09 22 64 79 6e 61 6d 69 63 22");
        var bytes = Enumerable.Repeat(level, 1000).SelectMany(b => b).Append((byte)0xc0).ToArray();

        var ex = Assert.Throws<ValueCodecException>(() => CtyMsgPack.Decode(bytes, TfType.Dynamic));

        Assert.Contains("nested", ex.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string, TfValue, TfType> NonConforming() => new()
    {
        { "string for number", Str("1"), TfType.Number },
        { "list for set", TfValue.List(TfType.String, []), TfType.Set(TfType.String) },
        { "wrong element type", TfValue.List(TfType.Number, []), StringList },
        { "object with other attributes", TfValue.Object(TfType.Object(new Dictionary<string, TfType> { ["a"] = TfType.Number }), []), SmallObject },
        { "tuple of other length", TfValue.Tuple([Str("a")]), Pair },
        { "wrong element inside list of dynamic slot", TfValue.List(TfType.Dynamic, [Num("1")]), StringList },
    };

    [Theory]
    [MemberData(nameof(NonConforming))]
    public void Encoding_a_value_of_another_type_is_a_programmer_error(string name, TfValue value, TfType type)
    {
        var ex = Assert.Throws<ArgumentException>(() => CtyMsgPack.Encode(value, type));

        Assert.False(string.IsNullOrEmpty(ex.Message), name);
    }

    [Fact]
    public void Encoding_error_inside_a_value_names_the_path()
    {
        var loose = TfType.Object(new Dictionary<string, TfType> { ["rules"] = TfType.List(TfType.Dynamic) });
        var strict = TfType.Object(new Dictionary<string, TfType> { ["rules"] = StringList });
        var value = Obj(loose, ("rules", TfValue.List(TfType.Dynamic, [Str("fine"), Num("1")])));

        var ex = Assert.Throws<ArgumentException>(() => CtyMsgPack.Encode(value, strict));

        Assert.StartsWith("At .rules[1]:", ex.Message, StringComparison.Ordinal);
    }
}
