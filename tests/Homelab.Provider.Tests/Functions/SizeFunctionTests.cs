using System.Numerics;
using Homelab.Provider.Framework.Functions;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Functions;

namespace Homelab.Provider.Tests.Functions;

/// <summary>parse_size and format_size in process: zfs's size grammar, its rounding, and clear errors.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class SizeFunctionTests
{
    [Theory]
    [InlineData("1.5T", "1649267441664")]
    [InlineData("512M", "536870912")]
    [InlineData("512MiB", "536870912")]
    [InlineData("10g", "10737418240")]
    [InlineData("10GB", "10737418240")]
    [InlineData("4096", "4096")]
    [InlineData("0", "0")]
    [InlineData("1.5", "1")]
    [InlineData("1 G", "1073741824")]
    [InlineData("1P", "1125899906842624")]
    [InlineData("1Z", "1180591620717411303424")]
    public void Parse_size_reads_sizes_as_zfs_does(string size, string bytes)
    {
        var result = new ParseSizeFunction().Call([TfValue.String(size)]);

        Assert.Equal(TfValue.Number(TfNumber.Parse(bytes)), result);
    }

    [Theory]
    [InlineData("")]
    [InlineData("T")]
    [InlineData("-1G")]
    [InlineData("1.5X")]
    [InlineData("1G\n")]
    [InlineData("1 G B")]
    [InlineData("1e3")]
    [InlineData("1\nG")]
    [InlineData(" 1G")]
    public void Parse_size_refuses_what_is_not_a_size_and_names_the_argument(string size)
    {
        var ex = Assert.Throws<FunctionException>(() => new ParseSizeFunction().Call([TfValue.String(size)]));

        Assert.Equal(0, ex.Argument);
        Assert.Contains("is not a size", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("1023", "1023")]
    [InlineData("1024", "1K")]
    [InlineData("1536", "1.50K")]
    [InlineData("1649267441664", "1.50T")]
    [InlineData("10737418240", "10G")]
    [InlineData("11274289152", "10.5G")]
    [InlineData("536870912", "512M")]
    [InlineData("536870913", "512M")]
    [InlineData("1180591620717411303424", "1Z")]
    [InlineData("1180591620717411303424000", "1000Z")]
    public void Format_size_writes_bytes_as_zfs_list_shows_them(string bytes, string shown)
    {
        Assert.Equal(TfValue.String(shown), new FormatSizeFunction().Call([TfValue.Number(TfNumber.Parse(bytes))]));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("1e40")]
    public void Format_size_refuses_what_is_not_a_byte_count(string bytes)
    {
        var ex = Assert.Throws<FunctionException>(() => new FormatSizeFunction().Call([TfValue.Number(TfNumber.Parse(bytes))]));

        Assert.Equal(0, ex.Argument);
    }

    [Fact]
    public void Format_size_then_parse_size_returns_a_whole_unit_exactly_and_others_within_the_rounding_shown()
    {
        foreach (var bytes in new BigInteger[] { 1024, 5L << 30, 3L << 40, 1_649_267_441_664, 123_456_789 })
        {
            var shown = FormatSizeFunction.Format(bytes);
            var back = new ParseSizeFunction().Call([TfValue.String(shown)]).AsNumber().ToDouble();
            Assert.InRange(Math.Abs(back - (double)bytes) / (double)bytes, 0, 0.005);
        }
    }
}
