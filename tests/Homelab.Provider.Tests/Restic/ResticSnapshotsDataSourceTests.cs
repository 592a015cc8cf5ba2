using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Homelab.Provider.Kit;
using Homelab.Provider.Restic;

namespace Homelab.Provider.Tests.Restic;

/// <summary>
/// The parsers of <c>homelab_restic_snapshots</c> on restic's own JSON (as restic 0.14 to 0.18
/// print it: nanosecond times in the local zone of the backup, short ids, an empty list).
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class ResticSnapshotListTests
{
    [Fact]
    public void Snapshots_are_ordered_by_time_and_their_times_become_utc()
    {
        const string json = """
            [{"time":"2026-12-03T04:15:02.078746806+01:00","tree":"f97f","paths":["/srv"],"hostname":"nas","username":"root","tags":["homelab-job=offsite"],"id":"bbbbbbbb2dd4139fcba9e70a4428df3888eec46c9e964ffe6e92b62dc352e8a7","short_id":"bbbbbbbb"},
             {"time":"2026-12-01T03:15:00.5Z","tree":"a1","paths":["/srv"],"hostname":"nas","username":"root","tags":["homelab-job=offsite"],"id":"aaaaaaaa2dd4139fcba9e70a4428df3888eec46c9e964ffe6e92b62dc352e8a7","short_id":"aaaaaaaa"}]
            """;
        var snapshots = ResticSnapshotList.Parse(json);

        Assert.Equal(["aaaaaaaa", "bbbbbbbb"], snapshots.Select(s => s.ShortId));
        Assert.Equal("2026-12-03T03:15:02Z", Rfc3339.Format(snapshots[1].Time));
        Assert.Equal("2026-12-01T03:15:00Z", Rfc3339.Format(snapshots[0].Time));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("")]
    public void No_snapshots_is_an_empty_list(string json) => Assert.Empty(ResticSnapshotList.Parse(json));

    [Theory]
    [InlineData("{\"id\":\"x\"}")]
    [InlineData("[{\"time\":\"2026-12-03T04:15:02Z\"}]")]
    [InlineData("[{\"id\":\"abcdef12\",\"time\":\"yesterday\"}]")]
    [InlineData("[{\"id\":\"--help\",\"time\":\"2026-12-03T04:15:02Z\"}]")]
    [InlineData("Fatal: unable to open config file")]
    public void Anything_else_is_a_format_error(string json) =>
        Assert.Throws<FormatException>(() => ResticSnapshotList.Parse(json));

    [Fact]
    public void A_missing_short_id_is_the_first_eight_digits_of_the_id()
    {
        var s = Assert.Single(ResticSnapshotList.Parse("""[{"time":"2026-12-03T04:15:02Z","id":"0123456789abcdef"}]"""));
        Assert.Equal("01234567", s.ShortId);
    }

    [Theory]
    [InlineData("""{"total_size":12345,"total_file_count":2,"snapshots_count":1}""", 12345L)]
    [InlineData("""{"total_size":0,"total_file_count":0,"snapshots_count":0}""", 0L)]
    [InlineData("""{"total_file_count":2}""", null)]
    [InlineData("""{"total_size":-1}""", null)]
    [InlineData("not json", null)]
    public void Stats_give_the_total_size(string json, long? expected) => Assert.Equal(expected, ResticSnapshotList.ParseTotalSize(json));

    [Fact]
    public void The_calls_select_by_identity_tag_and_host_as_arguments()
    {
        Assert.Equal(["snapshots", "--json", "--tag=homelab-job=offsite", "--host=nas"], ResticSnapshotList.Arguments("homelab-job=offsite", "nas"));
        // A host starting with '-' stays the flag's value.
        Assert.Equal("--host=-x", ResticSnapshotList.Arguments("homelab-job=offsite", "-x")[^1]);
        Assert.Equal(["stats", "--json", "--mode", "restore-size", "abc"], ResticSnapshotList.StatsArguments("abc"));
    }
}

/// <summary>
/// <c>homelab_restic_snapshots</c> through the real terraform binary, the published provider and
/// the real restic: two jobs in one repository, their backup units run with the test kit's unit
/// runner; the data source counts exactly one job's snapshots (its identity tag on its host), reads
/// their times, short id and size, never puts the password in state, and refuses an unknown job on
/// <c>job</c>.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed partial class ResticSnapshotsDataSourceTests : IDisposable
{
    private const string Password = "snapshots data source password 0xBEEF";
    private readonly ResticTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private static string Example => File.ReadAllText(RepositoryRoot.Combine("examples", "data-sources", "homelab_restic_snapshots", "data-source.tf"));

    private string Job(string name) => $$"""
        resource "homelab_restic_job" "{{name}}" {
          name                = "{{name}}"
          repository          = {{Hcl.Str(_host.Repo)}}
          password_wo         = {{Hcl.Str(Password)}}
          password_wo_version = 1
          paths               = [{{Hcl.Str(_host.Source)}}]
        }

        """;

    private string Jobs => Job("offsite") + Job("other");

    [Fact]
    public void Counts_only_its_jobs_snapshots_with_the_newest_time_id_and_size()
    {
        const int bytes = 123_457;
        File.WriteAllBytes(Path.Combine(_host.Source, "data.bin"), RandomNumberGenerator.GetBytes(bytes));
        var ws = _host.Workspace;
        ws.WriteConfig(Jobs);
        ws.Apply();

        // Before any backup: no snapshot, null times, and the example's check warns.
        ws.WriteConfig(Jobs + Example);
        var empty = ws.Plan();
        Assert.True(empty.ExitCode == 0, empty.Output);
        Assert.Contains("The offsite restic job has no snapshot from the last 26 hours.", empty.Output, StringComparison.Ordinal);

        var start = DateTimeOffset.UtcNow;
        _host.RunServiceOk("homelab-restic-offsite");
        _host.RunServiceOk("homelab-restic-other");
        _host.RunServiceOk("homelab-restic-other");

        ws.WriteConfig(Jobs + Example + """

            data "homelab_restic_snapshots" "other" {
              job       = "other"
              read_size = false
            }

            output "other" { value = data.homelab_restic_snapshots.other }
            output "offsite_host" { value = data.homelab_restic_snapshots.offsite.host }
            """);
        var applied = ws.Apply();
        Assert.DoesNotContain("Check block assertion failed", applied.Output, StringComparison.Ordinal);

        using var outputs = JsonDocument.Parse(ws.Run("output", "-json").Stdout);
        var offsite = outputs.RootElement.GetProperty("offsite_backups").GetProperty("value");
        Assert.Equal(1, offsite.GetProperty("count").GetInt32());
        var newest = offsite.GetProperty("newest").GetString()!;
        Assert.Matches(Rfc3339Utc(), newest);
        var taken = DateTimeOffset.Parse(newest, CultureInfo.InvariantCulture);
        Assert.InRange(taken, start.AddSeconds(-2), DateTimeOffset.UtcNow);
        Assert.Equal(newest, offsite.GetProperty("oldest").GetString());
        var own = Assert.Single(_host.Snapshots(_host.Repo, _host.State("restic/offsite/password"), "--tag", "homelab-job=offsite"));
        Assert.Equal(own.GetProperty("short_id").GetString(), offsite.GetProperty("newest_id").GetString());
        Assert.Equal(bytes, offsite.GetProperty("newest_size").GetInt64());
        // The job sets no host: the snapshots are selected by the machine's name, as the unit's %H records it.
        Assert.Equal(ResticTestHost.MachineHost, outputs.RootElement.GetProperty("offsite_host").GetProperty("value").GetString());
        Assert.Equal(ResticTestHost.MachineHost, own.GetProperty("hostname").GetString());

        // The second job in the same repository: its own two snapshots, no size read.
        var other = outputs.RootElement.GetProperty("other").GetProperty("value");
        Assert.Equal(2, other.GetProperty("snapshot_count").GetInt32());
        Assert.Equal(JsonValueKind.Null, other.GetProperty("newest_size").ValueKind);
        Assert.True(string.CompareOrdinal(other.GetProperty("oldest_time").GetString(), other.GetProperty("newest_time").GetString()) <= 0);
        Assert.Equal(3, _host.Snapshots(_host.Repo, _host.State("restic/offsite/password")).Count);

        // The password stays on the host: not in state, not in any output.
        Assert.DoesNotContain(Password, ws.StateFileText, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, applied.Output, StringComparison.Ordinal);

        // restic refuses: a password file that no longer opens the repository, then no repository at all.
        var pw = _host.State("restic/offsite/password");
        File.WriteAllText(pw, "not the password");
        var refused = ws.Plan();
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Error: Repository password refused", refused.Output, StringComparison.Ordinal);
        Assert.Contains("The password file of restic job \"offsite\" on remote \"local\" does not open its repository", TerraformText.Flat(refused.Output), StringComparison.Ordinal);
        File.WriteAllText(pw, Password);
        Directory.Delete(_host.Repo, recursive: true);
        var gone = ws.Plan("-refresh=false");
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Contains("Error: Repository does not exist", gone.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, gone.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_job_is_an_error_on_job_and_an_invalid_name_is_refused()
    {
        var ws = _host.Workspace;
        ws.WriteConfig("""
            data "homelab_restic_snapshots" "missing" {
              job = "missing"
            }
            """);
        var failed = ws.Plan();
        Assert.NotEqual(0, failed.ExitCode);
        var output = TerraformText.Flat(failed.Output);
        Assert.Contains("Error: Restic job not found", output, StringComparison.Ordinal);
        Assert.Contains("The restic job \"missing\" does not exist on remote \"local\"", output, StringComparison.Ordinal);
        Assert.Contains(TerraformText.Flat("job = \"missing\""), output, StringComparison.Ordinal);

        ws.WriteConfig("""
            data "homelab_restic_snapshots" "bad" {
              job = "Bad;name"
            }
            """);
        var invalid = ws.Plan();
        Assert.NotEqual(0, invalid.ExitCode);
        Assert.Contains("Error: Invalid job name", invalid.Output, StringComparison.Ordinal);
        Assert.Contains(TerraformText.Flat("job = \"Bad;name\""), TerraformText.Flat(invalid.Output), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\z")]
    private static partial Regex Rfc3339Utc();
}
