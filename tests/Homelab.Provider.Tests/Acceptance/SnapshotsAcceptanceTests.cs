using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Homelab.Provider.Tests.TestKit;

namespace Homelab.Provider.Tests.Acceptance;

/// <summary>
/// <c>homelab_snapshots</c> through the real terraform binary and the published provider on a
/// zfs-fuse pool: only the dataset's own snapshots count (never a child's), snapshots taken in the
/// same second are ordered by creation (createtxg), times are RFC 3339 UTC that a <c>check {}</c>
/// block can compare with <c>plantimestamp()</c>, and a missing dataset is an error on
/// <c>dataset</c>.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed partial class SnapshotsAcceptanceTests
{
    [Fact]
    public void The_newest_snapshot_overall_and_per_period_is_read_and_a_check_block_passes()
    {
        using var pool = new ZfsPool();
        using var tf = TerraformWorkspace.Create(ProviderBuild.Homelab);
        var ds = $"{pool.Name}/persistent";
        ZfsPool.Zfs("create", ds);
        ZfsPool.Zfs("create", $"{ds}/child");
        // Taken within about a second: the order is zfs's creation order (createtxg), not the names'.
        foreach (var name in new[] { "zz_first", "autosnap_2026-12-01_00:00:00_daily", "autosnap_2026-12-01_10:00:00_hourly", "aa_last" })
        {
            ZfsPool.Zfs("snapshot", $"{ds}@{name}");
        }
        ZfsPool.Zfs("snapshot", $"{ds}/child@autosnap_2026-12-02_10:00:00_weekly");
        ZfsPool.Zfs("snapshot", $"{ds}/child@child_newest");

        tf.WriteConfig(LocalProvider.Block + $$"""
            data "homelab_snapshots" "all" {
              dataset = "{{ds}}"
            }

            data "homelab_snapshots" "sanoid" {
              dataset     = "{{ds}}"
              remote      = "local"
              name_prefix = "autosnap_"
            }

            data "homelab_snapshots" "none" {
              dataset     = "{{ds}}"
              name_prefix = "nothing_"
            }

            check "replica_fresh" {
              data "homelab_snapshots" "replica" { dataset = "{{ds}}" }
              assert {
                condition     = timecmp(data.homelab_snapshots.replica.newest_time, timeadd(plantimestamp(), "-2h")) > 0
                error_message = "The replica is older than 2 hours."
              }
            }

            output "all" { value = data.homelab_snapshots.all }
            output "sanoid" { value = data.homelab_snapshots.sanoid }
            output "none" { value = data.homelab_snapshots.none }
            """);
        // Not tf.Apply(): terraform always plans a check block's own data source as "read during
        // apply", so a plan after apply is never empty with one.
        var applied = tf.Run("apply", "-auto-approve", "-input=false", "-no-color");
        Assert.True(applied.ExitCode == 0, applied.Output);
        Assert.DoesNotContain("Check block assertion failed", applied.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("older than 2 hours", applied.Output, StringComparison.Ordinal);

        using var outputs = JsonDocument.Parse(tf.Run("output", "-json").Stdout);
        var all = outputs.RootElement.GetProperty("all").GetProperty("value");
        Assert.Equal(4, all.GetProperty("snapshot_count").GetInt32());
        Assert.Equal("aa_last", all.GetProperty("newest_name").GetString());
        var newest = all.GetProperty("newest_time").GetString()!;
        Assert.Matches(Rfc3339Utc(), newest);
        Assert.Equal(TimeOf($"{ds}@aa_last"), newest);
        Assert.Equal(TimeOf($"{ds}@zz_first"), all.GetProperty("oldest_time").GetString());
        var periods = all.GetProperty("newest_by_period").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["daily"] = TimeOf($"{ds}@autosnap_2026-12-01_00:00:00_daily"),
                ["hourly"] = TimeOf($"{ds}@autosnap_2026-12-01_10:00:00_hourly"),
            },
            periods);

        var sanoid = outputs.RootElement.GetProperty("sanoid").GetProperty("value");
        Assert.Equal(2, sanoid.GetProperty("snapshot_count").GetInt32());
        Assert.Equal("autosnap_2026-12-01_10:00:00_hourly", sanoid.GetProperty("newest_name").GetString());

        var none = outputs.RootElement.GetProperty("none").GetProperty("value");
        Assert.Equal(0, none.GetProperty("snapshot_count").GetInt32());
        Assert.Equal(JsonValueKind.Null, none.GetProperty("newest_name").ValueKind);
        Assert.Equal(JsonValueKind.Null, none.GetProperty("newest_time").ValueKind);
        Assert.Empty(none.GetProperty("newest_by_period").EnumerateObject());
    }

    [Fact]
    public void A_check_block_warns_when_the_newest_snapshot_is_older_than_its_bound()
    {
        using var pool = new ZfsPool();
        using var tf = TerraformWorkspace.Create(ProviderBuild.Homelab);
        var ds = $"{pool.Name}/replica";
        ZfsPool.Zfs("create", ds);
        ZfsPool.Zfs("snapshot", $"{ds}@autosnap_2026-12-01_10:00:00_hourly");
        // A bound in the future stands in for a snapshot older than its bound.
        tf.WriteConfig(LocalProvider.Block + $$"""
            check "replica_fresh" {
              data "homelab_snapshots" "replica" { dataset = "{{ds}}" }
              assert {
                condition     = timecmp(data.homelab_snapshots.replica.newest_time, timeadd(plantimestamp(), "1h")) > 0
                error_message = "The replica is older than its bound."
              }
            }
            """);
        var plan = tf.Plan();
        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("Warning: Check block assertion failed", plan.Output, StringComparison.Ordinal);
        Assert.Contains("The replica is older than its bound.", plan.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_published_example_applies_with_its_checks_passing()
    {
        using var pool = new ZfsPool();
        using var tf = TerraformWorkspace.Create(ProviderBuild.Homelab);
        var example = File.ReadAllText(RepositoryRoot.Combine("examples", "data-sources", "homelab_snapshots", "data-source.tf"));
        Assert.Contains("\"backup/replica/persistent\"", example, StringComparison.Ordinal);
        Assert.Contains("\"rpool/persistent\"", example, StringComparison.Ordinal);
        foreach (var ds in new[] { $"{pool.Name}/backup", $"{pool.Name}/backup/replica", $"{pool.Name}/backup/replica/persistent", $"{pool.Name}/rpool", $"{pool.Name}/rpool/persistent" })
        {
            ZfsPool.Zfs("create", ds);
        }
        ZfsPool.Zfs("snapshot", $"{pool.Name}/backup/replica/persistent@autosnap_2026-12-01_10:00:00_hourly");
        ZfsPool.Zfs("snapshot", $"{pool.Name}/rpool/persistent@autosnap_2026-12-01_00:00:00_daily");
        tf.WriteConfig(LocalProvider.Block + example
            .Replace("\"backup/", $"\"{pool.Name}/backup/", StringComparison.Ordinal)
            .Replace("\"rpool/", $"\"{pool.Name}/rpool/", StringComparison.Ordinal));
        var applied = tf.Run("apply", "-auto-approve", "-input=false", "-no-color");
        Assert.True(applied.ExitCode == 0, applied.Output);
        Assert.DoesNotContain("Check block assertion failed", applied.Output, StringComparison.Ordinal);
        Assert.Contains("autosnap_2026-12-01_00:00:00_daily", tf.Run("output", "-json").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_dataset_is_an_error_on_dataset()
    {
        using var pool = new ZfsPool();
        using var tf = TerraformWorkspace.Create(ProviderBuild.Homelab);
        tf.WriteConfig(LocalProvider.Block + $$"""
            data "homelab_snapshots" "gone" {
              dataset = "{{pool.Name}}/missing"
            }
            """);
        var failed = tf.Plan();
        Assert.NotEqual(0, failed.ExitCode);
        var output = TerraformText.Flat(failed.Output);
        Assert.Contains("Error: Dataset not found", output, StringComparison.Ordinal);
        Assert.Contains($"{pool.Name}/missing does not exist on remote \"local\"", output, StringComparison.Ordinal);
        // Terraform prints the configuration line of the attribute the diagnostic names.
        Assert.Contains(TerraformText.Flat($"dataset = \"{pool.Name}/missing\""), output, StringComparison.Ordinal);
    }

    /// <summary>The snapshot's creation time as <c>zfs get -Hp</c> reports it, in RFC 3339 UTC.</summary>
    private static string TimeOf(string snapshot) =>
        DateTimeOffset.FromUnixTimeSeconds(long.Parse(ZfsPool.Get(snapshot, "creation").Value, CultureInfo.InvariantCulture))
            .UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\z")]
    private static partial Regex Rfc3339Utc();
}
