using System.Text;
using Homelab.Provider.Sanoid;

namespace Homelab.Provider.Tests.Sanoid;

/// <summary>
/// The other reader of sanoid.conf: Config::IniFiles, tied the way sanoid ties it
/// (<c>tie my %ini, 'Config::IniFiles', ( -file => $conf_file )</c>). Every value the encoder
/// accepts must reach sanoid byte for byte, not only round-trip through the provider's own parser.
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class SanoidConfIniFilesTests : IDisposable
{
    private const string Reader = """
        use strict; use warnings; use Config::IniFiles;
        tie my %ini, 'Config::IniFiles', ( -file => $ARGV[0] ) or die "cannot load: @Config::IniFiles::errors";
        for my $s (sort keys %ini) { for my $k (sort keys %{$ini{$s}}) { print "$s\t$k\t", unpack("H*", $ini{$s}{$k}), "\n"; } }
        """;

    private readonly TempDir _dir = new("hl-ini");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [MemberData(nameof(SanoidConfHostileTextTests.Kept), MemberType = typeof(SanoidConfHostileTextTests))]
    public void Config_IniFiles_reads_every_accepted_value_exactly_as_written(string text)
    {
        var policy = new SanoidPolicy
        {
            Name = "p",
            Description = text,
            Datasets = ["rpool/p", "rpool/q"],
            Recursive = "zfs",
            TemplateKeys = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["hourly"] = "24", ["prune_defer"] = text },
        };
        var file = _dir.File("sanoid.conf");
        File.WriteAllText(file, SanoidConf.Splice("[template_hand]\nhourly = 1\n", "p", SanoidConf.RenderBlock(policy)), new UTF8Encoding(false));
        var read = ProcessRunner.Check("perl", "-e", Reader, file).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t')).ToDictionary(f => f[0] + "/" + f[1], f => Encoding.UTF8.GetString(Convert.FromHexString(f[2])), StringComparer.Ordinal);
        Assert.Equal(text, read["template_homelab_p/prune_defer"]);
        Assert.Equal("24", read["template_homelab_p/hourly"]);
        Assert.Equal("homelab_p", read["rpool/p/use_template"]);
        Assert.Equal("zfs", read["rpool/q/recursive"]);
        Assert.Equal(["rpool/p", "rpool/q", "template_hand", "template_homelab_p"], read.Keys.Select(k => k[..k.LastIndexOf('/')]).Distinct().Order(StringComparer.Ordinal));
    }
}
