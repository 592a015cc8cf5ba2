using System.Text;
using System.Text.RegularExpressions;

namespace Homelab.Provider.Tests.Ntfy;

/// <summary>
/// Hostile and wrong values are refused by terraform plan with an error on the right resource, and
/// nothing reaches the host: no file, no curl, no request.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed partial class NtfyAlertValidationTests : IDisposable
{
    private readonly NtfyTestHost _host = new();

    public void Dispose() => _host.Dispose();

    /// <summary>Label → attribute lines of one bad resource (besides name/url/topic defaults) → expected summary.</summary>
    public static TheoryData<string, string, string> BadResources => new()
    {
        { "topic_dots", "topic = \"../etc\"", "Invalid value" },
        { "topic_space", "topic = \"a b\"", "Invalid value" },
        { "topic_header", "topic = \"x\\nAuthorization: Bearer stolen\"", "Invalid value" },
        { "topic_long", $"topic = \"{new string('a', 65)}\"", "Invalid value" },
        { "url_credentials", "url = \"http://user:pw@127.0.0.1:1\"", "Invalid ntfy server URL" },
        { "url_file", "url = \"file:///etc/passwd\"", "Invalid ntfy server URL" },
        { "url_query", "url = \"http://127.0.0.1:1/?x=1\"", "Invalid ntfy server URL" },
        { "url_header", "url = \"http://127.0.0.1:1/\\nX-Evil: 1\"", "Invalid ntfy server URL" },
        { "url_quote", "url = \"http://127.0.0.1:1/\\\"x\"", "Invalid ntfy server URL" },
        { "tag_comma", "tags = [\"a,b\"]", "Invalid tag" },
        { "tag_header", "tags = [\"ok\", \"x\\r\\nAuthorization: y\"]", "Invalid tag" },
        { "unit_notifier", "units = [\"failure-notify@x.service\"]", "Invalid unit name" },
        { "unit_path", "units = [\"../../etc/passwd\"]", "Invalid unit name" },
        { "unit_timer", "units = [\"zfs-scrub.timer\"]", "Invalid unit name" },
        { "unit_template", "units = [\"foo@.service\"]", "Invalid unit name" },
        { "units_empty", "units = []", "Empty unit list" },
        { "nothing_to_watch", "watch_provider_units = false", "Nothing to watch" },
        { "title_newline", "title = \"a\\nb\"", "Invalid title" },
        { "click_js", "click = \"javascript:alert(1)\"", "Invalid click URL" },
        { "priority_panic", "priority = \"panic\"", "Invalid value" },
        { "body_too_big", "max_body_bytes = 5000", "Invalid number" },
        { "token_no_version", "token_wo = \"tk_abc\"", "Missing token version" },
        { "token_and_user", "token_wo = \"tk_abc\"\n  token_wo_version = 1\n  username = \"u\"\n  password_wo = \"p\"\n  password_wo_version = 1", "Two kinds of authentication" },
        { "token_newline", "token_wo = \"tk_abc\\nX-Evil: 1\"\n  token_wo_version = 1", "Invalid token" },
        { "user_colon", "username = \"a:b\"\n  password_wo = \"p\"\n  password_wo_version = 1", "Invalid username" },
        { "user_no_password", "username = \"u\"", "Missing password" },
        { "token_file_relative", "token_file = \"run/secrets/ntfy-token\"", "Invalid secret file path" },
        { "token_file_dotdot", "token_file = \"/run/secrets/../../etc/shadow\"", "Invalid secret file path" },
        { "token_file_newline", "token_file = \"/run/secrets/t\\nNTFY_URL=x\"", "Invalid secret file path" },
        { "token_file_and_wo", "token_file = \"/run/secrets/t\"\n  token_wo = \"tk_abc\"\n  token_wo_version = 1", "Conflicting token sources" },
        { "password_file_and_wo", "password_file = \"/run/secrets/p\"\n  username = \"u\"\n  password_wo = \"p\"\n  password_wo_version = 1", "Conflicting password sources" },
        { "password_file_no_user", "password_file = \"/run/secrets/p\"", "Password without user" },

        // Trailing newlines (.NET's `$` matched before one) and invisible characters (issue 11, defect 4).
        { "name_trailing_newline", "name = \"phone\\n\"", "Invalid value" },
        { "topic_trailing_newline", "topic = \"alerts\\n\"", "Invalid value" },
        { "tag_trailing_newline", "tags = [\"backup\\n\"]", "Invalid tag" },
        { "unit_trailing_newline", "units = [\"incus.service\\n\"]", "Invalid unit name" },
        { "title_bom", "title = \"\\uFEFF{host} failed\"", "Invalid title" },
        { "title_rtl_override", "title = \"{host}\\u202E failed\"", "Invalid title" },
        { "title_line_separator", "title = \"{host}\\u2028failed\"", "Invalid title" },
        { "title_trailing_space", "title = \"{host} failed \"", "Invalid title" },
        { "click_bom", "click = \"https://wiki.example.net/\\uFEFF\"", "Invalid click URL" },
    };

    /// <summary>Rows whose error must be on the attribute of their first line (the others may be cross-attribute).</summary>
    private static readonly HashSet<string> OnTheAttribute =
    [
        "topic_header", "url_header", "tag_header", "title_newline", "token_newline",
        "token_file_relative", "token_file_dotdot", "token_file_newline", "token_file_and_wo", "password_file_and_wo", "password_file_no_user",
        "name_trailing_newline", "topic_trailing_newline", "tag_trailing_newline", "unit_trailing_newline",
        "title_bom", "title_rtl_override", "title_line_separator", "title_trailing_space", "click_bom",
    ];

    [Fact]
    public void Every_hostile_value_is_refused_at_plan_time_and_nothing_is_written_or_sent()
    {
        var hcl = new StringBuilder();
        var n = 0;
        foreach (var row in BadResources)
        {
            var (label, attrs) = ((string)row[0], (string)row[1]);
            var lines = attrs.Split('\n').Select(l => l.Trim()).ToList();
            hcl.Append($$"""
                resource "homelab_ntfy_alert" "{{label}}" {

                """);
            if (!lines.Any(l => l.StartsWith("name ", StringComparison.Ordinal)))
            {
                hcl.Append($"  name = \"bad{n++}\"\n");
            }
            if (!lines.Any(l => l.StartsWith("url ", StringComparison.Ordinal)))
            {
                hcl.Append($"  url = \"{_host.Server.Url}\"\n");
            }
            if (!lines.Any(l => l.StartsWith("topic ", StringComparison.Ordinal)))
            {
                hcl.Append("  topic = \"t\"\n");
            }
            foreach (var l in lines)
            {
                hcl.Append("  ").Append(l).Append('\n');
            }
            hcl.Append("}\n\n");
        }
        hcl.Append("""
            resource "homelab_ntfy_alert" "bad_name" {
              name  = "../Phone"
              url   = "http://127.0.0.1:1"
              topic = "t"
            }
            """);
        _host.Workspace.WriteConfig(hcl.ToString());

        var plan = _host.Workspace.Plan();

        Assert.Equal(1, plan.ExitCode);
        var errors = ErrorBlocks(plan.Stderr);
        foreach (var row in BadResources)
        {
            var (label, attrs, summary) = ((string)row[0], (string)row[1], (string)row[2]);
            // terraform quotes the source line the diagnostic's attribute path points at, so the
            // first line of the row proves the error is on that attribute, not the resource.
            var attributeLine = attrs.Split('\n')[0].Trim();
            Assert.True(
                errors.Any(e => e.Contains($"Error: {summary}", StringComparison.Ordinal)
                    && e.Contains($"\"homelab_ntfy_alert\" \"{label}\"", StringComparison.Ordinal)
                    && (!OnTheAttribute.Contains(label) || e.Contains(attributeLine, StringComparison.Ordinal))),
                $"no \"{summary}\" error on `{attributeLine}` for {label} in:\n{plan.Stderr}");
        }
        Assert.Contains(errors, e => e.Contains("\"bad_name\"", StringComparison.Ordinal));
        // terraform quotes the offending source line itself; our detail never echoes a secret.
        Assert.Contains("The token (16 characters) must be", plan.Stderr, StringComparison.Ordinal);
        Assert.Empty(_host.StateFiles());
        Assert.Empty(_host.Server.Requests);
        Assert.Equal("", _host.CurlArgv);
    }

    private static List<string> ErrorBlocks(string stderr) =>
        [.. ErrorStart().Split(stderr).Where(b => b.Contains("Error:", StringComparison.Ordinal))];

    [GeneratedRegex(@"(?=Error: )")]
    private static partial Regex ErrorStart();
}
