using Homelab.Provider.Restic;
using Homelab.Provider.Units;

namespace Homelab.Provider.Tests.Restic;

/// <summary>The rendered units select exactly the job's snapshots and keep free text intact.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class ResticUnitsTests
{
    private static ResticJob Job(string? host = null, string? description = null) => new()
    {
        Name = "alpha",
        Repository = "/srv/repo",
        Paths = ["/srv/data"],
        Tags = ["critical"],
        Host = host,
        Description = description,
        Retention = new ResticRetention { Keep = [("--keep-last", 3)] },
    };

    private static string Service(ResticJob job, string unit) =>
        new ResticUnits(job, rel => "/state/" + rel, "/bin/restic", "/bin/flock").Files().Single(f => f.Name == unit).Content;

    private static IReadOnlyList<string> ExecStart(string service) => SystemdUnits.ExecStarts(service).Single();

    [Fact]
    public void Forget_selects_the_jobs_identity_tag_on_the_machines_host()
    {
        var service = Service(Job(), "homelab-restic-alpha-forget.service");
        Assert.Contains(" --host %H\n", service, StringComparison.Ordinal);
        var argv = ExecStart(service);
        var forget = argv.ToList().IndexOf("forget");
        Assert.Equal(["--group-by", "host", "--tag", "homelab-job=alpha", "--keep-last", "3", "--prune", "--host", "%H"], argv.Skip(forget + 1));
    }

    [Fact]
    public void Backup_tags_every_snapshot_with_the_identity_and_the_users_tags()
    {
        var argv = ExecStart(Service(Job(), "homelab-restic-alpha.service"));
        Assert.Equal(["--tag", "homelab-job=alpha", "--tag", "critical", "--host", "%H"], argv.Skip(argv.Count - 6));
    }

    [Fact]
    public void An_explicit_host_is_one_quoted_word_not_a_specifier()
    {
        var service = Service(Job(host: "100%H \"odd\" host"), "homelab-restic-alpha-forget.service");
        Assert.DoesNotContain(" --host %H\n", service, StringComparison.Ordinal);
        Assert.Equal(["--host", "100%H \"odd\" host"], ExecStart(service).Skip(ExecStart(service).Count - 2));
    }

    [Fact]
    public void A_description_reads_back_from_the_unit_unchanged()
    {
        const string Description = "100% \"safe\" 'data' $HOME \\ inside";
        var line = Service(Job(description: Description), "homelab-restic-alpha.service").Split('\n').Single(l => l.StartsWith("Description=", StringComparison.Ordinal));
        Assert.EndsWith(": " + Description, UnitValue.Decode(line["Description=".Length..]), StringComparison.Ordinal);
    }
}
