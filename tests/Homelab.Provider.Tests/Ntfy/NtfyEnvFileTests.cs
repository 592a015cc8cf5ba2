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

    private static string S(string rel) => "/s/" + rel;

    [Fact]
    public void Render_then_parse_gives_the_same_alert()
    {
        var text = NtfyEnvFile.Render(Full, rel => "/var/lib/homelab/" + rel);
        var back = NtfyEnvFile.Parse("phone", "atlas", text, ["phone.env", "phone.token"], rel => "/var/lib/homelab/" + rel);
        Assert.Equal(Full with { Tags = [], Units = [] }, back with { Tags = [], Units = [] });
        Assert.Equal(Full.Tags, back.Tags);
        Assert.Equal(Full.Units, back.Units);
        Assert.Contains("NTFY_TOKEN_FILE=\"/var/lib/homelab/ntfy/phone.token\"\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_secret_file_drops_its_version_so_the_next_plan_rewrites_it()
    {
        var text = NtfyEnvFile.Render(Full, rel => "/s/" + rel);
        Assert.Null(NtfyEnvFile.Parse("phone", "atlas", text, ["phone.env"], S).TokenVersion);
        var basic = Full with { TokenVersion = null, Username = "u", PasswordVersion = 2 };
        var basicText = NtfyEnvFile.Render(basic, rel => "/s/" + rel);
        Assert.Equal(2, NtfyEnvFile.Parse("phone", "atlas", basicText, ["phone.password"], S).PasswordVersion);
        Assert.Null(NtfyEnvFile.Parse("phone", "atlas", basicText, [], S).PasswordVersion);
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
        var back = NtfyEnvFile.Parse("a", null, text, [], S);
        Assert.True(back.WatchProviderUnits);
        Assert.Null(back.Units);
    }

    [Fact]
    public void A_token_file_is_named_as_written_and_reads_back_as_token_file_not_as_a_write_only_token()
    {
        var alert = Full with { TokenVersion = null, TokenFile = "/run/secrets/ntfy/phone.token" };
        var text = NtfyEnvFile.Render(alert, S);
        Assert.Contains("NTFY_TOKEN_FILE=\"/run/secrets/ntfy/phone.token\"\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/s/ntfy/phone.token", text, StringComparison.Ordinal);
        // The file name looks like the provider's own, but the path is not: it is the user's.
        var back = NtfyEnvFile.Parse("phone", "atlas", text, ["phone.env", "phone.token"], S);
        Assert.Equal("/run/secrets/ntfy/phone.token", back.TokenFile);
        Assert.Null(back.TokenVersion);
        Assert.Equal(alert with { Tags = [], Units = [] }, back with { Tags = [], Units = [] });
    }

    [Fact]
    public void A_password_file_is_named_with_the_user_and_reads_back_as_password_file()
    {
        var alert = Full with { TokenVersion = null, Username = "ops", PasswordFile = "/run/agenix/ntfy pass" };
        var text = NtfyEnvFile.Render(alert, S);
        Assert.Contains("NTFY_USER=\"ops\"\nNTFY_PASSWORD_FILE=\"/run/agenix/ntfy pass\"\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NTFY_TOKEN_FILE", text, StringComparison.Ordinal);
        var back = NtfyEnvFile.Parse("phone", "atlas", text, [], S);
        Assert.Equal("/run/agenix/ntfy pass", back.PasswordFile);
        Assert.Null(back.PasswordVersion);
        Assert.Equal("ops", back.Username);

        // The provider's own password path is password_wo, as before.
        var own = NtfyEnvFile.Parse("phone", "atlas", NtfyEnvFile.Render(alert with { PasswordFile = null, PasswordVersion = 3 }, S), ["phone.password"], S);
        Assert.Null(own.PasswordFile);
        Assert.Equal(3, own.PasswordVersion);
    }

    [Fact]
    public void A_new_secret_file_is_a_new_target_so_the_test_message_is_sent_again()
    {
        var a = Full with { TokenVersion = null, TokenFile = "/run/secrets/a" };
        Assert.True(a.SameTargetAs(a with { }));
        Assert.False(a.SameTargetAs(a with { TokenFile = "/run/secrets/b" }));
        Assert.False(a.SameTargetAs(a with { TokenFile = null, TokenVersion = 1 }));
        var b = Full with { TokenVersion = null, Username = "u", PasswordFile = "/run/secrets/p" };
        Assert.False(b.SameTargetAs(b with { PasswordFile = "/run/secrets/q" }));
        Assert.Equal("/run/secrets/p", b.SecretFile);
        Assert.Equal("/run/secrets/a", a.SecretFile);
        Assert.Null(Full.SecretFile);
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
