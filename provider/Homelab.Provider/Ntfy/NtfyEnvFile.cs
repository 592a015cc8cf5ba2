using System.Globalization;
using System.Text;

namespace Homelab.Provider.Ntfy;

/// <summary>
/// <c>&lt;state&gt;/ntfy/&lt;name&gt;.env</c>: the alert target in the format nixgen's
/// <c>failure-notify.sh</c> parses (docs/nixgen.md, "failure-notify contract"): <c>KEY="value"</c>
/// lines, comments allowed, one pair of quotes stripped, nothing expanded; every value goes
/// through <see cref="NtfyEnvValue"/>, the one encoder of that format. What the contract has no
/// key for (the versions of the write-only secrets, <c>send_test</c>) is kept in a comment line
/// the script ignores, so import and refresh can rebuild the whole resource from the host.
/// </summary>
internal static class NtfyEnvFile
{
    public const string Directory = "ntfy";

    /// <summary>Every unit the provider generates (docs/design/units.md), as a failure-notify.sh pattern.</summary>
    public const string ProviderUnitsPattern = "homelab-*";
    private const string MetaPrefix = "# homelab_ntfy_alert:";

    public static string EnvPath(string name) => $"{Directory}/{name}.env";

    public static string TokenPath(string name) => $"{Directory}/{name}.token";

    public static string PasswordPath(string name) => $"{Directory}/{name}.password";

    /// <summary>The file text; <paramref name="absolutePathOf"/> maps a state-relative path to the host path.</summary>
    public static string Render(NtfyAlert a, Func<string, string> absolutePathOf)
    {
        var sb = new StringBuilder();
        sb.Append("# Written by terraform-provider-homelab for homelab_ntfy_alert \"").Append(a.Name).Append("\"; read by failure-notify.sh.\n");
        sb.Append("# Do not edit: the next apply overwrites it.\n");
        sb.Append(MetaPrefix)
            .Append(" send_test=").Append(a.SendTest ? "true" : "false")
            .Append(" token_wo_version=").Append(a.TokenVersion?.ToString(CultureInfo.InvariantCulture) ?? "")
            .Append(" password_wo_version=").Append(a.PasswordVersion?.ToString(CultureInfo.InvariantCulture) ?? "")
            .Append('\n');
        Line(sb, "NTFY_URL", a.Url);
        Line(sb, "NTFY_TOPIC", a.Topic);
        Line(sb, "NTFY_PRIORITY", a.Priority);
        Line(sb, "NTFY_TAGS", string.Join(',', a.Tags));
        Line(sb, "NTFY_TITLE", a.Title);
        if (a.Click is not null)
        {
            Line(sb, "NTFY_CLICK", a.Click);
        }
        Line(sb, "NTFY_MAX_BODY_BYTES", a.MaxBodyBytes.ToString(CultureInfo.InvariantCulture));
        // The provider's own 0600 file for a write-only secret, or the user's file (token_file,
        // password_file), which the script reads when it sends.
        if (a.TokenFile is not null)
        {
            Line(sb, "NTFY_TOKEN_FILE", a.TokenFile);
        }
        else if (a.TokenVersion is not null)
        {
            Line(sb, "NTFY_TOKEN_FILE", absolutePathOf(TokenPath(a.Name)));
        }
        if (a.Username is not null)
        {
            Line(sb, "NTFY_USER", a.Username);
            Line(sb, "NTFY_PASSWORD_FILE", a.PasswordFile ?? absolutePathOf(PasswordPath(a.Name)));
        }
        // Always written: an empty NTFY_UNITS would mean "every unit", including host units that
        // other alerts attached.
        Line(sb, "NTFY_UNITS", string.Join(' ', (a.WatchProviderUnits ? [ProviderUnitsPattern] : Array.Empty<string>()).Concat(a.Units ?? [])));
        return sb.ToString();
    }

    /// <summary>
    /// Rebuilds the alert from the file (the same parsing rules as the script). The provider's own
    /// secrets are represented by their versions; a missing secret file is reported through
    /// <paramref name="secretFiles"/> (names present in <c>ntfy/</c>) by dropping the version, so the
    /// next plan rewrites it. A secret path other than the provider's own (<paramref name="absolutePathOf"/>
    /// maps a state-relative path to the host path) is the user's <c>token_file</c> or <c>password_file</c>.
    /// </summary>
    public static NtfyAlert Parse(string name, string? remote, string text, IReadOnlyCollection<string> secretFiles, Func<string, string> absolutePathOf)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').TrimStart();
            if (line.StartsWith(MetaPrefix, StringComparison.Ordinal))
            {
                foreach (var pair in line[MetaPrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq > 0)
                    {
                        meta[pair[..eq]] = pair[(eq + 1)..];
                    }
                }
                continue;
            }
            if (NtfyEnvValue.Decode(raw) is { Key.Length: > 0 } kv)
            {
                values[kv.Key] = kv.Value;
            }
        }

        string? Get(string key) => values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        long? Version(string key) => meta.TryGetValue(key, out var v) && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

        var words = Get("NTFY_UNITS")?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var extraUnits = words?.Where(w => w != ProviderUnitsPattern).ToList();
        var tokenPath = Get("NTFY_TOKEN_FILE");
        var ownToken = tokenPath is not null && tokenPath == absolutePathOf(TokenPath(name));
        var tokenVersion = ownToken && secretFiles.Contains($"{name}.token") ? Version("token_wo_version") ?? 0 : (long?)null;
        var user = Get("NTFY_USER");
        var passwordPath = user is null ? null : Get("NTFY_PASSWORD_FILE");
        var ownPassword = passwordPath is not null && passwordPath == absolutePathOf(PasswordPath(name));
        var passwordVersion = ownPassword && secretFiles.Contains($"{name}.password")
            ? Version("password_wo_version") ?? 0
            : (long?)null;
        return new NtfyAlert
        {
            Name = name,
            Remote = remote,
            Url = Get("NTFY_URL") ?? "",
            Topic = Get("NTFY_TOPIC") ?? "",
            Priority = Get("NTFY_PRIORITY") ?? NtfyAlert.DefaultPriority,
            Tags = Get("NTFY_TAGS") is { } tags ? tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : NtfyAlert.DefaultTags,
            Title = Get("NTFY_TITLE") ?? NtfyAlert.DefaultTitle,
            Click = Get("NTFY_CLICK"),
            MaxBodyBytes = long.TryParse(Get("NTFY_MAX_BODY_BYTES"), NumberStyles.None, CultureInfo.InvariantCulture, out var max) ? max : NtfyAlert.DefaultMaxBodyBytes,
            Units = extraUnits is { Count: > 0 } ? extraUnits : null,
            WatchProviderUnits = words is null || words.Contains(ProviderUnitsPattern),
            SendTest = !meta.TryGetValue("send_test", out var st) || st != "false",
            TokenVersion = tokenVersion,
            TokenFile = ownToken ? null : tokenPath,
            Username = user,
            PasswordVersion = passwordVersion,
            PasswordFile = ownPassword ? null : passwordPath,
        };
    }

    private static void Line(StringBuilder sb, string key, string value) => sb.Append(NtfyEnvValue.Line(key, value));
}
