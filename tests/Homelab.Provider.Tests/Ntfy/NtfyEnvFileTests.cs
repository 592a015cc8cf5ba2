using Homelab.Provider.Ntfy;

namespace Homelab.Provider.Tests.Ntfy;

/// <summary>The env file and the curl config, in process.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class NtfyEnvFileTests
{
    private static readonly NtfyAlert Full = new()
    {
        Name = "phone",
        Remote = "atlas",
        Url = "https://ntfy.example.net/base",
        Topic = "alerts",
        Priority = "5",
        Tags = ["rotating_light", "+1"],
        Click = "mailto:ops@example.net",
        Title = "\"{host}\": {unit} = 'down'",
        MaxBodyBytes = 1000,
        Units = ["incus.service", "homelab-syncoid-replica"],
        WatchProviderUnits = false,
        SendTest = false,
        TokenVersion = 7,
    };

    [Fact]
    public void Render_then_parse_gives_the_same_alert()
    {
        var text = NtfyEnvFile.Render(Full, rel => "/var/lib/homelab/" + rel);
        var back = NtfyEnvFile.Parse("phone", "atlas", text, ["phone.env", "phone.token"]);
        Assert.Equal(Full with { Tags = [], Units = [] }, back with { Tags = [], Units = [] });
        Assert.Equal(Full.Tags, back.Tags);
        Assert.Equal(Full.Units, back.Units);
        Assert.Contains("NTFY_TOKEN_FILE=\"/var/lib/homelab/ntfy/phone.token\"\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_secret_file_drops_its_version_so_the_next_plan_rewrites_it()
    {
        var text = NtfyEnvFile.Render(Full, rel => "/s/" + rel);
        Assert.Null(NtfyEnvFile.Parse("phone", "atlas", text, ["phone.env"]).TokenVersion);
        var basic = Full with { TokenVersion = null, Username = "u", PasswordVersion = 2 };
        var basicText = NtfyEnvFile.Render(basic, rel => "/s/" + rel);
        Assert.Equal(2, NtfyEnvFile.Parse("phone", "atlas", basicText, ["phone.password"]).PasswordVersion);
        Assert.Null(NtfyEnvFile.Parse("phone", "atlas", basicText, []).PasswordVersion);
    }

    [Fact]
    public void Defaults_leave_out_optional_keys()
    {
        var text = NtfyEnvFile.Render(new NtfyAlert { Name = "a", Url = "http://h", Topic = "t" }, rel => "/s/" + rel);
        Assert.DoesNotContain("NTFY_CLICK", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NTFY_TOKEN_FILE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NTFY_USER", text, StringComparison.Ordinal);
        Assert.Contains("NTFY_MAX_BODY_BYTES=\"3500\"\n", text, StringComparison.Ordinal);
        Assert.Contains("NTFY_UNITS=\"homelab-*\"\n", text, StringComparison.Ordinal);
        var back = NtfyEnvFile.Parse("a", null, text, []);
        Assert.True(back.WatchProviderUnits);
        Assert.Null(back.Units);
    }

    public static TheoryData<string, bool> Urls => new()
    {
        { "https://ntfy.sh", true },
        { "http://127.0.0.1:8090", true },
        { "https://ntfy.example.net/base/", true },
        { "ntfy.sh", false },
        { "/etc/passwd", false },
        { "ftp://ntfy.sh", false },
        { "https://u:p@ntfy.sh", false },
        { "https://ntfy.sh/?a=b", false },
        { "https://ntfy.sh/#x", false },
        { "https://ntfy.sh/a b", false },
        { "https://ntfy.sh/\"", false },
    };

    [Theory]
    [MemberData(nameof(Urls))]
    public void Server_urls(string url, bool ok) => Assert.Equal(ok, NtfyValidation.CheckUrl(url, allowMailto: false) is null);

    [Fact]
    public void Curl_config_escapes_quotes_and_backslashes_and_carries_the_auth_header()
    {
        var config = NtfyPublisher.BuildConfig(Full with { Username = null }, "T \"q\"", "a\\b", "tk_x", null);
        Assert.Contains("url = \"https://ntfy.example.net/base/alerts\"\n", config, StringComparison.Ordinal);
        Assert.Contains("header = \"Title: T \\\"q\\\"\"\n", config, StringComparison.Ordinal);
        Assert.Contains("header = \"Authorization: Bearer tk_x\"\n", config, StringComparison.Ordinal);
        Assert.Contains("data-raw = \"a\\\\b\"\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Drop_ins_only_for_host_units_and_never_twice()
    {
        var files = NtfyDropIns.For("phone", ["incus", "incus.service", "homelab-restic-x", "zfs-scrub@rpool"]);
        Assert.Equal(["incus.service.d/homelab-phone.conf", "zfs-scrub@rpool.service.d/homelab-phone.conf"], files.Select(f => f.Name));
        Assert.Empty(NtfyDropIns.For("phone", null));
    }
}
