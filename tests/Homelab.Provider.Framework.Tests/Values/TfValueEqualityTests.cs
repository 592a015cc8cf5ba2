using Homelab.Provider.Framework.Values;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Values;

[Trait(Tier.Name, Tier.Unit)]
public sealed class TfValueEqualityTests
{
    private static readonly TfType Pair = TfType.Object(new Dictionary<string, TfType>
    {
        ["a"] = TfType.String,
        ["b"] = TfType.Number,
    });

    [Fact]
    public void Sets_are_equal_whatever_the_element_order()
    {
        var ab = TfValue.Set(TfType.String, [TfValue.String("a"), TfValue.String("b")]);
        var ba = TfValue.Set(TfType.String, [TfValue.String("b"), TfValue.String("a")]);

        Assert.Equal(ab, ba);
        Assert.Equal(ab.GetHashCode(), ba.GetHashCode());
    }

    [Fact]
    public void Sets_collapse_duplicates()
    {
        var set = TfValue.Set(TfType.Number, [TfValue.Number(1), TfValue.Number(TfNumber.Parse("1.0")), TfValue.Number(2)]);

        Assert.Equal(2, set.Elements.Length);
        Assert.Equal(TfValue.Set(TfType.Number, [TfValue.Number(2), TfValue.Number(1)]), set);
    }

    [Fact]
    public void Lists_are_equal_only_in_the_same_order()
    {
        var ab = TfValue.List(TfType.String, [TfValue.String("a"), TfValue.String("b")]);
        var ba = TfValue.List(TfType.String, [TfValue.String("b"), TfValue.String("a")]);

        Assert.NotEqual(ab, ba);
        Assert.Equal(ab, TfValue.List(TfType.String, [TfValue.String("a"), TfValue.String("b")]));
    }

    [Fact]
    public void Null_is_not_unknown()
    {
        Assert.NotEqual(TfValue.Null(TfType.String), TfValue.Unknown(TfType.String));
        Assert.NotEqual(TfValue.Unknown(TfType.String), TfValue.String(""));
        Assert.NotEqual(TfValue.Null(TfType.String), TfValue.String(""));
    }

    [Fact]
    public void Nulls_and_unknowns_of_different_types_differ()
    {
        Assert.NotEqual(TfValue.Null(TfType.String), TfValue.Null(TfType.Number));
        Assert.NotEqual(TfValue.Unknown(TfType.String), TfValue.Unknown(TfType.Dynamic));
        Assert.Equal(TfValue.Unknown(Pair), TfValue.Unknown(Pair));
    }

    [Fact]
    public void Objects_compare_attribute_by_attribute()
    {
        var first = TfValue.Object(Pair, [KeyValuePair.Create("b", TfValue.Number(1)), KeyValuePair.Create("a", TfValue.String("x"))]);
        var second = TfValue.Object(Pair, [KeyValuePair.Create("a", TfValue.String("x")), KeyValuePair.Create("b", TfValue.Number(1))]);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, first.With("b", TfValue.Null(TfType.Number)));
        Assert.NotEqual(first, first.With("b", TfValue.Unknown(TfType.Number)));
    }

    [Fact]
    public void Objects_carry_every_attribute_missing_ones_as_null()
    {
        var value = TfValue.Object(Pair, []);

        Assert.Equal(2, value.Entries.Count);
        Assert.True(value["a"].IsNull);
        Assert.Equal(TfType.Number, value["b"].Type);
    }

    [Fact]
    public void Numbers_compare_by_value()
    {
        Assert.Equal(TfValue.Number(TfNumber.Parse("10")), TfValue.Number(TfNumber.Parse("1e1")));
        Assert.NotEqual(TfValue.Number(1), TfValue.String("1"));
    }

    [Fact]
    public void Wholly_known_looks_inside_collections()
    {
        var inner = TfValue.List(TfType.String, [TfValue.String("a"), TfValue.Unknown(TfType.String)]);

        Assert.False(inner.IsWhollyKnown);
        Assert.True(inner.IsKnown);
        Assert.True(TfValue.Null(TfType.String).IsWhollyKnown);
    }
}
