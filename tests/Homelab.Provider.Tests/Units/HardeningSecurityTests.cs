using System.Globalization;
using System.Text.RegularExpressions;
using Homelab.Provider.Restic;
using Homelab.Provider.Syncoid;
using Homelab.Provider.Units;
using Xunit.Abstractions;

namespace Homelab.Provider.Tests.Units;

/// <summary>
/// Every kind of service the provider writes, hardened and with <c>hardening = "off"</c>, through
/// systemd's own tools: <c>systemd-analyze verify</c> accepts each file, and
/// <c>systemd-analyze security --offline=true</c> rates each hardened one "OK" or better (exposure
/// at most 4.9 of 10). The figures are printed; docs/design/units.md keeps the table.
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed partial class HardeningSecurityTests(ITestOutputHelper output)
{
    private const double Threshold = 4.9;

    private static ResticJob Restic(string? user = null, bool readAll = false, bool hardened = true, string repository = "/srv/backup/restic") => new()
    {
        Name = "nightly",
        Repository = repository,
        Paths = ["/srv/data", "/home/alice"],
        Exclude = ["*.tmp"],
        Retention = new ResticRetention { Keep = [("--keep-daily", 7)] },
        User = user,
        ReadAll = readAll,
        Hardened = hardened,
    };

    private static SyncoidJob Syncoid(string? user = null, bool hardened = true, string target = "backup/replica") => new()
    {
        Name = "replica",
        Source = "tank/data",
        Target = target,
        User = user,
        Hardened = hardened,
        PrivilegeElevation = !Hardening.IsNonRoot(user),
    };

    private static IEnumerable<(string Kind, bool Hardened, UnitFile File)> Units()
    {
        foreach (var hardened in new[] { true, false })
        {
            var restic = new ResticUnits(Restic(hardened: hardened), rel => "/var/lib/homelab/" + rel, "/usr/bin/restic", "/usr/bin/flock").Files();
            foreach (var (kind, unit) in new[] { ("restic backup (root)", "homelab-restic-nightly.service"), ("restic forget", "homelab-restic-nightly-forget.service"), ("restic check", "homelab-restic-nightly-check.service") })
            {
                yield return (kind, hardened, restic.Single(f => f.Name == unit));
            }
            var user = new ResticUnits(Restic(user: "backup", readAll: true, hardened: hardened, repository: "s3:https://s3.example.com/bucket"), rel => "/var/lib/homelab/" + rel, "/usr/bin/restic", "/usr/bin/flock").Files();
            yield return ("restic backup (user, read_all, remote repository)", hardened, user.Single(f => f.Name == "homelab-restic-nightly.service"));
            yield return ("syncoid local (root)", hardened, new UnitFile("homelab-syncoid-replica.service", SyncoidUnitFiles.Service(Syncoid(hardened: hardened), "/usr/sbin/syncoid", "/usr/sbin:/usr/bin")));
            yield return ("syncoid to ssh (root)", hardened, new UnitFile("homelab-syncoid-replica.service", SyncoidUnitFiles.Service(Syncoid(hardened: hardened, target: "backup@nas:tank/replica"), "/usr/sbin/syncoid", "/usr/sbin:/usr/bin")));
            yield return ("syncoid local (user)", hardened, new UnitFile("homelab-syncoid-replica.service", SyncoidUnitFiles.Service(Syncoid(user: "syncoid", hardened: hardened), "/usr/sbin/syncoid", "/usr/sbin:/usr/bin")));
        }
    }

    [Fact]
    public void Every_unit_kind_passes_verify_and_the_hardened_ones_rate_ok_in_systemd_analyze_security()
    {
        using var dir = new TempDir("hl-hardening");
        var rows = new List<(string Kind, bool Hardened, double Exposure, string Rating)>();
        foreach (var (kind, hardened, file) in Units())
        {
            // One file per unit in its own directory: the same unit name serves several kinds.
            var sub = Path.Combine(dir.Path, rows.Count.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(sub);
            var path = Path.Combine(sub, file.Name);
            File.WriteAllText(path, file.Content);

            var verify = ProcessRunner.Run("systemd-analyze", "verify", path);
            Assert.True(verify.ExitCode == 0 && verify.Stderr.Length == 0, $"{kind}: {verify.Stdout}{verify.Stderr}\n{file.Content}");

            var security = ProcessRunner.Run("systemd-analyze", "security", "--offline=true", "--no-pager", path);
            var match = Overall().Match(security.Stdout + security.Stderr);
            Assert.True(match.Success, $"{kind}: no overall exposure in {security}");
            var exposure = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            rows.Add((kind, hardened, exposure, match.Groups["rating"].Value));
        }
        output.WriteLine("| unit | hardening = \"off\" | hardening = \"strict\" |");
        output.WriteLine("|---|---|---|");
        foreach (var group in rows.GroupBy(r => r.Kind))
        {
            var off = group.Single(r => !r.Hardened);
            var strict = group.Single(r => r.Hardened);
            output.WriteLine($"| {group.Key} | {off.Exposure:0.0} {off.Rating} | {strict.Exposure:0.0} {strict.Rating} |");
        }
        Assert.All(rows.Where(r => r.Hardened), r => Assert.True(r.Exposure <= Threshold, $"{r.Kind}: exposure {r.Exposure} {r.Rating} is above {Threshold}"));
        Assert.All(rows.Where(r => !r.Hardened), r => Assert.True(r.Exposure > Threshold, $"{r.Kind}: opt-out rated {r.Exposure}, the test would not tell hardening apart"));
    }

    [GeneratedRegex(@"Overall exposure level for \S+: (?<value>[0-9]+\.[0-9]+) (?<rating>[A-Z]+)")]
    private static partial Regex Overall();
}
