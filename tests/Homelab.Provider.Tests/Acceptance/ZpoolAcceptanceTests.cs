using System.Text.Json;
using System.Text.RegularExpressions;
using Homelab.Provider.Tests.TestKit;

namespace Homelab.Provider.Tests.Acceptance;

/// <summary>
/// <c>homelab_zpool</c> through the real terraform binary and the published provider on a
/// zfs-fuse mirror of two file vdevs: an offlined device makes the pool DEGRADED and shows as
/// OFFLINE in <c>vdevs</c> (and fails a <c>check {}</c> block), a finished scrub has an RFC 3339
/// UTC end time, the published example applies with its checks passing, and a missing pool is an
/// error on <c>name</c>.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed partial class ZpoolAcceptanceTests
{
    [Fact]
    public void An_offlined_device_degrades_the_pool_and_fails_a_check_block()
    {
        using var pool = new MirrorPool();
        Scrub(pool.Name);
        ProcessRunner.Check("zpool", "offline", pool.Name, pool.Files[1]);
        using var tf = TerraformWorkspace.Create(ProviderBuild.Homelab);
        tf.WriteConfig(LocalProvider.Block + $$"""
            data "homelab_zpool" "pool" {
              name = "{{pool.Name}}"
            }

            check "pool_healthy" {
              assert {
                condition     = data.homelab_zpool.pool.health == "ONLINE"
                error_message = "Pool is ${data.homelab_zpool.pool.health}."
              }
            }

            output "all_online" {
              value = alltrue([for v in data.homelab_zpool.pool.vdevs : v.state == "ONLINE"])
            }
            """);
        var applied = tf.Run("apply", "-auto-approve", "-input=false", "-no-color");
        Assert.True(applied.ExitCode == 0, applied.Output);
        Assert.Contains("Check block assertion failed", applied.Output, StringComparison.Ordinal);
        Assert.Contains("Pool is DEGRADED.", applied.Output, StringComparison.Ordinal);

        var values = tf.ResourceValues("data.homelab_zpool.pool") ?? throw new InvalidOperationException("no data source in state");
        Assert.Equal("DEGRADED", values.GetProperty("health").GetString());
        var vdevs = values.GetProperty("vdevs").EnumerateArray().ToList();
        Assert.Equal(["mirror-0", pool.Files[0], pool.Files[1]], vdevs.Select(v => v.GetProperty("name").GetString()));
        Assert.Equal(["DEGRADED", "ONLINE", "OFFLINE"], vdevs.Select(v => v.GetProperty("state").GetString()));
        Assert.Equal(["mirror", "file", "file"], vdevs.Select(v => v.GetProperty("type").GetString()));
        Assert.Equal([null, "mirror-0", "mirror-0"], vdevs.Select(v => v.GetProperty("parent").GetString()));
        Assert.All(vdevs, v => Assert.Equal(0, v.GetProperty("checksum_errors").GetInt64()));
        Assert.Equal("No known data errors", values.GetProperty("errors").GetString());

        // Sizes: zfs-fuse prints rounded figures (e.g. 123M); they must add up roughly and match its text.
        var size = values.GetProperty("size").GetInt64();
        var free = values.GetProperty("free").GetInt64();
        var allocated = values.GetProperty("allocated").GetInt64();
        Assert.InRange(size, 100L << 20, 128L << 20);
        Assert.InRange(allocated + free, size - (2L << 20), size + (2L << 20));
        Assert.InRange(values.GetProperty("capacity").GetDecimal(), 0m, 100m);

        var scrub = values.GetProperty("scrub");
        Assert.Equal("finished", scrub.GetProperty("state").GetString());
        var end = scrub.GetProperty("end_time").GetString()!;
        Assert.Matches(Rfc3339Utc(), end);
        Assert.InRange(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(0, scrub.GetProperty("errors").GetInt64());

        using var outputs = JsonDocument.Parse(tf.Run("output", "-json").Stdout);
        Assert.False(outputs.RootElement.GetProperty("all_online").GetProperty("value").GetBoolean());

        // Back online: the same configuration now passes.
        ProcessRunner.Check("zpool", "online", pool.Name, pool.Files[1]);
        var healthy = tf.Run("apply", "-auto-approve", "-input=false", "-no-color");
        Assert.True(healthy.ExitCode == 0, healthy.Output);
        Assert.DoesNotContain("Check block assertion failed", healthy.Output, StringComparison.Ordinal);
        Assert.Equal("ONLINE", tf.ResourceValues("data.homelab_zpool.pool")!.Value.GetProperty("health").GetString());
    }

    [Fact]
    public void The_published_example_applies_with_its_checks_passing()
    {
        using var pool = new MirrorPool();
        Scrub(pool.Name);
        var example = File.ReadAllText(RepositoryRoot.Combine("examples", "data-sources", "homelab_zpool", "data-source.tf"));
        Assert.Contains("name = \"tank\"", example, StringComparison.Ordinal);
        using var tf = TerraformWorkspace.Create(ProviderBuild.Homelab);
        tf.WriteConfig(LocalProvider.Block + example.Replace("name = \"tank\"", $"name = \"{pool.Name}\"", StringComparison.Ordinal));
        var applied = tf.Run("apply", "-auto-approve", "-input=false", "-no-color");
        Assert.True(applied.ExitCode == 0, applied.Output);
        Assert.DoesNotContain("Check block assertion failed", applied.Output, StringComparison.Ordinal);
        using var outputs = JsonDocument.Parse(tf.Run("output", "-json").Stdout);
        var tank = outputs.RootElement.GetProperty("tank").GetProperty("value");
        Assert.Equal("ONLINE", tank.GetProperty("health").GetString());
        Assert.Equal(0, tank.GetProperty("errors").GetInt64());
        Assert.Matches(Rfc3339Utc(), tank.GetProperty("last_scrub").GetString()!);
    }

    [Fact]
    public void A_missing_pool_is_an_error_on_name_and_a_dataset_name_is_refused()
    {
        using var tf = TerraformWorkspace.Create(ProviderBuild.Homelab);
        var missing = "hltmissing" + Guid.NewGuid().ToString("N")[..8];
        tf.WriteConfig(LocalProvider.Block + $$"""
            data "homelab_zpool" "gone" {
              name = "{{missing}}"
            }
            """);
        var failed = tf.Plan();
        Assert.NotEqual(0, failed.ExitCode);
        var output = TerraformText.Flat(failed.Output);
        Assert.Contains("Error: Pool not found", output, StringComparison.Ordinal);
        Assert.Contains($"There is no pool {missing} on remote \"local\"", output, StringComparison.Ordinal);
        Assert.Contains(TerraformText.Flat($"name = \"{missing}\""), output, StringComparison.Ordinal);

        tf.WriteConfig(LocalProvider.Block + """
            data "homelab_zpool" "dataset" {
              name = "tank/data"
            }
            """);
        var refused = tf.Plan();
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Error: Invalid pool name", refused.Output, StringComparison.Ordinal);
        Assert.Contains("use its pool, `tank`", TerraformText.Flat(refused.Output), StringComparison.Ordinal);
    }

    private static void Scrub(string pool)
    {
        ProcessRunner.Check("zpool", "scrub", pool);
        for (var i = 0; i < 100 && !Regex.IsMatch(ProcessRunner.Check("zpool", "status", pool), "scrub (completed|repaired)"); i++)
        {
            Thread.Sleep(100);
        }
    }

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\z")]
    private static partial Regex Rfc3339Utc();

    /// <summary>A pool mirroring two 128 MiB files (zfs-fuse here, OpenZFS elsewhere), destroyed on dispose.</summary>
    private sealed class MirrorPool : IDisposable
    {
        public MirrorPool()
        {
            ZfsPool.EnsureDaemon();
            Name = "hlz" + Guid.NewGuid().ToString("N")[..10];
            Files = [Path.Combine(Path.GetTempPath(), Name + "-a.img"), Path.Combine(Path.GetTempPath(), Name + "-b.img")];
            foreach (var file in Files)
            {
                ProcessRunner.Check("truncate", "-s", "128M", file);
            }
            ProcessRunner.Check("zpool", ["create", "-m", "none", Name, "mirror", .. Files]);
        }

        public string Name { get; }

        public string[] Files { get; }

        public void Dispose()
        {
            ProcessRunner.Run("zpool", "destroy", "-f", Name);
            foreach (var file in Files)
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                }
            }
        }
    }
}
