using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Homelab.Provider.Tests.TestKit;

namespace Homelab.Provider.Tests.Acceptance;

/// <summary>
/// The <c>homelab_zfs_dataset</c> data source through the real terraform binary and the published
/// provider on a zfs-fuse pool: a dataset created outside terraform reads back with its figures,
/// GUID, creation time and every property with its source; it lives beside the resource of the
/// same type name in one configuration; the published example applies; and a missing dataset is
/// an error on <c>name</c>.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed partial class DatasetDataSourceAcceptanceTests
{
    [Fact]
    public void A_dataset_created_outside_terraform_reads_back_beside_a_managed_one()
    {
        using var pool = new ZfsPool();
        var ds = $"{pool.Name}/persistent";
        ZfsPool.Zfs("create", "-o", "compression=on", "-o", "com.example:owner=disko", ds);
        ZfsPool.Zfs("create", $"{ds}/child");
        using var tf = TerraformWorkspace.Create(ProviderBuild.Homelab);
        tf.WriteConfig(LocalProvider.Block + $$"""
            data "homelab_zfs_dataset" "persistent" {
              name = "{{ds}}"
            }

            data "homelab_zfs_dataset" "child" {
              name   = "{{ds}}/child"
              remote = "local"
            }

            # The resource of the same type name, placed under the dataset the data source read.
            resource "homelab_zfs_dataset" "managed" {
              name       = "${data.homelab_zfs_dataset.persistent.name}/managed"
              properties = { quota = "10M" }
            }
            """);
        tf.Apply();
        Assert.True(ZfsPool.Exists($"{ds}/managed"));

        var values = tf.ResourceValues("data.homelab_zfs_dataset.persistent") ?? throw new InvalidOperationException("no data source in state");
        Assert.Equal("filesystem", values.GetProperty("type").GetString());
        Assert.Equal("none", values.GetProperty("mountpoint").GetString());
        Assert.False(values.GetProperty("mounted").GetBoolean());
        Assert.Equal(long.Parse(ZfsPool.Get(ds, "referenced").Value, CultureInfo.InvariantCulture), values.GetProperty("referenced").GetInt64());
        Assert.True(values.GetProperty("used").GetInt64() >= values.GetProperty("referenced").GetInt64());
        Assert.True(values.GetProperty("available").GetInt64() > 0);
        Assert.Equal(ZfsPool.Get(ds, "guid").Value, values.GetProperty("guid").GetString());
        var creation = DateTimeOffset.FromUnixTimeSeconds(long.Parse(ZfsPool.Get(ds, "creation").Value, CultureInfo.InvariantCulture))
            .UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        Assert.Equal(creation, values.GetProperty("creation").GetString());

        var properties = values.GetProperty("properties");
        Assert.Equal("on", properties.GetProperty("compression").GetProperty("value").GetString());
        Assert.Equal("local", properties.GetProperty("compression").GetProperty("source").GetString());
        Assert.Equal("disko", properties.GetProperty("com.example:owner").GetProperty("value").GetString());
        Assert.Equal("none", properties.GetProperty("mountpoint").GetProperty("value").GetString());
        Assert.Equal($"inherited from {pool.Name}", properties.GetProperty("mountpoint").GetProperty("source").GetString());

        var child = tf.ResourceValues("data.homelab_zfs_dataset.child")!.Value.GetProperty("properties");
        Assert.Equal($"inherited from {ds}", child.GetProperty("compression").GetProperty("source").GetString());
        Assert.Equal($"inherited from {ds}", child.GetProperty("com.example:owner").GetProperty("source").GetString());

        // Out-of-band changes show on the next refresh.
        ZfsPool.Zfs("set", "compression=off", ds);
        tf.Run("apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color");
        var refreshed = tf.ResourceValues("data.homelab_zfs_dataset.persistent")!.Value.GetProperty("properties");
        Assert.Equal("off", refreshed.GetProperty("compression").GetProperty("value").GetString());
        tf.Destroy();
        Assert.False(ZfsPool.Exists($"{ds}/managed"));
        Assert.True(ZfsPool.Exists(ds));
    }

    [Fact]
    public void The_published_example_applies_with_its_checks_passing()
    {
        using var pool = new ZfsPool();
        var example = File.ReadAllText(RepositoryRoot.Combine("examples", "data-sources", "homelab_zfs_dataset", "data-source.tf"));
        Assert.Contains("\"rpool/persistent\"", example, StringComparison.Ordinal);
        ZfsPool.Zfs("create", $"{pool.Name}/rpool");
        ZfsPool.Zfs("create", "-o", "compression=on", $"{pool.Name}/rpool/persistent");
        using var tf = TerraformWorkspace.Create(ProviderBuild.Homelab);
        // The pool is 256M: the example's 10 GiB bound becomes 10 MiB.
        tf.WriteConfig(LocalProvider.Block + example
            .Replace("\"rpool/", $"\"{pool.Name}/rpool/", StringComparison.Ordinal)
            .Replace("10 * 1024 * 1024 * 1024", "10 * 1024 * 1024", StringComparison.Ordinal));
        var applied = tf.Run("apply", "-auto-approve", "-input=false", "-no-color");
        Assert.True(applied.ExitCode == 0, applied.Output);
        Assert.DoesNotContain("Check block assertion failed", applied.Output, StringComparison.Ordinal);
        using var outputs = JsonDocument.Parse(tf.Run("output", "-json").Stdout);
        var persistent = outputs.RootElement.GetProperty("persistent").GetProperty("value");
        Assert.Equal("on", persistent.GetProperty("compression").GetString());
        Assert.Matches(Rfc3339Utc(), persistent.GetProperty("created").GetString()!);
    }

    [Fact]
    public void A_missing_dataset_is_an_error_on_name_and_a_snapshot_name_is_refused()
    {
        using var pool = new ZfsPool();
        using var tf = TerraformWorkspace.Create(ProviderBuild.Homelab);
        tf.WriteConfig(LocalProvider.Block + $$"""
            data "homelab_zfs_dataset" "gone" {
              name = "{{pool.Name}}/missing"
            }
            """);
        var failed = tf.Plan();
        Assert.NotEqual(0, failed.ExitCode);
        var output = TerraformText.Flat(failed.Output);
        Assert.Contains("Error: Dataset not found", output, StringComparison.Ordinal);
        Assert.Contains($"{pool.Name}/missing does not exist on remote \"local\"", output, StringComparison.Ordinal);
        Assert.Contains(TerraformText.Flat($"name = \"{pool.Name}/missing\""), output, StringComparison.Ordinal);

        tf.WriteConfig(LocalProvider.Block + $$"""
            data "homelab_zfs_dataset" "snapshot" {
              name = "{{pool.Name}}@snap"
            }
            """);
        var refused = tf.Plan();
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Error: Invalid dataset name", refused.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\z")]
    private static partial Regex Rfc3339Utc();
}
