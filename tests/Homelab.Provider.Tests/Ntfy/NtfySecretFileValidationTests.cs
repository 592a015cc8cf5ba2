using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Testing;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Ntfy;

namespace Homelab.Provider.Tests.Ntfy;

/// <summary>
/// <c>token_file</c> and <c>password_file</c> at validate time: a path the env file can carry, and
/// never together with the write-only attribute of the same secret (or with the other kind of
/// authentication). Each error is on the attribute to change.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class NtfySecretFileValidationTests
{
    private static DiagnosticBag Validate(params (string Name, TfValue Value)[] attributes)
    {
        var config = new NtfyAlert { Name = "phone", Url = "https://ntfy.example.net", Topic = "alerts" }.ToState(NtfyAlertSchema.Schema.ImpliedType)
            .With("id", TfValue.Null(TfType.String))
            .With("priority", TfValue.Null(TfType.String))
            .With("tags", TfValue.Null(TfType.List(TfType.String)))
            .With("title", TfValue.Null(TfType.String))
            .With("max_body_bytes", TfValue.Null(TfType.Number))
            .With("watch_provider_units", TfValue.Null(TfType.Bool))
            .With("send_test", TfValue.Null(TfType.Bool));
        foreach (var (name, value) in attributes)
        {
            config = config.With(name, value);
        }
        var diags = new DiagnosticBag();
        ProviderTesting.Validate(NtfyAlertSchema.Schema, config, diags);
        NtfyValidation.ValidateConfig(config, diags);
        return diags;
    }

    private static TfValue S(string s) => TfValue.String(s);

    [Fact]
    public void A_token_file_or_a_user_with_a_password_file_is_enough()
    {
        Assert.Empty(Validate(("token_file", S("/run/secrets/ntfy-token"))));
        Assert.Empty(Validate(("username", S("ops")), ("password_file", S("/run/agenix/ntfy password"))));
    }

    public static TheoryData<string, string, string> Conflicts => new()
    {
        { "token_file = /x, token_wo", "Conflicting token sources", "token_file" },
        { "password_file = /x, password_wo", "Conflicting password sources", "password_file" },
        { "token_file = /x, username", "Two kinds of authentication", "username" },
        { "password_file = /x without username", "Password without user", "password_file" },
        { "token_file = /x, token_wo_version", "Token version without token", "token_wo_version" },
        { "password_file = /x, password_wo_version", "Password version without password", "password_wo_version" },
    };

    [Theory]
    [MemberData(nameof(Conflicts))]
    public void Conflicting_secret_sources_are_refused_on_the_attribute(string label, string summary, string path)
    {
        var attributes = label switch
        {
            "token_file = /x, token_wo" => new[] { ("token_file", S("/x")), ("token_wo", S("tk_abc")), ("token_wo_version", TfValue.Number(1)) },
            "password_file = /x, password_wo" => [("username", S("ops")), ("password_file", S("/x")), ("password_wo", S("pw")), ("password_wo_version", TfValue.Number(1))],
            "token_file = /x, username" => [("token_file", S("/x")), ("username", S("ops")), ("password_file", S("/y"))],
            "password_file = /x without username" => [("password_file", S("/x"))],
            "token_file = /x, token_wo_version" => [("token_file", S("/x")), ("token_wo_version", TfValue.Number(1))],
            "password_file = /x, password_wo_version" => [("username", S("ops")), ("password_file", S("/x")), ("password_wo_version", TfValue.Number(1))],
            _ => throw new ArgumentException(label),
        };
        var d = Assert.Single(Validate(attributes));
        Assert.Equal(summary, d.Summary);
        Assert.Equal(path, d.Path!.ToString());
        Assert.Equal(Severity.Error, d.Severity);
    }

    [Fact]
    public void Unknown_secret_sources_still_conflict()
    {
        var d = Assert.Single(Validate(("token_file", TfValue.Unknown(TfType.String)), ("token_wo", TfValue.Unknown(TfType.String)), ("token_wo_version", TfValue.Number(1))));
        Assert.Equal("Conflicting token sources", d.Summary);
    }

    public static TheoryData<string> BadPaths => new()
    {
        "run/secrets/token", "", "/", "//x", "/run//secrets", "/run/./secrets", "/run/../etc/shadow", "/run/secrets/", "/run/secrets/..",
        "/run/secrets/tok\nen", "/run/secrets/token\n", "/run/secrets/\0x", "/run/secrets/\u2028x", "/run/secrets/\u202Ex", "\uFEFF/run/x", "/x\ty",
        "/" + new string('a', 4096),
    };

    [Theory]
    [MemberData(nameof(BadPaths))]
    public void Paths_the_env_file_cannot_carry_or_that_are_not_normal_absolute_paths_are_refused(string path)
    {
        foreach (var attribute in new[] { "token_file", "password_file" })
        {
            var attributes = attribute == "token_file"
                ? new[] { (attribute, S(path)) }
                : [("username", S("ops")), (attribute, S(path))];
            var d = Assert.Single(Validate(attributes));
            Assert.Equal("Invalid secret file path", d.Summary);
            Assert.Equal(attribute, d.Path!.ToString());
        }
        Assert.NotNull(NtfyValidation.CheckSecretFile(path));
    }

    [Theory]
    [InlineData("/run/secrets/ntfy-token")]
    [InlineData("/run/agenix/ntfy password")]
    [InlineData("/etc/ntfy/.token")]
    [InlineData("/x/...")]
    [InlineData("/x/..y")]
    [InlineData("/srv/\"quoted\" $(id) `x` 'q'")]
    public void Normal_absolute_paths_are_written_and_read_back_equal(string path)
    {
        Assert.Null(NtfyValidation.CheckSecretFile(path));
        var alert = new NtfyAlert { Name = "phone", Url = "https://ntfy.example.net", Topic = "alerts", TokenFile = path };
        var text = NtfyEnvFile.Render(alert, rel => "/s/" + rel);
        Assert.Equal(path, NtfyEnvFile.Parse("phone", null, text, [], rel => "/s/" + rel).TokenFile);
    }
}
