using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Testing;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Zfs;

namespace Homelab.Provider.Tests.Zfs;

/// <summary>
/// The <c>name</c> of <c>homelab_zpool</c> and of the <c>homelab_zfs_dataset</c> data source:
/// hostile text is refused at validate time, on <c>name</c>, before any command runs.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class DataSourceNameValidationTests
{
    private static DiagnosticBag Validate(ResourceSchema schema, string name)
    {
        var config = TfValue.Object(schema.ImpliedType, [KeyValuePair.Create("name", TfValue.String(name))]);
        var diags = new DiagnosticBag();
        ProviderTesting.Validate(schema, config, diags);
        return diags;
    }

    public static TheoryData<string, string> HostilePools => new()
    {
        { "tank/data", "use its pool, `tank`" },
        { "tank;reboot", "not allowed" },
        { "$(id)", "letter" },
        { "-o", "letter" },
        { "tank\n", "newline" },
        { "tank\u2028", "not allowed" },
        { "", "empty" },
        { "tank@snap", "snapshot" },
        { "tank a", "not allowed" },
    };

    [Theory]
    [MemberData(nameof(HostilePools))]
    public void Hostile_pool_names_are_refused_on_name(string name, string expected)
    {
        var d = Assert.Single(Validate(ZpoolSchema.Schema, name));
        Assert.Equal("Invalid pool name", d.Summary);
        Assert.Contains(expected, d.Detail, StringComparison.Ordinal);
        Assert.Equal("name", d.Path!.ToString());
    }

    [Theory]
    [InlineData("tank")]
    [InlineData("rpool")]
    [InlineData("backup-2.pool:x")]
    public void Ordinary_pool_names_pass(string name) => Assert.Empty(Validate(ZpoolSchema.Schema, name));

    [Theory]
    [InlineData("tank/a@snap", "snapshot")]
    [InlineData("tank/a#mark", "bookmark")]
    [InlineData("tank/../etc", "relative")]
    [InlineData("tank/a\tb", "tab")]
    [InlineData("tank/$(id)", "not allowed")]
    public void Hostile_dataset_names_are_refused_on_name(string name, string expected)
    {
        var d = Assert.Single(Validate(ZfsDatasetDataSourceSchema.Schema, name));
        Assert.Equal("Invalid dataset name", d.Summary);
        Assert.Contains(expected, d.Detail, StringComparison.Ordinal);
        Assert.Equal("name", d.Path!.ToString());
    }

    [Theory]
    [InlineData("tank")]
    [InlineData("rpool/persistent")]
    [InlineData("tank/a:b.c-d_e")]
    public void Ordinary_dataset_names_pass(string name) => Assert.Empty(Validate(ZfsDatasetDataSourceSchema.Schema, name));
}
