using Homelab.Provider.Tests.TestKit;

namespace Homelab.Provider.Tests.Acceptance;

/// <summary>
/// homelab_zfs_dataset through the real terraform binary and the published AOT provider, on a
/// file-backed pool of its own, over the local remote and over SSH to a real sshd on 127.0.0.1.
/// Every Apply also checks that the next plan is empty (with and without refresh).
/// </summary>
[Trait("Category", "Acceptance")]
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class ZfsDatasetAcceptanceTests(Sshd sshd) : IClassFixture<Sshd>
{
    public static TheoryData<string> Transports => new() { "local", "ssh" };

    private string Provider(string transport, string? fingerprint = null) => transport == "ssh"
        ? $$"""
            provider "homelab" {
              default_remote = "lab"
              remote {
                name                 = "lab"
                address              = "{{sshd.Address}}"
                private_key_file     = "{{sshd.ClientKeyFile}}"
                host_key_fingerprint = "{{fingerprint ?? sshd.HostKeyFingerprint}}"
              }
            }

            """
        : "provider \"homelab\" {}\n\n";

    private static TerraformWorkspace Workspace() => TerraformWorkspace.Create(ProviderBuild.Homelab);

    [Theory]
    [MemberData(nameof(Transports))]
    public void Create_update_inherit_and_rename_in_place(string transport)
    {
        using var pool = new ZfsPool();
        using var tf = Workspace();
        var p = pool.Name;
        tf.WriteConfig(Provider(transport) + $$"""
            resource "homelab_zfs_dataset" "media" {
              name        = "{{p}}/media"
              description = "films; `not a command` $(nor this)"
              properties  = { compression = "on", quota = "1G", "com.example:backup" = "daily" }
            }
            """);
        tf.Apply();
        Assert.Equal(("1073741824", "local"), ZfsPool.Get($"{p}/media", "quota"));
        Assert.Equal("films; `not a command` $(nor this)", ZfsPool.Get($"{p}/media", "homelab:description").Value);
        var guid = tf.ResourceValues("homelab_zfs_dataset.media")!.Value.GetProperty("guid").GetString();
        Assert.Equal(ZfsPool.Get($"{p}/media", "guid").Value, guid);
        Assert.Equal("1G", tf.ResourceValues("homelab_zfs_dataset.media")!.Value.GetProperty("properties").GetProperty("quota").GetString());

        // Update one property, drop another (inherit) and the quota (reset to none), rename in place.
        tf.WriteConfig(Provider(transport) + $$"""
            resource "homelab_zfs_dataset" "media" {
              name       = "{{p}}/films"
              properties = { compression = "off", quota = "536870912" }
            }
            """);
        var plan = tf.PlanExpectChanges();
        Assert.Contains("updated in-place", plan.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("must be replaced", plan.Stdout, StringComparison.Ordinal);
        tf.Apply();
        Assert.False(ZfsPool.Exists($"{p}/media"));
        Assert.Equal(("off", "local"), ZfsPool.Get($"{p}/films", "compression"));
        Assert.Equal("536870912", ZfsPool.Get($"{p}/films", "quota").Value);
        Assert.Equal(("-", "-"), ZfsPool.Get($"{p}/films", "com.example:backup"));
        Assert.Equal(("-", "-"), ZfsPool.Get($"{p}/films", "homelab:description"));
        Assert.Equal(guid, tf.ResourceValues("homelab_zfs_dataset.media")!.Value.GetProperty("guid").GetString());

        tf.WriteConfig(Provider(transport) + $$"""
            resource "homelab_zfs_dataset" "media" {
              name       = "{{p}}/films"
              properties = { compression = "off" }
            }
            """);
        tf.Apply();
        // quota cannot be inherited: removing it sets quota=none (parsed: 0).
        Assert.Equal("0", ZfsPool.Get($"{p}/films", "quota").Value);
        tf.Destroy();
        Assert.False(ZfsPool.Exists($"{p}/films"));
    }

    /// <summary>
    /// Import cannot see the configuration, so it stores values the way the host prints them;
    /// with the configuration written the same way the plan is empty at once. (Written as `1G`,
    /// the first apply records the user's spelling without touching the host; then it stays empty.)
    /// </summary>
    [Theory]
    [MemberData(nameof(Transports))]
    public void Import_round_trips_to_an_empty_plan(string transport)
    {
        using var pool = new ZfsPool();
        using var tf = Workspace();
        var p = pool.Name;
        ZfsPool.Zfs("create", "-o", "quota=1073741824", "-o", "com.example:owner=ops", "-o", "homelab:description=imported", $"{p}/old");
        tf.WriteConfig(Provider(transport) + $$"""
            resource "homelab_zfs_dataset" "old" {
              name        = "{{p}}/old"
              description = "imported"
              properties  = { quota = "1073741824", "com.example:owner" = "ops" }
            }
            """);
        tf.Import("homelab_zfs_dataset.old", transport == "ssh" ? $"lab:{p}/old" : $"{p}/old");
        var values = tf.ResourceValues("homelab_zfs_dataset.old")!.Value;
        Assert.Equal("1073741824", values.GetProperty("properties").GetProperty("quota").GetString());
        Assert.False(values.GetProperty("force_destroy").GetBoolean());
        tf.WriteConfig(Provider(transport) + $$"""
            resource "homelab_zfs_dataset" "old" {
              name        = "{{p}}/old"
              description = "imported"
              properties  = { quota = "1G", "com.example:owner" = "ops" }
            }
            """);
        tf.Apply();
        Assert.Equal("1G", tf.ResourceValues("homelab_zfs_dataset.old")!.Value.GetProperty("properties").GetProperty("quota").GetString());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void Out_of_band_changes_show_as_drift_and_apply_fixes_them(string transport)
    {
        using var pool = new ZfsPool();
        using var tf = Workspace();
        var p = pool.Name;
        tf.WriteConfig(Provider(transport) + $$"""
            resource "homelab_zfs_dataset" "a" {
              name       = "{{p}}/a"
              properties = { compression = "on", "com.example:tier" = "gold" }
            }
            """);
        tf.Apply();
        ZfsPool.Zfs("set", "compression=off", $"{p}/a");
        ZfsPool.Zfs("inherit", "com.example:tier", $"{p}/a");
        var plan = tf.PlanExpectChanges();
        Assert.Contains("\"off\" -> \"on\"", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("com.example:tier", plan.Stdout, StringComparison.Ordinal);
        tf.Apply();
        Assert.Equal("on", ZfsPool.Get($"{p}/a", "compression").Value);
        Assert.Equal("gold", ZfsPool.Get($"{p}/a", "com.example:tier").Value);

        // Destroyed behind terraform's back: the next plan creates it again.
        ZfsPool.Zfs("destroy", $"{p}/a");
        Assert.Contains("will be created", tf.PlanExpectChanges().Stdout, StringComparison.Ordinal);
        tf.Apply();
        Assert.True(ZfsPool.Exists($"{p}/a"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void Destroy_refuses_children_and_snapshots_until_force_destroy(string transport)
    {
        using var pool = new ZfsPool();
        using var tf = Workspace();
        var p = pool.Name;
        string Config(bool force) => Provider(transport) + $$"""
            resource "homelab_zfs_dataset" "a" {
              name          = "{{p}}/a"
              force_destroy = {{(force ? "true" : "false")}}
            }
            """;
        tf.WriteConfig(Config(false));
        tf.Apply();
        ZfsPool.Zfs("create", $"{p}/a/child");
        ZfsPool.Zfs("snapshot", $"{p}/a@keep");
        var refused = tf.Run("destroy", "-auto-approve", "-input=false", "-no-color");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Refusing to destroy a dataset that is not empty", refused.Output, StringComparison.Ordinal);
        Assert.Contains($"{p}/a/child", refused.Output, StringComparison.Ordinal);
        Assert.True(ZfsPool.Exists($"{p}/a@keep"));
        Assert.Equal(["homelab_zfs_dataset.a"], tf.StateList());

        tf.WriteConfig(Config(true));
        tf.Apply();
        tf.Destroy();
        Assert.False(ZfsPool.Exists($"{p}/a"));
        Assert.Empty(tf.StateList());
    }

    [Fact]
    public void Hostile_inputs_are_rejected_with_paths_and_nothing_is_created()
    {
        using var pool = new ZfsPool();
        using var tf = Workspace();
        var p = pool.Name;
        tf.WriteConfig(Provider("local") + $$"""
            resource "homelab_zfs_dataset" "evil_name" {
              name = "{{p}}/x;touch /tmp/hl-acc-pwned"
            }
            resource "homelab_zfs_dataset" "evil_subst" {
              name = "{{p}}/$(touch /tmp/hl-acc-pwned)"
            }
            resource "homelab_zfs_dataset" "evil_dots" {
              name = "{{p}}/../etc"
            }
            resource "homelab_zfs_dataset" "evil_option" {
              name = "{{p}}/-R"
            }
            resource "homelab_zfs_dataset" "evil_newline" {
              name        = "{{p}}/ok"
              description = "line1\nline2"
              properties  = { "compression;reboot" = "on", "com.example:x" = "a\tb" }
            }
            """);
        var result = tf.Plan();
        Assert.NotEqual(0, result.ExitCode);
        foreach (var expected in new[] { "Invalid dataset name", "Invalid description", "Invalid property name", "Invalid property value" })
        {
            Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        }
        Assert.Contains("homelab_zfs_dataset.evil_subst", result.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, tf.Run("apply", "-auto-approve", "-input=false", "-no-color").ExitCode);
        Assert.Equal(p + "\n", ZfsPool.Zfs("list", "-H", "-o", "name", "-r", p));
        Assert.False(File.Exists("/tmp/hl-acc-pwned"));
    }

    [Fact]
    public void Datasets_inside_an_Incus_owned_dataset_are_refused_at_plan_time()
    {
        using var pool = new ZfsPool();
        using var tf = Workspace();
        var p = pool.Name;
        ZfsPool.Zfs("create", "-o", "homelab:owner=incus", $"{p}/incus");
        ZfsPool.Zfs("create", $"{p}/incus/containers");
        tf.WriteConfig(Provider("local") + $$"""
            resource "homelab_zfs_dataset" "sneaky" {
              name = "{{p}}/incus/containers/mine"
            }
            """);
        var result = tf.Plan();
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("homelab:owner=incus", result.Output, StringComparison.Ordinal);
        Assert.False(ZfsPool.Exists($"{p}/incus/containers/mine"));

        // Declared on the remote instead of carried as a property.
        tf.WriteConfig($$"""
            provider "homelab" {
              remote {
                name           = "here"
                address        = "local"
                incus_datasets = ["{{p}}/declared"]
              }
            }
            resource "homelab_zfs_dataset" "declared" {
              name = "{{p}}/declared/x"
            }
            """);
        Assert.Contains("incus_datasets", tf.Plan().Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_creation_only_property_forces_replacement()
    {
        using var pool = new ZfsPool();
        using var tf = Workspace();
        var p = pool.Name;
        // force_destroy from the start: without it the replacement is refused at plan
        // (ZfsDataSafetyAcceptanceTests).
        string Config(string utf8) => Provider("local") + $$"""
            resource "homelab_zfs_dataset" "a" {
              name          = "{{p}}/a"
              properties    = { utf8only = "{{utf8}}" }
              force_destroy = true
            }
            """;
        tf.WriteConfig(Config("on"));
        tf.Apply();
        tf.WriteConfig(Config("off"));
        var plan = tf.PlanExpectChanges();
        Assert.Contains("must be replaced", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("forces replacement", plan.Stdout, StringComparison.Ordinal);
        tf.Apply();
        Assert.Equal("off", ZfsPool.Get($"{p}/a", "utf8only").Value);
    }

    [Fact]
    public void Volumes_are_created_or_the_host_error_is_reported_cleanly()
    {
        using var pool = new ZfsPool();
        using var tf = Workspace();
        var p = pool.Name;
        var probe = ProcessRunner.Run("zfs", "create", "-V", "8M", $"{p}/probe");
        var supported = probe.ExitCode == 0;
        tf.WriteConfig(Provider("local") + $$"""
            resource "homelab_zfs_dataset" "vol" {
              name    = "{{p}}/vol"
              type    = "volume"
              volsize = "16M"
              sparse  = true
            }
            """);
        if (supported)
        {
            tf.Apply();
            Assert.Equal("16777216", ZfsPool.Get($"{p}/vol", "volsize").Value);
            Assert.Equal("16M", tf.ResourceValues("homelab_zfs_dataset.vol")!.Value.GetProperty("volsize").GetString());
            tf.WriteConfig(Provider("local") + $$"""
                resource "homelab_zfs_dataset" "vol" {
                  name    = "{{p}}/vol"
                  type    = "volume"
                  volsize = "32M"
                  sparse  = true
                }
                """);
            tf.Apply();
            Assert.Equal("33554432", ZfsPool.Get($"{p}/vol", "volsize").Value);
            tf.Destroy();
        }
        else
        {
            // zfs-fuse has no zvols: the provider must surface the host's error, and keep nothing.
            var result = tf.ApplyExpectError();
            Assert.Contains($"Cannot create {p}/vol", result.Output, StringComparison.Ordinal);
            Assert.Empty(tf.StateList());
        }
    }

    [Fact]
    public void A_wrong_host_key_is_refused_and_nothing_runs()
    {
        using var pool = new ZfsPool();
        using var tf = Workspace();
        tf.WriteConfig(Provider("ssh", fingerprint: sshd.OtherKeyFingerprint) + $$"""
            resource "homelab_zfs_dataset" "a" {
              name = "{{pool.Name}}/a"
            }
            """);
        var result = tf.Run("apply", "-auto-approve", "-input=false", "-no-color");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("SSH host key refused", result.Output, StringComparison.Ordinal);
        Assert.Contains(sshd.HostKeyFingerprint, result.Output, StringComparison.Ordinal);
        Assert.False(ZfsPool.Exists($"{pool.Name}/a"));
    }

    [Fact]
    public void Over_ssh_with_the_key_held_by_a_real_ssh_agent()
    {
        using var agent = new SshAgentProcess();
        agent.Add(sshd.ClientKeyFile);
        using var pool = new ZfsPool();
        using var tf = Workspace();
        tf.Environment["SSH_AUTH_SOCK"] = agent.Socket;
        tf.WriteConfig($$"""
            provider "homelab" {
              default_remote = "lab"
              remote {
                name                 = "lab"
                address              = "{{sshd.Address}}"
                ssh_agent            = true
                host_key_fingerprint = "{{sshd.HostKeyFingerprint}}"
              }
            }

            resource "homelab_zfs_dataset" "a" {
              name = "{{pool.Name}}/agent"
            }
            """);
        tf.Apply();
        Assert.True(ZfsPool.Exists($"{pool.Name}/agent"));
        tf.Destroy();
        Assert.False(ZfsPool.Exists($"{pool.Name}/agent"));
    }
}
