using System.Text;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Ntfy;

namespace Homelab.Provider.Tests.Ntfy;

/// <summary>
/// The two ntfy encoders against a table of hostile text, read back by the real readers: the env
/// file by the <c>read_env</c> function of the generated failure-notify.sh (taken from the
/// template, run by bash), the curl config by the host's curl posting to the fake ntfy server.
/// Every value is either refused (at plan, by the attribute's validator) or arrives equal.
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class NtfyEncodingTests : IDisposable
{
    private readonly TempDir _dir = new("hl-ntfy-enc");

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string> Hostile => new()
    {
        { "newline", "a\nb" },
        { "trailing newline", "alerts\n" },
        { "cr", "a\rb" },
        { "trailing cr", "a\r" },
        { "nul", "a\0b" },
        { "tab", "a\tb" },
        { "trailing backslash", "down\\" },
        { "backslash n", "a\\nb" },
        { "percent", "100% %n %% %" },
        { "double quotes", "\"quoted\"" },
        { "lone double quote", "\"" },
        { "single quotes", "'single'" },
        { "dollar", "$HOME ${unit} $(id)" },
        { "backtick", "`id`" },
        { "nel", "a\u0085b" },
        { "line separator", "a\u2028b" },
        { "paragraph separator", "a\u2029b" },
        { "bom", "\uFEFFtitle" },
        { "rtl override", "abc\u202Edef" },
        { "surrounding spaces", "  spaced  " },
        { "equals and hash", "a=b # not a comment" },
        { "unicode", "ünïcødé ✓ 😀" },
        { "placeholders", "{host}: {unit} failed" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Title_is_refused_at_plan_or_read_back_equal_by_failure_notify(string label, string text)
    {
        var refused = Refused(NtfyValidation.Title, text);
        if (NtfyEnvValue.Problem(text) is not null)
        {
            Assert.True(refused, $"{label}: the env encoder cannot carry it, so the title validator must refuse it");
            Assert.Throws<ArgumentException>(() => NtfyEnvValue.Line("NTFY_TITLE", text));
            return;
        }
        // Whatever the encoder accepts, the script reads back exactly: the encoder's own promise,
        // independent of the stricter title rule.
        Assert.Equal(text, ReadWithFailureNotify(NtfyEnvValue.Line("NTFY_TITLE", text), "NTFY_TITLE"));
        if (!refused)
        {
            var alert = new NtfyAlert { Name = "phone", Url = "http://127.0.0.1:1", Topic = "t", Title = text };
            var file = NtfyEnvFile.Render(alert, rel => "/s/" + rel);
            Assert.Equal(text, ReadWithFailureNotify(file, "NTFY_TITLE"));
            Assert.Equal(text, NtfyEnvFile.Parse("phone", null, file, [], rel => "/s/" + rel).Title);
        }
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Curl_config_headers_are_refused_or_arrive_equal_and_bodies_always_arrive_equal(string label, string text)
    {
        using var server = new FakeNtfyServer();
        var config = new CurlConfig().Option("url", server.Url + "/t");
        var headerOk = CurlConfig.HeaderProblem(text) is null;
        if (headerOk)
        {
            config.Header("X-Hostile", text);
        }
        else
        {
            Assert.Throws<ArgumentException>(() => new CurlConfig().Header("X-Hostile", text));
        }
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            Assert.Throws<ArgumentException>(() => new CurlConfig().Body(text));
            return;
        }
        config.Body(text);

        var curl = ProcessRunner.Run("curl", ["--silent", "--show-error", "--fail", "--output", "/dev/null", "--config", "-"], stdin: config.ToString());

        Assert.True(curl.ExitCode == 0, $"{label}: {curl}");
        var request = Assert.Single(server.Requests);
        Assert.Equal(Encoding.UTF8.GetBytes(text), request.Body);
        if (headerOk)
        {
            Assert.Equal(text, Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(request.Header("X-Hostile")!)));
        }
    }

    [Fact]
    public void A_body_starting_with_at_is_sent_as_text_not_read_from_a_file()
    {
        using var server = new FakeNtfyServer();
        File.WriteAllText(_dir.File("secret"), "file content");
        var config = new CurlConfig().Option("url", server.Url + "/t").Body("@" + _dir.File("secret"));
        var curl = ProcessRunner.Run("curl", ["--silent", "--show-error", "--fail", "--output", "/dev/null", "--config", "-"], stdin: config.ToString());
        Assert.True(curl.ExitCode == 0, curl.ToString());
        Assert.Equal("@" + _dir.File("secret"), Assert.Single(server.Requests).BodyText);
    }

    private static bool Refused(Framework.Schema.IValueValidator validator, string text)
    {
        var diagnostics = new DiagnosticBag();
        validator.Validate(TfValue.String(text), AttrPath.Attribute("title"), diagnostics);
        return diagnostics.HasErrors;
    }

    /// <summary>Runs the script's own read_env (and what it needs) on <paramref name="envText"/>; returns cfg[key] byte for byte.</summary>
    private string ReadWithFailureNotify(string envText, string key)
    {
        var script = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "nixgen/Homelab.NixGen/Rendering/Scripts/failure-notify.sh"));
        var knownKeys = script.Single(l => l.StartsWith("known_keys=", StringComparison.Ordinal));
        var start = Array.IndexOf(script, "declare -A cfg");
        var end = Array.IndexOf(script, "}", start);
        Assert.True(start > 0 && end > start, "read_env not found in failure-notify.sh");
        var harness = string.Join('\n', [
            "set -uo pipefail",
            "log() { printf 'failure-notify: %s\\n' \"$*\" >&2; }",
            knownKeys,
            .. script[start..(end + 1)],
            "read_env \"$1\"",
            $"printf '%s' \"${{cfg[{key}]}}\" > \"$2\"",
        ]) + "\n";
        var env = _dir.File("alert.env");
        var output = _dir.File("value");
        File.WriteAllBytes(env, Encoding.UTF8.GetBytes(envText));
        var bash = ProcessRunner.Run("bash", ["-c", harness, "harness", env, output]);
        Assert.True(bash.ExitCode == 0, bash.ToString());
        return Encoding.UTF8.GetString(File.ReadAllBytes(output));
    }
}
