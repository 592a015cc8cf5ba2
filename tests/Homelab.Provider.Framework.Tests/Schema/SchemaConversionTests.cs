using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Server;
using Homelab.Provider.Framework.Values;
using Proto = Homelab.Provider.Framework.Protocol;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Schema;

[Trait(Tier.Name, Tier.Unit)]
public sealed class SchemaConversionTests
{
    private static readonly TfType Pair = TfType.Object([
        KeyValuePair.Create("b", TfType.Number),
        KeyValuePair.Create("a", TfType.String),
    ]);

    public static TheoryData<TfType, string> TypeBytes => new()
    {
        { TfType.String, "\"string\"" },
        { TfType.Number, "\"number\"" },
        { TfType.Bool, "\"bool\"" },
        { TfType.Dynamic, "\"dynamic\"" },
        { TfType.List(TfType.String), "[\"list\",\"string\"]" },
        { TfType.Set(TfType.Number), "[\"set\",\"number\"]" },
        { TfType.Map(TfType.String), "[\"map\",\"string\"]" },
        { TfType.Map(TfType.List(TfType.Bool)), "[\"map\",[\"list\",\"bool\"]]" },
        { Pair, "[\"object\",{\"a\":\"string\",\"b\":\"number\"}]" },
    };

    [Theory]
    [MemberData(nameof(TypeBytes))]
    public void Attribute_type_is_cty_type_json(TfType type, string json)
    {
        var proto = Convert(new Block { Attributes = [new SchemaAttribute("v", type, "") { Optional = true }] });

        Assert.Equal(json, proto.Block.Attributes[0].Type.ToStringUtf8());
        Assert.Null(proto.Block.Attributes[0].NestedType);
    }

    public static TheoryData<NestingMode, int> AttributeNestings => new()
    {
        { NestingMode.Single, (int)Proto.Schema.Types.Object.Types.NestingMode.Single },
        { NestingMode.List, (int)Proto.Schema.Types.Object.Types.NestingMode.List },
        { NestingMode.Set, (int)Proto.Schema.Types.Object.Types.NestingMode.Set },
        { NestingMode.Map, (int)Proto.Schema.Types.Object.Types.NestingMode.Map },
    };

    [Theory]
    [MemberData(nameof(AttributeNestings))]
    public void Nested_attribute_becomes_an_object_with_sorted_attributes_and_no_type_bytes(NestingMode nesting, int expected)
    {
        var nested = new NestedAttributes(nesting,
        [
            new SchemaAttribute("zone", TfType.String, "") { Computed = true },
            new SchemaAttribute("mode", TfType.String, "") { Optional = true },
        ]);

        var attr = Convert(new Block { Attributes = [new SchemaAttribute("settings", nested, "") { Optional = true }] }).Block.Attributes[0];

        Assert.True(attr.Type.IsEmpty);
        Assert.Equal(expected, (int)attr.NestedType.Nesting);
        Assert.Equal(["mode", "zone"], attr.NestedType.Attributes.Select(a => a.Name));
        Assert.True(attr.NestedType.Attributes[1].Computed);
    }

    public static TheoryData<NestingMode, int> BlockNestings => new()
    {
        { NestingMode.Single, (int)Proto.Schema.Types.NestedBlock.Types.NestingMode.Single },
        { NestingMode.Group, (int)Proto.Schema.Types.NestedBlock.Types.NestingMode.Group },
        { NestingMode.List, (int)Proto.Schema.Types.NestedBlock.Types.NestingMode.List },
        { NestingMode.Set, (int)Proto.Schema.Types.NestedBlock.Types.NestingMode.Set },
        { NestingMode.Map, (int)Proto.Schema.Types.NestedBlock.Types.NestingMode.Map },
    };

    [Theory]
    [MemberData(nameof(BlockNestings))]
    public void Nested_block_keeps_nesting_and_item_limits(NestingMode nesting, int expected)
    {
        var inner = new Block { Attributes = [new SchemaAttribute("host", TfType.String, "The host.") { Required = true }] };

        var proto = Convert(new Block { Blocks = [new NestedBlock("remote", inner, nesting) { MinItems = 1, MaxItems = 3 }] }, version: 4);

        var b = Assert.Single(proto.Block.BlockTypes);
        Assert.Equal("remote", b.TypeName);
        Assert.Equal(expected, (int)b.Nesting);
        Assert.Equal(1, b.MinItems);
        Assert.Equal(3, b.MaxItems);
        Assert.Equal("host", Assert.Single(b.Block.Attributes).Name);
        Assert.Equal(4, b.Block.Version);
    }

    [Fact]
    public void Descriptions_are_markdown_at_every_level()
    {
        var inner = new Block { Description = "Inner **block**.", Attributes = [new SchemaAttribute("host", TfType.String, "The `host`.") { Required = true }] };

        var proto = Convert(new Block
        {
            Description = "A *thing*.",
            Attributes = [new SchemaAttribute("name", TfType.String, "The name.") { Required = true }],
            Blocks = [new NestedBlock("remote", inner, NestingMode.Single)],
        });

        Assert.Equal(Proto.StringKind.Markdown, proto.Block.DescriptionKind);
        Assert.Equal("A *thing*.", proto.Block.Description);
        Assert.Equal(Proto.StringKind.Markdown, proto.Block.Attributes[0].DescriptionKind);
        Assert.Equal(Proto.StringKind.Markdown, proto.Block.BlockTypes[0].Block.DescriptionKind);
        Assert.Equal(Proto.StringKind.Markdown, proto.Block.BlockTypes[0].Block.Attributes[0].DescriptionKind);
        Assert.Equal("The `host`.", proto.Block.BlockTypes[0].Block.Attributes[0].Description);
    }

    [Fact]
    public void Attribute_flags_are_carried_over()
    {
        var proto = Convert(new Block
        {
            Attributes =
            [
                new SchemaAttribute("password", TfType.String, "") { Optional = true, Sensitive = true, WriteOnly = true },
                new SchemaAttribute("old", TfType.String, "Old.") { Optional = true, Computed = true, DeprecationMessage = "Use `new`." },
                new SchemaAttribute("name", TfType.String, "") { Required = true },
            ],
        });
        var byName = proto.Block.Attributes.ToDictionary(a => a.Name);

        Assert.True(byName["password"] is { Sensitive: true, WriteOnly: true, Optional: true, Required: false, Computed: false, Deprecated: false });
        Assert.True(byName["old"] is { Deprecated: true, Optional: true, Computed: true, Sensitive: false, WriteOnly: false });
        Assert.Contains("Use `new`.", byName["old"].Description, StringComparison.Ordinal);
        Assert.StartsWith("Old.", byName["old"].Description, StringComparison.Ordinal);
        Assert.True(byName["name"] is { Required: true, Optional: false, Computed: false });
    }

    [Fact]
    public void Attributes_and_blocks_are_sorted_by_name()
    {
        var empty = new Block();
        var proto = Convert(new Block
        {
            Attributes =
            [
                new SchemaAttribute("b", TfType.String, "") { Optional = true },
                new SchemaAttribute("a_z", TfType.String, "") { Optional = true },
                new SchemaAttribute("A", TfType.String, "") { Optional = true },
                new SchemaAttribute("a", TfType.String, "") { Optional = true },
            ],
            Blocks = [new NestedBlock("y", empty, NestingMode.List), new NestedBlock("x", empty, NestingMode.List)],
        });

        Assert.Equal(["A", "a", "a_z", "b"], proto.Block.Attributes.Select(a => a.Name));
        Assert.Equal(["x", "y"], proto.Block.BlockTypes.Select(b => b.TypeName));
    }

    [Fact]
    public void Schema_and_block_carry_the_version()
    {
        var proto = Convert(new Block { Deprecated = true }, version: 7);

        Assert.Equal(7, proto.Version);
        Assert.Equal(7, proto.Block.Version);
        Assert.True(proto.Block.Deprecated);
    }

    public static TheoryData<NestingMode, string> BlockImpliedTypes => new()
    {
        { NestingMode.Single, "[\"object\",{\"host\":\"string\"}]" },
        { NestingMode.Group, "[\"object\",{\"host\":\"string\"}]" },
        { NestingMode.List, "[\"list\",[\"object\",{\"host\":\"string\"}]]" },
        { NestingMode.Set, "[\"set\",[\"object\",{\"host\":\"string\"}]]" },
        { NestingMode.Map, "[\"map\",[\"object\",{\"host\":\"string\"}]]" },
    };

    [Theory]
    [MemberData(nameof(BlockImpliedTypes))]
    public void Implied_type_of_a_nested_block_follows_its_nesting(NestingMode nesting, string expected)
    {
        var inner = new Block { Attributes = [new SchemaAttribute("host", TfType.String, "") { Required = true }] };
        var outer = new Block
        {
            Attributes = [new SchemaAttribute("name", TfType.String, "") { Required = true }],
            Blocks = [new NestedBlock("remote", inner, nesting)],
        };

        Assert.Equal(expected, new NestedBlock("remote", inner, nesting).ImpliedType.ToString());
        Assert.Equal($"[\"object\",{{\"name\":\"string\",\"remote\":{expected}}}]", outer.ImpliedType.ToString());
    }

    [Fact]
    public void Implied_type_of_a_nested_attribute_follows_its_nesting()
    {
        var attrs = new[] { new SchemaAttribute("port", TfType.Number, "") { Required = true } };

        Assert.Equal("[\"object\",{\"port\":\"number\"}]", new NestedAttributes(NestingMode.Single, attrs).ImpliedType.ToString());
        Assert.Equal("[\"list\",[\"object\",{\"port\":\"number\"}]]", new NestedAttributes(NestingMode.List, attrs).ImpliedType.ToString());
        Assert.Equal("[\"map\",[\"object\",{\"port\":\"number\"}]]", new NestedAttributes(NestingMode.Map, attrs).ImpliedType.ToString());
        Assert.Equal("[\"set\",[\"object\",{\"port\":\"number\"}]]", new NestedAttributes(NestingMode.Set, attrs).ImpliedType.ToString());
    }

    private static Proto.Schema Convert(Block block, long version = 0) => ToProto.Schema(new ResourceSchema(version, block));
}
