using System.Text;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Framework.Values.Codec;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Values.Codec;

[Trait(Tier.Name, Tier.Unit)]
public sealed class CtyTypeJsonTests
{
    public static TheoryData<string> CanonicalTypes() =>
    [
        "\"string\"",
        "\"number\"",
        "\"bool\"",
        "\"dynamic\"",
        """["list","string"]""",
        """["set",["map","number"]]""",
        """["map",["list","dynamic"]]""",
        """["object",{}]""",
        """["object",{"Zed":"bool","a":"string","b":["set",["object",{"port":"number"}]]}]""",
        """["tuple",[]]""",
        """["tuple",["string",["list","bool"],"dynamic"]]""",
        """["object",{"a\u003cb":"string","é":"number"}]""",
    ];

    [Theory]
    [MemberData(nameof(CanonicalTypes))]
    public void Canonical_type_json_round_trips_byte_for_byte(string json)
    {
        var type = CtyTypeJson.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(json, Encoding.UTF8.GetString(CtyTypeJson.Serialize(type)));
    }

    [Theory]
    [MemberData(nameof(CanonicalTypes))]
    public void Parse_inverts_serialize(string json)
    {
        var type = CtyTypeJson.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(type, CtyTypeJson.Parse(CtyTypeJson.Serialize(type)));
    }

    [Fact]
    public void Parses_the_structure_it_describes()
    {
        var type = CtyTypeJson.Parse("""["object",{"name":"string","tags":["map","string"],"pair":["tuple",["number","bool"]]}]"""u8);

        var expected = TfType.Object(new Dictionary<string, TfType>
        {
            ["name"] = TfType.String,
            ["tags"] = TfType.Map(TfType.String),
            ["pair"] = TfType.Tuple([TfType.Number, TfType.Bool]),
        });
        Assert.Equal(expected, type);
    }

    [Fact]
    public void Agrees_with_TfType_ToString_for_ascii_names()
    {
        var type = CtyTypeJson.Parse("""["list",["object",{"b":"number","a":["set","string"]}]]"""u8);

        Assert.Equal(type.ToString(), Encoding.UTF8.GetString(CtyTypeJson.Serialize(type)));
    }

    [Fact]
    public void Optional_attribute_list_is_accepted_and_ignored()
    {
        var type = CtyTypeJson.Parse("""["object",{"a":"string","b":"number"},["b"]]"""u8);

        Assert.Equal("""["object",{"a":"string","b":"number"}]""", Encoding.UTF8.GetString(CtyTypeJson.Serialize(type)));
    }

    [Fact]
    public void Whitespace_is_tolerated()
    {
        var type = CtyTypeJson.Parse(" [ \"list\" ,\n \"string\" ] "u8);

        Assert.Equal(TfType.List(TfType.String), type);
    }

    [Fact]
    public void Go_style_escaping_is_used_for_attribute_names()
    {
        var type = TfType.Object(new Dictionary<string, TfType> { ["<a&b>\n\"\u2028"] = TfType.String });

        Assert.Equal("""["object",{"\u003ca\u0026b\u003e\n\"\u2028":"string"}]""", Encoding.UTF8.GetString(CtyTypeJson.Serialize(type)));
    }

    public static TheoryData<string> Invalid() =>
    [
        "",
        "\"strin\"",
        "42",
        "{}",
        """["list"]""",
        """["list","string","extra"]""",
        """["sets","string"]""",
        """[1,"string"]""",
        """["object",["string"]]""",
        """["object",{"a":"string","a":"number"}]""",
        """["tuple","string"]""",
        "\"string\" \"number\"",
        "[\"list\",\"string\"",
    ];

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_type_json_raises_a_codec_error(string json)
    {
        var ex = Assert.Throws<ValueCodecException>(() => CtyTypeJson.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.NotEmpty(ex.Detail);
    }
}
