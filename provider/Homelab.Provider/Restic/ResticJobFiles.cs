using System.Text;

namespace Homelab.Provider.Restic;

/// <summary>
/// The files of one job under <c>&lt;state&gt;/restic/&lt;name&gt;/</c> (DESIGN.md, host contract) and
/// their content. Secrets (password, environment) and the repository location (it may embed
/// credentials) are mode 0600; restic reads each from its file, so nothing secret is ever an argument.
/// </summary>
internal static class ResticJobFiles
{
    public const string Directory = "restic";

    /// <summary>The manifest: the job's non-secret settings as cty JSON, so refresh and import can rebuild the state.</summary>
    public const string Manifest = "job.json";

    public const string Repository = "repository";

    public const string Password = "password";

    public const string Environment = "environment";

    public const string Paths = "paths";

    public const string Excludes = "excludes";

    /// <summary>flock(1) file shared by the job's backup, forget and check units, so they never fight over restic's repository lock.</summary>
    public const string Lock = "lock";

    public static string DirOf(string name) => $"{Directory}/{name}";

    public static string PathOf(string name, string file) => $"{Directory}/{name}/{file}";

    public static string RenderLines(IEnumerable<string> lines)
    {
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            sb.Append(line).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// <c>KEY="value"</c> lines, readable by systemd's <c>EnvironmentFile=</c> and by POSIX <c>sh</c>
    /// alike: inside double quotes both take <c>\\</c>, <c>\"</c>, <c>\$</c> and <c>\`</c> as the
    /// literal character, so no value is ever expanded. Keys and values are validated (identifier
    /// keys, no control characters).
    /// </summary>
    public static string RenderEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        var sb = new StringBuilder("# Written by terraform-provider-homelab (homelab_restic_job). Do not edit.\n");
        foreach (var (key, value) in environment.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sb.Append(key).Append("=\"");
            foreach (var c in value)
            {
                if (c is '\\' or '"' or '$' or '`')
                {
                    sb.Append('\\');
                }
                sb.Append(c);
            }
            sb.Append("\"\n");
        }
        return sb.ToString();
    }
}
