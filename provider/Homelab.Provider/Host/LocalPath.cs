using Homelab.Provider.Framework.Schema;

namespace Homelab.Provider.Host;

/// <summary>
/// Paths of files on the machine running tofu (<c>private_key_file</c>, <c>known_hosts_file</c>
/// and their <c>HOMELAB_*</c> defaults): one line of text, and a leading <c>~</c> or <c>~/</c> means
/// the home directory of the user running tofu, as in ssh and the shell (the documented examples
/// use <c>~/.ssh/…</c>; without expansion they name a directory called <c>~</c> in the working
/// directory). <c>~user/</c> is refused rather than guessed.
/// </summary>
internal static class LocalPath
{
    /// <summary>Null when <paramref name="path"/> is usable, else why not (a sentence).</summary>
    public static string? Problem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return "The path is empty.";
        }
        if (Validators.SingleLineProblem(path) is { } line)
        {
            return $"The path {line}";
        }
        if (path[0] == '~' && path.Length > 1 && path[1] != '/')
        {
            return "`~user/…` is not expanded; write the absolute path, or `~/…` for the home directory of the user running tofu.";
        }
        return null;
    }

    public static readonly IValueValidator Validator = Validators.Custom(
        "A path on the machine running tofu; `~/` is its user's home directory.",
        (v, p, d) =>
        {
            if (Problem(v.AsString()) is { } problem)
            {
                d.AddError("Invalid path", $"\"{Validators.Printable(v.AsString())}\": {problem}", p);
            }
        });

    /// <summary><paramref name="path"/> with a leading <c>~</c> replaced by <paramref name="home"/>; null when it needs a home that is unknown.</summary>
    public static string? Expand(string path, string? home)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path != "~" && !path.StartsWith("~/", StringComparison.Ordinal))
        {
            return path;
        }
        return string.IsNullOrEmpty(home) ? null : home.TrimEnd('/') + path[1..];
    }
}
