using System.Security.Cryptography;
using System.Text;

namespace Homelab.Provider.Restic;

/// <summary>
/// The files of one job under <c>&lt;state&gt;/restic/&lt;name&gt;/</c> (docs/design/restic-jobs.md) and
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

    /// <summary>
    /// Suffix of a staged file: an apply writes <c>repository.new</c>, <c>password.new</c> and
    /// <c>environment.new</c> beside the live files, proves that they open the repository, and
    /// only then replaces the live ones, so a refused apply leaves the running job untouched.
    /// </summary>
    public const string StagedSuffix = ".new";

    /// <summary>Directory of the per-repository init locks (a name no job can have: job names hold no '+').</summary>
    public const string InitLocks = "restic/+init-locks";

    public static string DirOf(string name) => $"{Directory}/{name}";

    public static string PathOf(string name, string file) => $"{Directory}/{name}/{file}";

    /// <summary>The lock file serialising <c>restic init</c> of <paramref name="repository"/> (named by a hash: the location may hold a credential).</summary>
    public static string InitLockOf(string repository) =>
        $"{InitLocks}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repository)))[..32]}";

    public static string RenderLines(IEnumerable<string> lines)
    {
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            sb.Append(line).Append('\n');
        }
        return sb.ToString();
    }
}
