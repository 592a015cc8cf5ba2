using Homelab.Provider.Tests.TestKit;

namespace Homelab.Provider.Tests.Sanoid;

/// <summary>homelab_sanoid_policy through the real terraform, the published provider, real sanoid and zfs-fuse pools.</summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class SanoidPolicyAcceptanceTests : IDisposable
{
    private readonly SnapshotHost _host = new();
    private readonly ZfsPool _pool = new();

    public void Dispose()
    {
        _host.Dispose();
        _pool.Dispose();
    }

    private string Policy(string retention, string name = "persistent", string extra = "") => $$"""
        resource "homelab_sanoid_policy" "p" {
          name        = "{{name}}"
          description = "seed: 24h / 30d / 6m"
          datasets    = ["{{_pool.Name}}/persistent", "{{_pool.Name}}/home"]
          {{retention}}
          autosnap  = true
          autoprune = true
          monitor_thresholds = { hourly_warn = "90m", hourly_crit = "6h" }
          {{extra}}
        }
        """;

    [Fact]
    public void Policy_lifecycle_snapshots_prunes_detects_drift_imports_and_destroys_without_touching_snapshots()
    {
        ZfsPool.Zfs("create", _pool.Name + "/persistent");
        ZfsPool.Zfs("create", _pool.Name + "/home");
        var ws = _host.Workspace;
        ws.WriteConfig(Policy("hourly = 24\n  daily = 30\n  monthly = 6"));
        ws.Apply();

        var conf = _host.SanoidConf!;
        Assert.Contains("[template_homelab_persistent]", conf, StringComparison.Ordinal);
        Assert.Contains($"[{_pool.Name}/persistent]\nuse_template = homelab_persistent", conf, StringComparison.Ordinal);
        Assert.Equal(conf, ws.ResourceValues("homelab_sanoid_policy.p")!.Value.GetProperty("rendered").GetString());

        // The foundation's command takes snapshots with sanoid's names.
        var run = _host.RunSanoidCron();
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        foreach (var ds in new[] { "persistent", "home" })
        {
            var snaps = SnapshotHost.Snapshots($"{_pool.Name}/{ds}");
            Assert.Contains(snaps, s => s.StartsWith("autosnap_", StringComparison.Ordinal) && s.EndsWith("_hourly", StringComparison.Ordinal));
            Assert.Contains(snaps, s => s.EndsWith("_daily", StringComparison.Ordinal));
            Assert.Contains(snaps, s => s.EndsWith("_monthly", StringComparison.Ordinal));
        }

        // Retention change: no hourlies kept any more → the next run prunes them.
        Thread.Sleep(1100);
        ws.WriteConfig(Policy("hourly = 0\n  daily = 30\n  monthly = 6"));
        ws.Apply();
        run = _host.RunSanoidCron();
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var after = SnapshotHost.Snapshots($"{_pool.Name}/persistent");
        Assert.DoesNotContain(after, s => s.EndsWith("_hourly", StringComparison.Ordinal));
        Assert.Contains(after, s => s.EndsWith("_daily", StringComparison.Ordinal));

        // A hand edit inside the block is drift; apply puts it back.
        File.WriteAllText(_host.SanoidConfPath, _host.SanoidConf!.Replace("daily = 30", "daily = 3", StringComparison.Ordinal));
        var plan = ws.PlanExpectChanges();
        Assert.Contains("daily", plan.Stdout, StringComparison.Ordinal);
        ws.Apply();
        Assert.Contains("daily = 30", _host.SanoidConf, StringComparison.Ordinal);

        // Import by name reproduces the same state (Import asserts an empty plan afterwards).
        ws.Run("state", "rm", "homelab_sanoid_policy.p");
        ws.Import("homelab_sanoid_policy.p", "persistent");

        // A removed block means gone: the plan recreates it.
        File.WriteAllText(_host.SanoidConfPath, "[template_other]\nhourly = 1\n");
        Assert.Contains("will be created", ws.PlanExpectChanges().Stdout, StringComparison.Ordinal);
        ws.Apply();
        Assert.StartsWith("[template_other]\nhourly = 1\n", _host.SanoidConf, StringComparison.Ordinal);

        // Destroy removes only the policy's block; snapshots stay.
        var before = SnapshotHost.Snapshots($"{_pool.Name}/persistent");
        ws.Destroy();
        Assert.Equal("[template_other]\nhourly = 1\n", _host.SanoidConf);
        Assert.Equal(before, SnapshotHost.Snapshots($"{_pool.Name}/persistent"));
        Assert.NotEmpty(before);
    }

    [Fact]
    public void Twenty_policies_applied_with_parallelism_10_make_one_valid_sanoid_conf()
    {
        var hcl = new System.Text.StringBuilder();
        for (var i = 0; i < 20; i++)
        {
            ZfsPool.Zfs("create", $"{_pool.Name}/d{i:00}");
            hcl.Append($$"""
                resource "homelab_sanoid_policy" "p{{i}}" {
                  name     = "policy-{{i:00}}"
                  datasets = ["{{_pool.Name}}/d{{i:00}}"]
                  hourly   = {{i + 1}}
                  daily    = 7
                }

                """);
        }
        _host.Workspace.WriteConfig(hcl.ToString());
        _host.Workspace.Apply("-parallelism=10");

        var conf = _host.SanoidConf!;
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"policy-{i:00}").Order(StringComparer.Ordinal), Provider.Sanoid.SanoidConf.BlockNames(conf).Order(StringComparer.Ordinal));
        var run = _host.RunSanoidCron();
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        for (var i = 0; i < 20; i++)
        {
            Assert.Contains(SnapshotHost.Snapshots($"{_pool.Name}/d{i:00}"), s => s.EndsWith("_hourly", StringComparison.Ordinal));
        }
        _host.Workspace.Destroy();
        Assert.Null(_host.SanoidConf);
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { "datasets = [\"POOL/a]\\n[evil\"]", "Invalid dataset name" },
        { "datasets = [\"POOL/$(id)\"]", "Invalid dataset name" },
        { "datasets = [\"POOL/persistent\"]\n  settings = { hourly_mins = \"5\" }", "Unknown sanoid setting" },
        { "datasets = [\"POOL/persistent\"]\n  settings = { \"use_template\" = \"x\" }", "Invalid sanoid setting" },
        { "datasets = [\"POOL/persistent\"]\n  settings = { \"recursive\" = \"yes\" }", "Invalid sanoid setting" },
        { "datasets = [\"POOL/persistent\"]\n  settings = { prune_defer = \"<<EOT\" }", "Invalid sanoid setting" },
        { "datasets = [\"POOL/persistent\"]\n  pre_snapshot_script = \"/bin/true; rm -rf /\"", "Invalid hook script" },
        { "datasets = [\"POOL/persistent\"]\n  post_snapshot_script = \"/usr/bin/logger $(id)\"", "Invalid hook script" },
        { "datasets = [\"POOL/persistent\"]\n  monitor_thresholds = { hourly_warn = \"90 minutes\" }", "Invalid monitoring threshold" },
        { "datasets = [\"POOL/persistent\"]\n  process_children_only = true", "process_children_only without recursion" },
        { "datasets = [\"POOL/incus\"]", "Dataset not allowed in a sanoid policy" },
        { "datasets = [\"POOL/incus/containers\"]", "Dataset not allowed in a sanoid policy" },
        { "datasets = [\"POOL\"]\n  recursive = \"zfs\"", "Dataset not allowed in a sanoid policy" },
        { "datasets = [\"POOL/missing\"]", "Dataset not allowed in a sanoid policy" },
        { "datasets = [\"POOL/persistent\"]\n  description = \"a\\u2028b\"", "Invalid description" },
        { "datasets = [\"POOL/persistent\"]\n  description = \"\\ufeffa\"", "Invalid description" },
        { "datasets = [\"POOL/persistent\"]\n  description = \"a\\u202eb\"", "Invalid description" },
        { "datasets = [\"POOL/persistent\"]\n  settings = { prune_defer = \"1\\u2029\" }", "Invalid sanoid setting" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_or_ignored_input_is_a_diagnostic_and_nothing_is_written(string body, string summary)
    {
        ZfsPool.Zfs("create", _pool.Name + "/persistent");
        ZfsPool.Zfs("create", "-o", "homelab:owner=incus", _pool.Name + "/incus");
        ZfsPool.Zfs("create", _pool.Name + "/incus/containers");
        _host.Workspace.WriteConfig($$"""
            resource "homelab_sanoid_policy" "p" {
              name = "hostile"
              {{body.Replace("POOL", _pool.Name, StringComparison.Ordinal)}}
            }
            """);
        var result = _host.Workspace.ApplyExpectError();
        Assert.Contains(summary, result.Stderr, StringComparison.Ordinal);
        Assert.Null(_host.SanoidConf);
    }

    [Fact]
    public void A_file_sanoid_rejects_never_goes_live()
    {
        ZfsPool.Zfs("create", _pool.Name + "/persistent");
        // A hand-written section with a key sanoid does not know: every candidate file fails sanoid's own check.
        Directory.CreateDirectory(Path.GetDirectoryName(_host.SanoidConfPath)!);
        const string Broken = "[template_hand]\nhourly = 1\nnot_a_sanoid_key = 1\n";
        File.WriteAllText(_host.SanoidConfPath, Broken);
        _host.Workspace.WriteConfig($$"""
            resource "homelab_sanoid_policy" "p" {
              name     = "p"
              datasets = ["{{_pool.Name}}/persistent"]
            }
            """);
        var result = _host.Workspace.ApplyExpectError();
        Assert.Contains("sanoid rejected the configuration", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("not_a_sanoid_key", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(Broken, _host.SanoidConf);
    }

    [Fact]
    public void A_dataset_belongs_to_one_policy_only()
    {
        ZfsPool.Zfs("create", _pool.Name + "/persistent");
        _host.Workspace.WriteConfig($$"""
            resource "homelab_sanoid_policy" "a" {
              name     = "a"
              datasets = ["{{_pool.Name}}/persistent"]
            }
            resource "homelab_sanoid_policy" "b" {
              name     = "b"
              datasets = ["{{_pool.Name}}/persistent"]
              depends_on = [homelab_sanoid_policy.a]
            }
            """);
        var result = _host.Workspace.ApplyExpectError();
        Assert.Contains("Dataset already has a sanoid policy", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["a"], Provider.Sanoid.SanoidConf.BlockNames(_host.SanoidConf));
    }

    [Theory]
    [InlineData("persistent\\n")]
    [InlineData("persistent\\r")]
    [InlineData("\\npersistent")]
    public void A_name_with_a_line_break_is_refused_on_name(string name)
    {
        ZfsPool.Zfs("create", _pool.Name + "/persistent");
        _host.Workspace.WriteConfig($$"""
            resource "homelab_sanoid_policy" "p" {
              name     = "{{name}}"
              datasets = ["{{_pool.Name}}/persistent"]
            }
            """);
        var result = _host.Workspace.ApplyExpectError();
        Assert.Contains("Invalid value", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("with homelab_sanoid_policy.p,", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("name", result.Stderr, StringComparison.Ordinal);
        Assert.Null(_host.SanoidConf);
    }

    [Fact]
    public void Ini_syntax_and_a_trailing_backslash_in_the_description_are_written_and_read_back_as_they_are()
    {
        ZfsPool.Zfs("create", _pool.Name + "/persistent");
        const string Description = "a # b ; [c] = \"d\" 'e' 100% %n \\";
        _host.Workspace.WriteConfig($$"""
            resource "homelab_sanoid_policy" "p" {
              name        = "p"
              description = "{{Description.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}}"
              datasets    = ["{{_pool.Name}}/persistent"]
              hourly      = 2
            }
            """);
        _host.Workspace.Apply();
        Assert.Contains("# description: " + Description + "\n[template_homelab_p]\nhourly = 2\n", _host.SanoidConf, StringComparison.Ordinal);
        Assert.Equal(Description, _host.Workspace.ResourceValues("homelab_sanoid_policy.p")!.Value.GetProperty("description").GetString());
        var run = _host.RunSanoidCron();
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains(SnapshotHost.Snapshots($"{_pool.Name}/persistent"), s => s.EndsWith("_hourly", StringComparison.Ordinal));
        _host.Workspace.Run("state", "rm", "homelab_sanoid_policy.p");
        _host.Workspace.Import("homelab_sanoid_policy.p", "p");
    }
}
