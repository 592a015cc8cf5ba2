using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Kit;
using Homelab.Provider.Zfs;

namespace Homelab.Provider.Tests.Zfs;

/// <summary>
/// Plan-level rules without a host: a smaller <c>volsize</c> is a shrink (zfs-fuse has no volumes,
/// so the rule is proven here and through the resource in <see cref="DataSafetyPlanTests"/>), and
/// <c>incus_datasets</c> elements that would match nothing are refused on the element.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class DataSafetyUnitTests
{
    private static TfValue Volume(string volsize, string type = "volume") =>
        new ZfsDatasetModel { Name = "tank/vol", Type = type, Volsize = volsize }.ToValue();

    [Theory]
    [InlineData("2G", "1G", true)]
    [InlineData("2G", "2147483648", false)]
    [InlineData("1G", "2G", false)]
    [InlineData("1073741824", "1023M", true)]
    [InlineData("1G", "1G", false)]
    public void A_smaller_volsize_is_a_shrink_and_an_equal_spelling_is_not(string before, string after, bool shrink) =>
        Assert.Equal(shrink, DataLossGuard.Shrink(Volume(before), Volume(after)) is not null);

    [Fact]
    public void A_shrink_names_both_sizes() =>
        Assert.Contains("from 2G to 1G", DataLossGuard.Shrink(Volume("2G"), Volume("1G")), StringComparison.Ordinal);

    [Theory]
    [InlineData("rpool/incus/", "empty component")]
    [InlineData(" rpool/incus", "must start with a letter")]
    [InlineData("rpool/incus ", "not allowed")]
    [InlineData("rpool/incus\n", "newline")]
    [InlineData("/rpool/incus", "letter")]
    [InlineData("", "empty")]
    public void Incus_datasets_that_would_match_nothing_are_refused_on_the_element(string entry, string because)
    {
        var list = TfValue.List(TfType.String, [TfValue.String("rpool/ok"), TfValue.String(entry)]);
        var diags = new DiagnosticBag();
        PlacementSettings.Validator.Validate(list, AttrPath.Attribute("remote").Index(0).Attr("incus_datasets"), diags);
        var d = Assert.Single(diags);
        Assert.Equal("remote[0].incus_datasets[1]", d.Path!.ToString());
        Assert.Contains(because, d.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("rpool/incus")]
    [InlineData("incus")]
    public void Datasets_and_whole_pools_may_be_declared(string entry)
    {
        var diags = new DiagnosticBag();
        PlacementSettings.Validator.Validate(TfValue.List(TfType.String, [TfValue.String(entry)]), AttrPath.Attribute("incus_datasets"), diags);
        Assert.Empty(diags);
    }
}
