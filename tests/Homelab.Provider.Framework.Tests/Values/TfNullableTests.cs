using Homelab.Provider.Framework.Values;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Values;

[Trait(Tier.Name, Tier.Unit)]
public sealed class TfNullableTests
{
    private static readonly TfType Type = TfType.Object(new Dictionary<string, TfType> { ["s"] = TfType.String, ["n"] = TfType.Number });

    [Fact]
    public void Known_values_come_back_as_they_are()
    {
        var v = TfValue.Object(Type, [KeyValuePair.Create("s", TfValue.String("x")), KeyValuePair.Create("n", TfValue.Number(0))]);

        Assert.Equal("x", v.GetString("s").OrNull());
        Assert.Equal(0L, v.GetInt64("n").OrNull());
    }

    [Fact]
    public void Null_and_unknown_are_null_for_reference_and_value_types()
    {
        var nulls = TfValue.Object(Type, [KeyValuePair.Create("s", TfValue.Null(TfType.String)), KeyValuePair.Create("n", TfValue.Null(TfType.Number))]);
        var unknowns = TfValue.Object(Type, [KeyValuePair.Create("s", TfValue.Unknown(TfType.String)), KeyValuePair.Create("n", TfValue.Unknown(TfType.Number))]);

        foreach (var v in new[] { nulls, unknowns })
        {
            Assert.Null(v.GetString("s").OrNull());
            // A value type is Nullable<long>, not default(long): 0 and absent stay apart.
            Assert.Null(v.GetInt64("n").OrNull());
        }
    }
}
