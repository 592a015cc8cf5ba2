using System.Text.RegularExpressions;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Ntfy;

/// <summary>
/// What the values of an alert may contain. Everything ends up as one line of
/// <c>&lt;state&gt;/ntfy/&lt;name&gt;.env</c> (parsed, never sourced, by nixgen's failure-notify.sh)
/// and then as an HTTP header or URL, so control characters, quotes and separators are refused here,
/// at validate time, before anything is written.
/// </summary>
internal static partial class NtfyValidation
{
    /// <summary>ntfy's own topic grammar (server/types.go: <c>topicRegex</c>).</summary>
    [GeneratedRegex("\\A[-_A-Za-z0-9]{1,64}\\z", RegexOptions.CultureInvariant)]
    public static partial Regex TopicRegex();

    /// <summary>Alert names become <c>ntfy/&lt;name&gt;.env</c> and drop-in names; same grammar as unit names.</summary>
    [GeneratedRegex("\\A[a-z0-9][a-z0-9_-]{0,62}\\z", RegexOptions.CultureInvariant)]
    public static partial Regex NameRegex();

    /// <summary>ntfy tags (emoji short codes or words), comma-separated in the Tags header: no comma, no space.</summary>
    [GeneratedRegex("\\A[A-Za-z0-9_+.-]{1,64}\\z", RegexOptions.CultureInvariant)]
    public static partial Regex TagRegex();

    /// <summary>Priority names and numbers ntfy accepts (docs "Message priority").</summary>
    public static readonly string[] Priorities = ["min", "low", "default", "high", "max", "urgent", "1", "2", "3", "4", "5"];

    /// <summary>A systemd service: <c>name</c>, <c>name.service</c>, <c>name@instance</c>, <c>name@instance.service</c>.</summary>
    [GeneratedRegex(@"\A[A-Za-z0-9_:][A-Za-z0-9_:-]{0,150}(@[A-Za-z0-9_:-][A-Za-z0-9_:.-]{0,99})?(\.service)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex UnitRegex();

    [GeneratedRegex("\\A[A-Za-z0-9._~-]{1,128}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex UsernameRegex();

    /// <summary>An absolute path in normal form: no empty, <c>.</c> or <c>..</c> segment, no trailing <c>/</c>.</summary>
    [GeneratedRegex(@"\A(?:/(?!\.\.?(?:/|\z))[^/]+)+\z", RegexOptions.CultureInvariant)]
    public static partial Regex AbsolutePathRegex();

    /// <summary>
    /// <c>token_file</c>/<c>password_file</c>: the path becomes one value of the env file
    /// (<see cref="NtfyEnvValue"/>: one visible line) that failure-notify.sh opens as is.
    /// </summary>
    public static IValueValidator SecretFile { get; } = Validators.Custom(
        "An absolute path on the host in normal form (no `.`, `..` or empty segments, no trailing `/`), one line of at most 4096 characters, e.g. `/run/secrets/ntfy-token`.",
        (v, p, d) =>
        {
            var s = v.AsString();
            if (CheckSecretFile(s) is { } problem)
            {
                d.AddError("Invalid secret file path", $"\"{Validators.Printable(s)}\": {problem}", p);
            }
        });

    /// <summary>Null when <paramref name="path"/> can name a secret file, else why not.</summary>
    public static string? CheckSecretFile(string path)
    {
        if (NtfyEnvValue.Problem(path) is { } line)
        {
            return line;
        }
        if (path.Length > 4096 || !AbsolutePathRegex().IsMatch(path))
        {
            return "use an absolute path in normal form (starting with `/`, no `.`, `..` or empty segments, no trailing `/`, at most 4096 characters), e.g. `/run/secrets/ntfy-token`.";
        }
        return null;
    }

    public static IValueValidator Url { get; } = Validators.Custom(
        "An absolute `http://` or `https://` URL without credentials, query or fragment, e.g. `https://ntfy.example.net`.",
        (v, p, d) =>
        {
            if (CheckUrl(v.AsString(), allowMailto: false) is { } problem)
            {
                d.AddError("Invalid ntfy server URL", $"\"{Validators.Printable(v.AsString())}\": {problem} Example: `https://ntfy.example.net`.", p);
            }
        });

    public static IValueValidator Click { get; } = Validators.Custom(
        "An absolute `http://`, `https://` or `mailto:` URL.",
        (v, p, d) =>
        {
            if (CheckUrl(v.AsString(), allowMailto: true) is { } problem)
            {
                d.AddError("Invalid click URL", $"\"{Validators.Printable(v.AsString())}\": {problem} Example: `https://wiki.example.net/runbooks/backups`.", p);
            }
        });

    public static IValueValidator Tags { get; } = Validators.Custom(
        "Each tag: 1-64 ASCII letters, digits, `_ + . -` (emoji short codes such as `warning` or `rotating_light` show as emojis).",
        (v, p, d) =>
        {
            for (var i = 0; i < v.Elements.Length; i++)
            {
                var e = v.Elements[i];
                if (e.IsKnown && !TagRegex().IsMatch(e.AsString()))
                {
                    d.AddError("Invalid tag", $"\"{Validators.Printable(e.AsString())}\" is not a valid tag: use 1-64 ASCII letters, digits, `_`, `+`, `.` or `-` (no commas or spaces; one tag per list element).", p.Index(i));
                }
                else if (e.IsNull)
                {
                    d.AddError("Invalid tag", "A tag may not be null.", p.Index(i));
                }
            }
        });

    public static IValueValidator Units { get; } = Validators.Custom(
        "Each entry: a service name such as `incus.service`, `zfs-scrub` (`.service` is implied) or `foo@bar.service`; templates (`foo@.service`) and `failure-notify@` itself are refused.",
        (v, p, d) =>
        {
            if (v.Elements.Length == 0)
            {
                d.AddError("Empty unit list", "`units = []` adds nothing: leave `units` unset to watch only the provider's own units, or list the host units to watch as well.", p);
            }
            foreach (var e in v.Elements)
            {
                if (e.IsKnown && CheckUnit(e.AsString()) is { } problem)
                {
                    d.AddError("Invalid unit name", $"\"{Validators.Printable(e.AsString())}\": {problem}", p);
                }
            }
        });

    public static IValueValidator Title { get; } = Validators.Custom(
        "1-250 characters of one visible line, no leading or trailing whitespace; `{host}` and `{unit}` are replaced when the alert is sent.",
        (v, p, d) =>
        {
            var s = v.AsString();
            if (s.Length is 0 or > 250)
            {
                d.AddError("Invalid title", $"\"{Validators.Printable(s)}\" must be 1-250 characters, e.g. `{{host}}: {{unit}} failed`.", p);
            }
            else if ((NtfyEnvValue.Problem(s) ?? CurlConfig.HeaderProblem(s)) is { } problem)
            {
                // The title is a line of the env file and then the Title header of every alert.
                d.AddError("Invalid title", $"\"{Validators.Printable(s)}\": {problem} Example: `{{host}}: {{unit}} failed`.", p);
            }
        });

    public static IValueValidator Username { get; } = Validators.Custom(
        "1-128 ASCII letters, digits, `. _ ~ -` (no `:`, which would end the user part of HTTP basic auth).",
        (v, p, d) =>
        {
            if (!UsernameRegex().IsMatch(v.AsString()))
            {
                d.AddError("Invalid username", $"\"{Validators.Printable(v.AsString())}\" is not a valid ntfy user name: use 1-128 ASCII letters, digits, `.`, `_`, `~` or `-`.", p);
            }
        });

    /// <summary>Tokens go into an <c>Authorization: Bearer</c> header: printable ASCII without spaces.</summary>
    public static IValueValidator Token { get; } = Validators.Custom(
        "Printable ASCII without spaces, e.g. `tk_…` from `ntfy token add`.",
        (v, p, d) =>
        {
            var s = v.AsString();
            if (s.Length is 0 or > 1024 || s.Any(c => c <= ' ' || c > '~'))
            {
                // Never echo the value: it is a secret.
                d.AddError("Invalid token", $"The token ({s.Length} characters) must be 1-1024 printable ASCII characters without spaces or line breaks (ntfy tokens look like `tk_…`).", p);
            }
        });

    public static IValueValidator Password { get; } = Validators.Custom(
        "1-1024 characters without control characters.",
        (v, p, d) =>
        {
            var s = v.AsString();
            if (s.Length is 0 or > 1024 || s.Any(char.IsControl))
            {
                d.AddError("Invalid password", $"The password ({s.Length} characters) must be 1-1024 characters without line breaks or other control characters.", p);
            }
        });

    /// <summary>Null when <paramref name="unit"/> is a watchable service name, else why not.</summary>
    public static string? CheckUnit(string unit)
    {
        if (!UnitRegex().IsMatch(unit))
        {
            return "use a service name of ASCII letters, digits, `_ : -` (optionally `@instance` and the `.service` suffix), e.g. `incus.service`.";
        }
        if (unit.StartsWith("failure-notify", StringComparison.Ordinal))
        {
            return "the notifier itself is never watched (a failing notifier would trigger itself without end).";
        }
        return null;
    }

    /// <summary>Null when <paramref name="url"/> is acceptable, else why not.</summary>
    public static string? CheckUrl(string url, bool allowMailto)
    {
        if (url.Length > 2000 || Validators.SingleLineProblem(url) is not null || url.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\' or '`'))
        {
            return "the URL contains spaces, control or invisible format characters, quotes or backslashes (or is over 2000 characters).";
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "not an absolute URL.";
        }
        if (allowMailto && uri.Scheme == "mailto")
        {
            return null;
        }
        if (uri.Scheme is not ("http" or "https") || !url.StartsWith(uri.Scheme + "://", StringComparison.OrdinalIgnoreCase))
        {
            return allowMailto ? "use an http://, https:// or mailto: URL." : "use an http:// or https:// URL.";
        }
        if (uri.Host.Length == 0)
        {
            return "the URL has no host.";
        }
        if (!allowMailto && (uri.UserInfo.Length > 0 || url.Contains('@', StringComparison.Ordinal)))
        {
            return "credentials do not belong in the URL (they would be stored in plain text); use `token_wo` or `username` + `password_wo`.";
        }
        if (!allowMailto && (url.Contains('?', StringComparison.Ordinal) || url.Contains('#', StringComparison.Ordinal)))
        {
            return "the base URL may not have a query or fragment: the topic is appended as `<url>/<topic>`.";
        }
        return null;
    }

    /// <summary>Cross-attribute rules; values may be unknown (checked only when known).</summary>
    public static void ValidateConfig(TfValue config, DiagnosticBag d)
    {
        if (config["watch_provider_units"].IsKnown && !config["watch_provider_units"].AsBool() && config["units"].IsNull)
        {
            d.AddError("Nothing to watch", "With `watch_provider_units = false`, list the units this target watches in `units`, e.g. `[\"incus.service\"]`.", AttrPath.Attribute("units"));
        }
        ValidateAuth(config, d);
    }

    private static void ValidateAuth(TfValue config, DiagnosticBag d)
    {
        ValidateSecretSource(config, d, "token", "sops-nix");
        ValidateSecretSource(config, d, "password", "agenix");
        var (token, tokenFile, user) = (config["token_wo"], config["token_file"], config["username"]);
        var (password, passwordFile) = (config["password_wo"], config["password_file"]);
        if ((!token.IsNull || !tokenFile.IsNull) && !user.IsNull)
        {
            d.AddError("Two kinds of authentication", $"Set either a token (`{(token.IsNull ? "token_file" : "token_wo")}`) or `username` + `password_wo`/`password_file` (basic auth), not both.", AttrPath.Attribute("username"));
        }
        if (user.IsKnown && password.IsNull && passwordFile.IsNull)
        {
            d.AddError("Missing password", "`username` needs `password_wo` (and `password_wo_version`) or `password_file`.", AttrPath.Attribute("password_wo"));
        }
        if (user.IsNull && (!password.IsNull || !passwordFile.IsNull))
        {
            var given = password.IsNull ? "password_file" : "password_wo";
            d.AddError("Password without user", $"`{given}` needs `username`.", AttrPath.Attribute(password.IsNull ? given : "username"));
        }
    }

    /// <summary>
    /// The rules of one secret <paramref name="name"/>: either <c>&lt;name&gt;_wo</c> (with
    /// <c>&lt;name&gt;_wo_version</c>, since a write-only value is never stored and only a version
    /// change can say it changed) or <c>&lt;name&gt;_file</c> (the user's file on the host), not both.
    /// </summary>
    private static void ValidateSecretSource(TfValue config, DiagnosticBag d, string name, string manager)
    {
        var (value, version, file) = (config[$"{name}_wo"], config[$"{name}_wo_version"], config[$"{name}_file"]);
        var title = char.ToUpperInvariant(name[0]) + name[1..];
        if (!value.IsNull && !file.IsNull)
        {
            d.AddError($"Conflicting {name} sources", $"Set either `{name}_wo` (written to the host by the provider) or `{name}_file` (a file already on the host, e.g. from {manager}), not both.", AttrPath.Attribute($"{name}_file"));
        }
        if (value.IsKnown && version.IsNull)
        {
            d.AddError($"Missing {name} version", $"Set `{name}_wo_version` whenever `{name}_wo` is set (e.g. `1`); bump it to apply a new {name}: write-only values are not stored, so a changed {name} cannot be detected otherwise.", AttrPath.Attribute($"{name}_wo_version"));
        }
        if (value.IsNull && version.IsKnown)
        {
            d.AddError($"{title} version without {name}", file.IsNull
                ? $"`{name}_wo_version` is set but `{name}_wo` is not. Set both, or neither."
                : $"`{name}_wo_version` versions `{name}_wo`; with `{name}_file` the host's file is read at every send. Remove `{name}_wo_version`.",
                AttrPath.Attribute(file.IsNull ? $"{name}_wo" : $"{name}_wo_version"));
        }
    }
}
