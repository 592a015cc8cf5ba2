using Homelab.Provider.Zfs;

namespace Homelab.Provider.Tests.Zfs;

[Trait(Tier.Name, Tier.Unit)]
public sealed class PropertyTests
{
    [Theory]
    [InlineData("1G", 1073741824)]
    [InlineData("1g", 1073741824)]
    [InlineData("1GB", 1073741824)]
    [InlineData("1GiB", 1073741824)]
    [InlineData("128K", 131072)]
    [InlineData("1.5K", 1536)]
    [InlineData("1073741824", 1073741824)]
    [InlineData("512B", 512)]
    [InlineData("2T", 2199023255552)]
    public void Sizes_parse_like_zfs(string text, long bytes)
    {
        Assert.True(ZfsProperties.TryParseSize(text, out var b));
        Assert.Equal(bytes, (long)b);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("1Q")]
    [InlineData("-1G")]
    [InlineData("")]
    public void Non_sizes_do_not_parse(string text) => Assert.False(ZfsProperties.TryParseSize(text, out _));

    [Theory]
    [InlineData("quota", "10G", "10737418240", true)]
    [InlineData("quota", "none", "0", true)]
    [InlineData("recordsize", "128K", "131072", true)]
    [InlineData("compression", "on", "on", true)]
    [InlineData("compression", "on", "off", false)]
    [InlineData("quota", "10G", "10737418241", false)]
    [InlineData("com.example:size", "1K", "1024", false)]
    [InlineData("com.example:size", "1K", "1K", true)]
    [InlineData("copies", "2", "2", true)]
    public void Configured_and_parsed_host_values_compare_by_meaning(string key, string configured, string host, bool same) =>
        Assert.Equal(same, ZfsProperties.Equivalent(key, configured, host));

    [Fact]
    public void Zfs_get_output_parses_and_skips_snapshots()
    {
        var parsed = ZfsGetOutput.Parse("tank/a\tquota\t0\tdefault\ntank/a\tcom.x:note\thas\ttab\tlocal\ntank/a@s\ttype\tsnapshot\t-\ntank/b\ttype\tvolume\t-\n");
        Assert.Equal(["tank/a", "tank/b"], parsed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new PropertyValue("has\ttab", "local"), parsed["tank/a"].Properties["com.x:note"]);
        Assert.Equal("volume", parsed["tank/b"].Type);
    }

    [Fact]
    public void Missing_datasets_are_not_errors_but_other_failures_are()
    {
        Assert.True(ZfsGetOutput.OnlyMissingDatasets("cannot open 'tank/x': dataset does not exist\n"));
        Assert.False(ZfsGetOutput.OnlyMissingDatasets("permission denied\ncannot open 'tank/x': dataset does not exist\n"));
        Assert.False(ZfsGetOutput.OnlyMissingDatasets(""));
    }

    [Fact]
    public void Read_keeps_what_the_user_wrote_while_the_host_means_the_same()
    {
        var host = new DatasetInfo("tank/a", new Dictionary<string, PropertyValue>
        {
            ["quota"] = new("1073741824", "local"),
            ["compression"] = new("off", "local"),
            ["atime"] = new("on", "default"),
            ["com.x:a"] = new("-", "-"),
            ["utf8only"] = new("on", "-"),
            ["guid"] = new("123", "-"),
            ["creation"] = new("0", "-"),
        });
        var prior = new ZfsDatasetModel
        {
            Name = "tank/a",
            Properties = new Dictionary<string, string> { ["quota"] = "1G", ["compression"] = "on", ["atime"] = "off", ["com.x:a"] = "v", ["utf8only"] = "on" },
        };
        var synced = prior.Sync(host, importing: false);
        Assert.Equal(new Dictionary<string, string> { ["quota"] = "1G", ["compression"] = "off", ["utf8only"] = "on" }, synced.Properties);
        Assert.Equal("123", synced.Guid);
        Assert.Equal("1970-01-01T00:00:00Z", synced.Creation);
    }

    [Fact]
    public void Import_tracks_local_and_non_default_creation_only_properties()
    {
        var host = new DatasetInfo("tank/a", new Dictionary<string, PropertyValue>
        {
            ["quota"] = new("1073741824", "local"),
            ["atime"] = new("on", "default"),
            ["homelab:description"] = new("media", "local"),
            ["com.x:a"] = new("v", "inherited from tank"),
            ["utf8only"] = new("on", "-"),
            ["casesensitivity"] = new("sensitive", "-"),
        });
        var synced = new ZfsDatasetModel { Name = "tank/a" }.Sync(host, importing: true);
        Assert.Equal(new Dictionary<string, string> { ["quota"] = "1073741824", ["utf8only"] = "on" }, synced.Properties);
        Assert.Equal("media", synced.Description);
    }

    [Theory]
    [InlineData("tank/a", null, "tank/a")]
    [InlineData("atlas:tank/a", "atlas", "tank/a")]
    [InlineData("nope:tank/a", null, "nope:tank/a")]
    [InlineData("tank/a:b", null, "tank/a:b")]
    public void Import_ids_take_a_prefix_only_when_it_names_a_remote(string id, string? remote, string name) =>
        Assert.Equal((remote, name), ImportId.Parse(id, r => r == "atlas"));
}
