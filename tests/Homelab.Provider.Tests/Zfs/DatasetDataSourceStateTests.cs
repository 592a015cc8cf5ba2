using Homelab.Provider.Framework.Values;
using Homelab.Provider.Zfs;

namespace Homelab.Provider.Tests.Zfs;

/// <summary>
/// The <c>homelab_zfs_dataset</c> data source without a host: the <c>zfs get -Hp all</c> text,
/// parsed by the one <see cref="ZfsGetOutput"/> parser, becomes the state — bytes as numbers,
/// creation as RFC 3339 UTC, every property with its source, and nulls where a property does
/// not apply (a volume's mountpoint).
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class DatasetDataSourceStateTests
{
    private static TfValue Config(string name) =>
        TfValue.Object(ZfsDatasetDataSourceSchema.Schema.ImpliedType, [KeyValuePair.Create("name", TfValue.String(name))]);

    private static DatasetInfo Read(string name, params string[] lines) =>
        ZfsGetOutput.Parse(string.Concat(lines.Select(l => name + "\t" + l + "\n")))[name];

    [Fact]
    public void A_filesystem_reads_back_with_numbers_times_and_property_sources()
    {
        var ds = Read(
            "rpool/persistent",
            "type\tfilesystem\t-",
            "creation\t1796293609\t-",
            "used\t823296\t-",
            "available\t494104576\t-",
            "referenced\t114688\t-",
            "mounted\tyes\t-",
            "mountpoint\t/persistent\tlocal",
            "compression\tlz4\tinherited from rpool",
            "quota\t0\tdefault",
            "guid\t8682846780521808498\t-",
            "com.example:note\ttab\there\tlocal");
        var state = ZfsDatasetDataSource.State(Config("rpool/persistent"), ds);
        Assert.Equal("filesystem", state["type"].AsString());
        Assert.Equal("/persistent", state["mountpoint"].AsString());
        Assert.True(state["mounted"].AsBool());
        Assert.Equal(TfValue.Number(823296), state["used"]);
        Assert.Equal(TfValue.Number(494104576), state["available"]);
        Assert.Equal(TfValue.Number(114688), state["referenced"]);
        Assert.Equal("8682846780521808498", state["guid"].AsString());
        Assert.Equal(SnapshotListing.Rfc3339(1796293609), state["creation"].AsString());
        Assert.EndsWith("Z", state["creation"].AsString(), StringComparison.Ordinal);
        var properties = state["properties"].Entries;
        Assert.Equal(11, properties.Count);
        Assert.Equal("lz4", properties["compression"]["value"].AsString());
        Assert.Equal("inherited from rpool", properties["compression"]["source"].AsString());
        Assert.Equal("tab\there", properties["com.example:note"]["value"].AsString());
        Assert.Equal("local", properties["com.example:note"]["source"].AsString());
    }

    [Fact]
    public void A_volume_has_no_mountpoint_and_missing_figures_are_null()
    {
        var ds = Read(
            "tank/vm",
            "type\tvolume\t-",
            "mounted\t-\t-",
            "mountpoint\t-\t-",
            "volsize\t10737418240\tlocal");
        var state = ZfsDatasetDataSource.State(Config("tank/vm"), ds);
        Assert.Equal("volume", state["type"].AsString());
        Assert.True(state["mountpoint"].IsNull);
        Assert.True(state["mounted"].IsNull);
        Assert.True(state["used"].IsNull);
        Assert.True(state["guid"].IsNull);
        Assert.True(state["creation"].IsNull);
        Assert.Equal("10737418240", state["properties"].Entries["volsize"]["value"].AsString());
    }
}
