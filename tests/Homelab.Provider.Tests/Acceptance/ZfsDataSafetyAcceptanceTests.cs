using System.Text.RegularExpressions;
using Homelab.Provider.Tests.TestKit;

namespace Homelab.Provider.Tests.Acceptance;

/// <summary>
/// Nothing destroys data the user did not name, through the real terraform binary and the
/// published provider on zfs-fuse pools: every replacement cause is refused at plan (on the
/// attribute, saying what would be lost) until <c>force_destroy = true</c> has been applied;
/// destroy never removes what Incus owns; <c>incus_datasets</c> entries that would match nothing
/// are refused. (Volumes: zfs-fuse has none; the <c>volsize</c> shrink and <c>sparse</c> rules are
/// proven at plan level in Zfs/DataSafetyPlanTests.)
/// </summary>
[Trait("Category", "Acceptance")]
[Trait(Tier.Name, Tier.Acceptance)]
public sealed partial class ZfsDataSafetyAcceptanceTests
{
    private const string Remotes = """
        provider "homelab" {
          default_remote = "one"
          remote {
            name    = "one"
            address = "local"
          }
          remote {
            name    = "two"
            address = "local"
          }
        }

        """;

    private static TerraformWorkspace Workspace() => TerraformWorkspace.Create(ProviderBuild.Homelab);

    /// <summary>A change that replaces the dataset: the attribute line as written, before and after.</summary>
    public static TheoryData<string> Causes => new() { "pool", "type", "remote", "utf8only" };

    [Theory]
    [MemberData(nameof(Causes))]
    public void A_replacement_is_refused_at_plan_until_force_destroy_is_applied(string cause)
    {
        using var pool = new ZfsPool();
        using var other = new ZfsPool();
        using var tf = Workspace();
        var p = pool.Name;
        string Config(bool changed, bool force) => Remotes + $$"""
            resource "homelab_zfs_dataset" "a" {
              name          = "{{(cause == "pool" && changed ? other.Name : p)}}/data"
              remote        = "{{(cause == "remote" && changed ? "two" : "one")}}"
              type          = "{{(cause == "type" && changed ? "volume" : "filesystem")}}"
              {{(cause == "type" && changed ? "volsize = \"8M\"" : "")}}
              properties    = { utf8only = "{{(cause == "utf8only" && changed ? "off" : "on")}}" }
              force_destroy = {{(force ? "true" : "false")}}
            }
            """;
        tf.WriteConfig(Config(changed: false, force: false));
        tf.Apply();
        ZfsPool.Zfs("snapshot", $"{p}/data@precious");
        var guid = ZfsPool.Get($"{p}/data", "guid").Value;

        tf.WriteConfig(Config(changed: true, force: false));
        var refused = tf.Plan();
        Assert.NotEqual(0, refused.ExitCode);
        // Terraform wraps diagnostics: compare with whitespace runs collapsed.
        var output = TerraformText.Flat(refused.Output);
        var error = output[output.IndexOf("Error: Replacing a dataset would destroy data", StringComparison.Ordinal)..];
        Assert.Contains($"It would lose {p}/data (", error, StringComparison.Ordinal);
        Assert.Contains("used, 1 snapshot and 0 child datasets", error, StringComparison.Ordinal);
        Assert.Contains("force_destroy = true", error, StringComparison.Ordinal);
        // Terraform prints the configuration line of the attribute the diagnostic names.
        var line = cause switch
        {
            "pool" => $"name          = \"{other.Name}/data\"",
            "remote" => "remote        = \"two\"",
            "type" => "type          = \"volume\"",
            _ => "properties    = { utf8only = \"off\" }",
        };
        Assert.Contains(TerraformText.Flat(line), error, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(refused.Output, "Error:"));

        // Setting force_destroy in the same change is not enough: the destroy acts on the recorded state.
        tf.WriteConfig(Config(changed: true, force: true));
        Assert.Contains("apply that change on its own first", TerraformText.Flat(tf.Plan().Output), StringComparison.Ordinal);
        Assert.Equal(guid, ZfsPool.Get($"{p}/data", "guid").Value);
        Assert.True(ZfsPool.Exists($"{p}/data@precious"));

        tf.WriteConfig(Config(changed: false, force: true));
        tf.Apply();
        tf.WriteConfig(Config(changed: true, force: true));
        Assert.Contains("must be replaced", tf.PlanExpectChanges().Stdout, StringComparison.Ordinal);
        if (cause != "type")
        {
            tf.Apply();
            var now = cause == "pool" ? $"{other.Name}/data" : $"{p}/data";
            Assert.NotEqual(guid, ZfsPool.Get(now, "guid").Value);
            Assert.False(ZfsPool.Exists($"{p}/data@precious"));
            tf.Destroy();
        }
    }

    [Fact]
    public void Destroy_never_removes_what_Incus_owns_even_with_force_destroy()
    {
        using var pool = new ZfsPool();
        using var tf = Workspace();
        var p = pool.Name;
        string Config(string incus) => $$"""
            provider "homelab" {
              remote {
                name           = "here"
                address        = "local"
                incus_datasets = [{{incus}}]
              }
            }
            resource "homelab_zfs_dataset" "a" {
              name          = "{{p}}/a"
              force_destroy = true
            }
            """;
        tf.WriteConfig(Config(""));
        tf.Apply();

        // A child Incus marked as its own.
        ZfsPool.Zfs("create", "-o", "homelab:owner=incus", $"{p}/a/containers");
        var refused = tf.Run("destroy", "-auto-approve", "-input=false", "-no-color");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Refusing to destroy an Incus-owned dataset", refused.Output, StringComparison.Ordinal);
        Assert.Contains($"{p}/a contains {p}/a/containers", refused.Output, StringComparison.Ordinal);
        Assert.True(ZfsPool.Exists($"{p}/a/containers"));

        // A child the remote declares as Incus's.
        ZfsPool.Zfs("inherit", "homelab:owner", $"{p}/a/containers");
        tf.WriteConfig(Config($"\"{p}/a/containers\""));
        refused = tf.Run("destroy", "-auto-approve", "-input=false", "-no-color");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("incus_datasets", refused.Output, StringComparison.Ordinal);
        Assert.True(ZfsPool.Exists($"{p}/a/containers"));
        Assert.Equal(["homelab_zfs_dataset.a"], tf.StateList());

        // No longer Incus's: force_destroy takes the child along.
        tf.WriteConfig(Config(""));
        tf.Destroy();
        Assert.False(ZfsPool.Exists($"{p}/a"));
    }

    [Theory]
    [InlineData("{0}/incus/")]
    [InlineData(" {0}/incus")]
    public void Incus_datasets_that_would_match_nothing_are_refused_and_guard_nothing(string entry)
    {
        using var pool = new ZfsPool();
        using var tf = Workspace();
        var p = pool.Name;
        ZfsPool.Zfs("create", $"{p}/incus");
        tf.WriteConfig($$"""
            provider "homelab" {
              remote {
                name           = "here"
                address        = "local"
                incus_datasets = ["{{string.Format(System.Globalization.CultureInfo.InvariantCulture, entry, p)}}"]
              }
            }
            resource "homelab_zfs_dataset" "inside" {
              name = "{{p}}/incus/mine"
            }
            """);
        var refused = tf.Plan();
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Invalid Incus dataset", refused.Output, StringComparison.Ordinal);
        Assert.Contains("incus_datasets", refused.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, tf.Run("apply", "-auto-approve", "-input=false", "-no-color").ExitCode);
        Assert.False(ZfsPool.Exists($"{p}/incus/mine"));
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            n++;
        }
        return n;
    }
}
