using System.Numerics;
using Homelab.Provider.Framework.Values;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Values;

[Trait(Tier.Name, Tier.Unit)]
public sealed class TfNumberTests
{
    public static TheoryData<string, string> ParseAndPrint() => new()
    {
        { "0", "0" },
        { "-0", "0" },
        { "0.0", "0" },
        { "1.50", "1.5" },
        { "+7", "7" },
        { "-1", "-1" },
        { "1E3", "1000" },
        { "1.5e-3", "0.0015" },
        { "123.456", "123.456" },
        { "9223372036854775808", "9223372036854775808" },
        { "1e400", "1" + new string('0', 400) },
        { "-1e-400", "-0." + new string('0', 399) + "1" },
    };

    [Theory]
    [MemberData(nameof(ParseAndPrint))]
    public void Prints_plain_decimal_like_go_big_float_text_f(string input, string expected)
    {
        Assert.Equal(expected, TfNumber.Parse(input).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("1e")]
    [InlineData("--1")]
    [InlineData(".")]
    [InlineData("1e100001")]
    public void Rejects_what_is_not_a_decimal_number(string input)
    {
        Assert.False(TfNumber.TryParse(input, out _));
        Assert.Throws<FormatException>(() => TfNumber.Parse(input));
    }

    [Fact]
    public void Equal_numbers_are_equal_however_written()
    {
        Assert.Equal(TfNumber.FromInt64(1000), TfNumber.Parse("1e3"));
        Assert.Equal(TfNumber.Parse("1.0").GetHashCode(), TfNumber.FromInt64(1).GetHashCode());
        Assert.Equal(TfNumber.FromDouble(0.1), TfNumber.Parse("0.1"));
        Assert.True(TfNumber.Parse("0.1") < TfNumber.Parse("0.10000000000000000001"));
        Assert.True(TfNumber.Parse("-1e400") < TfNumber.Zero);
    }

    [Fact]
    public void Int64_edges()
    {
        Assert.True(TfNumber.Parse("9223372036854775807").TryGetInt64(out var max));
        Assert.Equal(long.MaxValue, max);
        Assert.True(TfNumber.Parse("-9223372036854775808").TryGetInt64(out var min));
        Assert.Equal(long.MinValue, min);
        Assert.False(TfNumber.Parse("9223372036854775808").TryGetInt64(out _));
        Assert.False(TfNumber.Parse("-9223372036854775809").TryGetInt64(out _));
        Assert.False(TfNumber.Parse("1.5").TryGetInt64(out _));
        Assert.True(TfNumber.Parse("1e18").TryGetInt64(out var big));
        Assert.Equal(1_000_000_000_000_000_000L, big);
        Assert.False(TfNumber.Parse("1e19").TryGetInt64(out _));
    }

    [Fact]
    public void UInt64_edges()
    {
        Assert.True(TfNumber.Parse("18446744073709551615").TryGetUInt64(out var max));
        Assert.Equal(ulong.MaxValue, max);
        Assert.False(TfNumber.Parse("18446744073709551616").TryGetUInt64(out _));
        Assert.False(TfNumber.Parse("-1").TryGetUInt64(out _));
        Assert.True(TfNumber.Parse("1e19").TryGetUInt64(out var e19));
        Assert.Equal(10_000_000_000_000_000_000UL, e19);
    }

    public static TheoryData<string, bool> ExactDoubles() => new()
    {
        { "0.1", true },
        { "1.5", true },
        { "-2.5", true },
        { "123.456", true },
        { "1e300", true },
        { "5e-324", true },
        { "0.10000000000000000001", false },
        { "1e400", false },
        { "1e-400", false },
        { "9007199254740993", false },
    };

    [Theory]
    [MemberData(nameof(ExactDoubles))]
    public void Exact_double_means_the_shortest_decimal_of_the_double_is_the_number(string input, bool exact)
    {
        var number = TfNumber.Parse(input);

        Assert.Equal(exact, number.TryGetExactDouble(out var value));
        if (exact)
        {
            Assert.Equal(number, TfNumber.FromDouble(value));
        }
    }

    [Fact]
    public void From_double_refuses_non_finite_values()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TfNumber.FromDouble(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => TfNumber.FromDouble(double.PositiveInfinity));
    }

    [Fact]
    public void Mantissa_and_exponent_are_normalised()
    {
        var n = TfNumber.Parse("1200.00");

        Assert.Equal(new BigInteger(12), n.Mantissa);
        Assert.Equal(2, n.Exponent);
        Assert.True(n.IsInteger);
        Assert.False(TfNumber.Parse("0.5").IsInteger);
    }
}
